package io.tasvie.gateway.payment.mapping;

import io.tasvie.gateway.payment.Payment;
import io.tasvie.gateway.payment.Refund;
import io.tasvie.gateway.payment.rest.PaymentResponse;
import io.tasvie.gateway.payment.rest.RefundResponse;

public final class PaymentMapper {

  private PaymentMapper() {}

  public static PaymentResponse toResponse(Payment payment, String paymentPageUrl) {
    return new PaymentResponse(
        payment.getId(),
        payment.getMerchantReference(),
        payment.getStatus(),
        payment.getAmount(),
        payment.getOrderAmount(),
        payment.getDiscountAmount(),
        payment.getCurrency(),
        payment.getEnvironment(),
        payment.getPayerName(),
        payment.getDescription(),
        payment.getRedirectUrl(),
        payment.getCustomerId(),
        paymentPageUrl,
        payment.getCreatedAt(),
        payment.getExpiresAt(),
        payment.getAuthorizedAt(),
        payment.getVerifyDeadline(),
        payment.getCapturedAt(),
        payment.getReversedAt(),
        payment.getReversalReason() == null ? null : payment.getReversalReason().name(),
        payment.getDeclineReason(),
        payment.getMaskedCard() == null
            ? null
            : new PaymentResponse.CardResponse(payment.getMaskedCard(), payment.getCardBrand()),
        payment.getAuthCode(),
        payment.getRrn(),
        payment.getPayerIp(),
        payment.getRefundedAmount(),
        payment.getSettlementDate(),
        payment.getSettlementNumber());
  }

  public static RefundResponse toResponse(Refund refund, Payment payment) {
    return new RefundResponse(
        refund.getId(),
        refund.getPaymentId(),
        refund.getAmount(),
        payment.getCurrency(),
        refund.getStatus(),
        refund.getReason(),
        refund.getRrn(),
        refund.getCreatedAt(),
        payment.getRefundedAmount(),
        payment.refundableAmount());
  }
}
