package io.tasvie.gateway.card;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns a card number into a token at the edge: a keyed hash, so the same card always gets the same
 * token (for saved cards and fraud checks) and the number cannot be recovered from it.
 */
@ApplicationScoped
public class CardVault {

  private final SecretKeySpec key;

  public CardVault(@ConfigProperty(name = "tasvie.card.token-key") String tokenKey) {
    this.key = new SecretKeySpec(tokenKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String tokenise(CardNumber card) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] hash = mac.doFinal(card.digits().getBytes(StandardCharsets.US_ASCII));
      return "tok_" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
