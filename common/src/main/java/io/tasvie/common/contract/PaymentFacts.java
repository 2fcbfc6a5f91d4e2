package io.tasvie.common.contract;

import java.util.UUID;

/**
 * What every payment event says about the payment it belongs to. The card appears only masked
 * (first six, last four).
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
    String rrn) {}
