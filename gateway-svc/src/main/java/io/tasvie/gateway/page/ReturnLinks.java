package io.tasvie.gateway.page;

import io.smallrye.jwt.build.Jwt;
import io.tasvie.gateway.payment.Payment;
import io.tasvie.gateway.payment.PaymentStatus;
import io.tasvie.gateway.signing.PlatformKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The address the payer returns to: the merchant's redirect URL with {@code Res} (the legacy
 * parameter), {@code Status} ({@code OK} when paid) and, after the outcome, {@code Sig}: a JWT
 * signed with the platform's key (its {@code kid} the key index in {@code
 * /.well-known/tasvie-keys}) that says the same, so a merchant can trust it without calling back.
 */
@ApplicationScoped
public class ReturnLinks {

  private final PlatformKeys keys;

  public ReturnLinks(PlatformKeys keys) {
    this.keys = keys;
  }

  /** The return after the payment's outcome, with {@code Sig}. */
  public String returnUrl(Payment payment, String merchantNumber) {
    String status = isPaid(payment) ? "OK" : "NOK";
    String signature =
        Jwt.issuer("tasvie")
            .subject(payment.getId().toString())
            .audience(merchantNumber)
            .claim("res", payment.getMerchantReference())
            .claim("status", status)
            .claim("amount", payment.getAmount())
            .claim("currency", payment.getCurrency())
            .expiresIn(Duration.ofHours(1))
            .jws()
            .keyId(keys.keyIndex())
            .sign(keys.privateKey());
    return url(payment, status) + "&Sig=" + signature;
  }

  /**
   * The payer's "cancel" before paying: {@code Status=NOK} needs no signature (nothing was paid,
   * and the merchant ships nothing on NOK), and not signing spares an RSA operation per page view.
   */
  public String cancelUrl(Payment payment) {
    return url(payment, "NOK");
  }

  private static String url(Payment payment, String status) {
    String url = payment.getRedirectUrl();
    return url
        + (url.contains("?") ? "&" : "?")
        + "Res="
        + encode(payment.getMerchantReference())
        + "&Status="
        + status
        + "&PaymentId="
        + payment.getId();
  }

  public static boolean isPaid(Payment payment) {
    return payment.getStatus() == PaymentStatus.AUTHORIZED
        || payment.getStatus() == PaymentStatus.CAPTURED;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
