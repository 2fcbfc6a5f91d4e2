package io.tasvie.gateway.payment.mapping;

import io.tasvie.common.contract.PaymentAuthorizedEvent;
import io.tasvie.common.contract.PaymentCapturedEvent;
import io.tasvie.common.contract.PaymentFacts;
import io.tasvie.common.contract.PaymentRefundedEvent;
import io.tasvie.common.contract.PaymentReversedEvent;
import io.tasvie.gateway.payment.Payment;
import io.tasvie.gateway.payment.Refund;

/** The events a payment's changes publish; the card appears only masked. */
public final class PaymentEvents {

  public static final String CHANNEL = "ONLINE";

  private PaymentEvents() {}

  public static PaymentAuthorizedEvent authorized(Payment payment) {
    return new PaymentAuthorizedEvent(
        payment.getId(), facts(payment), payment.getVerifyDeadline(), payment.getAuthorizedAt());
  }

  public static PaymentCapturedEvent captured(Payment payment) {
    return new PaymentCapturedEvent(payment.getId(), facts(payment), payment.getCapturedAt());
  }

  public static PaymentReversedEvent reversed(Payment payment) {
    return new PaymentReversedEvent(
        payment.getId(),
        facts(payment),
        payment.getReversalReason().name(),
        payment.getReversedAt());
  }

  public static PaymentRefundedEvent refunded(Payment payment, Refund refund) {
    return new PaymentRefundedEvent(
        payment.getId(),
        facts(payment),
        refund.getId(),
        refund.getAmount(),
        payment.getRefundedAmount(),
        refund.getReason(),
        refund.getCompletedAt());
  }

  private static PaymentFacts facts(Payment payment) {
    return new PaymentFacts(
        payment.getMerchantId(),
        payment.getMerchantReference(),
        payment.getAmount(),
        payment.getCurrency(),
        CHANNEL,
        payment.getMaskedCard(),
        payment.getCardBrand(),
        payment.getAuthCode(),
        payment.getRrn(),
        null,
        PaymentFacts.MERCHANT);
  }
}
