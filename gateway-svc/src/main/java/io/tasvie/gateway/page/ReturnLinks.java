package io.tasvie.gateway.page;

import io.smallrye.jwt.build.Jwt;
import io.tasvie.gateway.payment.Payment;
import io.tasvie.gateway.payment.PaymentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The address the payer returns to: the merchant's redirect URL with {@code Res} (the legacy
 * parameter), {@code Status} ({@code OK} when paid) and {@code Sig}, a JWT signed with the
 * platform's key that says the same, so a merchant can trust the status without calling back.
 */
@ApplicationScoped
public class ReturnLinks {

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
            .sign();
    String url = payment.getRedirectUrl();
    return url
        + (url.contains("?") ? "&" : "?")
        + "Res="
        + encode(payment.getMerchantReference())
        + "&Status="
        + status
        + "&PaymentId="
        + payment.getId()
        + "&Sig="
        + signature;
  }

  public static boolean isPaid(Payment payment) {
    return payment.getStatus() == PaymentStatus.AUTHORIZED
        || payment.getStatus() == PaymentStatus.CAPTURED;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
