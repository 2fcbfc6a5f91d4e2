package io.tasvie.gateway.page;

import io.tasvie.common.crypto.HmacKey;
import io.tasvie.gateway.payment.config.CheckoutConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * CSRF protection for the card form: the page sets a random cookie and puts a keyed hash of that
 * cookie and the payment id into the form; a POST is accepted only when the two agree. Another site
 * can make the browser send the cookie but can neither read it nor compute the hash.
 */
@ApplicationScoped
public class FormTokens {

  public static final String COOKIE = "tasvie_form";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final HmacKey key;

  public FormTokens(CheckoutConfig config) {
    this.key = new HmacKey(config.pageKey());
  }

  public String newCookieValue() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public String formToken(String cookieValue, UUID paymentId) {
    return key.tag(cookieValue + ":" + paymentId);
  }

  public boolean matches(String cookieValue, String formToken, UUID paymentId) {
    if (cookieValue == null || formToken == null) {
      return false;
    }
    return MessageDigest.isEqual(
        formToken(cookieValue, paymentId).getBytes(StandardCharsets.US_ASCII),
        formToken.getBytes(StandardCharsets.US_ASCII));
  }
}
