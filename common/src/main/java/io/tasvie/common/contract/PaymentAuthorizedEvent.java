package io.tasvie.common.contract;

import java.time.Instant;
import java.util.UUID;

/** The issuer approved the payment; it waits for the merchant's verification until verifyBy. */
public record PaymentAuthorizedEvent(
    UUID paymentId, PaymentFacts payment, Instant verifyBy, Instant occurredAt)
    implements PaymentEvent {}
