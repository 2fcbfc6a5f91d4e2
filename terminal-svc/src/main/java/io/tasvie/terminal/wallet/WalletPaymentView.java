package io.tasvie.terminal.wallet;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A wallet payment as the till and the wallet user see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WalletPaymentView(
    UUID paymentId,
    String terminalId,
    String merchantName,
    long amount,
    String currency,
    String orderReference,
    String status,
    Instant expiresAt,
    Instant capturedAt,
    boolean saleCompleted,
    long refundedTotal) {

  public static WalletPaymentView of(
      WalletPayment payment, String terminalId, String merchantName) {
    return new WalletPaymentView(
        payment.getId(),
        terminalId,
        merchantName,
        payment.getAmount(),
        payment.getCurrency(),
        payment.getOrderReference(),
        payment.getStatus().name(),
        payment.getExpiresAt(),
        payment.getCapturedAt(),
        payment.getSaleCompletedAt() != null,
        payment.getRefundedTotal());
  }
}
