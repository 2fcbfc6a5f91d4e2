package io.tasvie.gateway.payment.rest;

import io.tasvie.gateway.payment.RefundStatus;
import java.time.Instant;
import java.util.UUID;

/** A refund, with what the payment has had refunded in all and what can still be refunded. */
public record RefundResponse(
    UUID refundId,
    UUID paymentId,
    long amount,
    String currency,
    RefundStatus status,
    String reason,
    String rrn,
    Instant createdAt,
    long refundedTotal,
    long refundableAmount) {}
