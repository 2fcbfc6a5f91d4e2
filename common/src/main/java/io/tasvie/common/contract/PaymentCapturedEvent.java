package io.tasvie.common.contract;

import java.time.Instant;
import java.util.UUID;

/** The merchant verified the payment: the amount is captured and will be settled. */
public record PaymentCapturedEvent(UUID paymentId, PaymentFacts payment, Instant occurredAt)
    implements PaymentEvent {}
