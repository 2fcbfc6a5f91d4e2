package io.tasvie.gateway.legacy;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.crypto.SecretHasher;
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
  private final RmzLockout lockout;

  public PayRepService(
      MerchantService merchants, PaymentService payments, SecretHasher hasher, RmzLockout lockout) {
    this.merchants = merchants;
    this.payments = payments;
    this.hasher = hasher;
    this.lockout = lockout;
  }

  public Uni<PayRepResult> payRep(String merchantNumber, String rmz, String res) {
    if (isBlank(merchantNumber) || isBlank(rmz) || isBlank(res)) {
      return Uni.createFrom().item(PayRepResult.of(PayRepCode.MISSING_PARAMETERS));
    }
    return merchants
        .findByMerchantNumber(merchantNumber.strip())
        .chain(
            merchant -> {
              if (merchant == null) {
                // Hash anyway: an unknown ID answers as slowly as a wrong Rmz.
                return hasher
                    .matches(rmz, null)
                    .replaceWith(PayRepResult.of(PayRepCode.WRONG_CREDENTIALS));
              }
              return lockout
                  .isLocked(merchant.getId())
                  .chain(
                      locked ->
                          locked
                              ? Uni.createFrom().item(PayRepResult.of(PayRepCode.LOCKED_OUT))
                              : authenticated(merchant, rmz, res.strip()));
            });
  }

  private Uni<PayRepResult> authenticated(Merchant merchant, String rmz, String res) {
    return hasher
        .matches(rmz, merchant.getSecretHash())
        .chain(
            matches -> {
              if (!matches) {
                return lockout
                    .recordFailure(merchant.getId())
                    .replaceWith(PayRepResult.of(PayRepCode.WRONG_CREDENTIALS));
              }
              return lockout.recordSuccess(merchant.getId()).chain(() -> report(merchant, res));
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
