package io.tasvie.common.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * An authorisation was released without capture: by the merchant ({@code MERCHANT}) or because the
 * verify window passed ({@code VERIFY_WINDOW_EXPIRED}).
 */
public record PaymentReversedEvent(
    UUID paymentId, PaymentFacts payment, String reason, Instant occurredAt)
    implements PaymentEvent {}
