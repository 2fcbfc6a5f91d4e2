package io.tasvie.common.contract;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * Part or all of a captured payment was paid back. {@code refundAmount} is this refund, {@code
 * refundedTotal} the sum of the payment's refunds so far, both in the payment's currency.
 */
public record PaymentRefundedEvent(
    UUID paymentId,
    PaymentFacts payment,
    UUID refundId,
    long refundAmount,
    long refundedTotal,
    @Nullable String reason,
    Instant occurredAt)
    implements PaymentEvent {}
