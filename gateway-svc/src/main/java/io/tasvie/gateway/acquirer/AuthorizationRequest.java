package io.tasvie.gateway.acquirer;

import io.tasvie.gateway.card.CardNumber;
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
