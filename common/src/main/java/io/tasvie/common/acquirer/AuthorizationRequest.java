package io.tasvie.common.acquirer;

import io.tasvie.common.card.CardNumber;
import java.time.YearMonth;
import java.util.UUID;

/** One authorisation: the clear card number exists only here, on its way to the acquirer. */
public record AuthorizationRequest(
    UUID paymentId,
    String merchantNumber,
    CardNumber card,
    YearMonth expiry,
    long amount,
    String currency) {}
