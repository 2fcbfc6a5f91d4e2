package io.tasvie.gateway.legacy;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.crypto.SecretHasher;
import io.tasvie.gateway.auth.lockout.CredentialGuard;
import io.tasvie.gateway.merchant.Merchant;
import io.tasvie.gateway.merchant.service.MerchantService;
import io.tasvie.gateway.payment.Payment;
import io.tasvie.gateway.payment.service.PaymentService;
import io.tasvie.gateway.payment.service.PaymentService.Verification;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The legacy {@code PayRep(ID, Rmz, Res)}: authenticates the merchant by its gateway password, then
 * reports the payment, capturing it if it is authorised and still in its verify window (for legacy
 * merchants PayRep is the verification).
 */
@ApplicationScoped
public class PayRepService {

  private static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");

  private final MerchantService merchants;
  private final PaymentService payments;
  private final SecretHasher hasher;
  private final CredentialGuard lockout;

  public PayRepService(
      MerchantService merchants,
      PaymentService payments,
      SecretHasher hasher,
      CredentialGuard lockout) {
    this.merchants = merchants;
    this.payments = payments;
    this.hasher = hasher;
    this.lockout = lockout;
  }

  /**
   * PayRep for a caller at {@code source}. The {@code Rmz} is the merchant secret, so a wrong one
   * counts against the same {@link CredentialGuard} counter as a wrong secret at the token
   * endpoint; a locked merchant or a throttled source answers {@code Err} 2.
   */
  public Uni<PayRepResult> payRep(String merchantNumber, String rmz, String res, String source) {
    if (isBlank(merchantNumber) || isBlank(rmz) || isBlank(res)) {
      return Uni.createFrom().item(PayRepResult.of(PayRepCode.MISSING_PARAMETERS));
    }
    return merchants
        .findByMerchantNumber(merchantNumber.strip())
        .chain(
            merchant -> {
              String credential = merchant == null ? null : merchant.getMerchantNumber();
              return lockout
                  .admit(credential, source)
                  .chain(
                      admission -> {
                        if (!admission.open()) {
                          return Uni.createFrom().item(PayRepResult.of(PayRepCode.LOCKED_OUT));
                        }
                        // An unknown ID is hashed too: it answers as slowly as a wrong Rmz.
                        return hasher
                            .matches(rmz, merchant == null ? null : merchant.getSecretHash())
                            .call(matches -> lockout.settle(credential, source, matches))
                            .chain(
                                matches ->
                                    matches
                                        ? report(merchant, res.strip())
                                        : Uni.createFrom()
                                            .item(PayRepResult.of(PayRepCode.WRONG_CREDENTIALS)));
                      });
            });
  }

  private Uni<PayRepResult> report(Merchant merchant, String res) {
    return payments
        .findByReference(merchant.getId(), res)
        .chain(
            payment ->
                payment == null
                    ? Uni.createFrom().item(PayRepResult.of(PayRepCode.UNKNOWN_RES))
                    : payments
                        .verify(merchant.getId(), payment.getId(), null)
                        .map(PayRepService::toResult));
  }

  private static PayRepResult toResult(Verification verification) {
    Payment payment = verification.payment();
    PayRepCode code =
        switch (verification.result()) {
          case VERIFIED, ALREADY_VERIFIED -> PayRepCode.PAID;
          case WINDOW_CLOSED -> PayRepCode.REVERSED;
          default ->
              switch (payment.getStatus()) {
                case DECLINED -> PayRepCode.DECLINED;
                case EXPIRED -> PayRepCode.EXPIRED;
                case REVERSED -> PayRepCode.REVERSED;
                default -> PayRepCode.NOT_PAID;
              };
        };
    return new PayRepResult(
        nullToEmpty(payment.getPayerName()),
        nullToEmpty(payment.getDescription()),
        payment.getAmount(),
        format(payment.getAuthorizedAt()),
        code,
        payment.getSettlementDate() == null ? "" : payment.getSettlementDate().toString(),
        nullToEmpty(payment.getSettlementNumber()),
        nullToEmpty(payment.getPayerIp()));
  }

  /** Tehran local time with its offset, e.g. {@code 2026-11-25T21:30:05+03:30}. */
  private static String format(Instant instant) {
    return instant == null
        ? ""
        : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
            instant.truncatedTo(ChronoUnit.SECONDS).atZone(TEHRAN));
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
