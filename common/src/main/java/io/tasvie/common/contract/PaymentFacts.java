package io.tasvie.common.contract;

import java.util.UUID;

/**
 * What every payment event says about the payment it belongs to. The card appears only masked
 * (first six, last four). {@code terminalId} names the terminal of a card-present payment ({@code
 * MPOS}, {@code SOFTPOS}) and is null online.
 */
public record PaymentFacts(
    UUID merchantId,
    String merchantReference,
    long amount,
    String currency,
    String channel,
    String maskedCard,
    String cardBrand,
    String authCode,
    String rrn,
    String terminalId) {}
