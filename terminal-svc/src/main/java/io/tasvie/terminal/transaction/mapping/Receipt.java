package io.tasvie.terminal.transaction.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/**
 * What the result screen and a printed or SMS receipt show, in the EMV receipt's terms. {@code
 * amount} is in minor units of {@code currency}; {@code verification} is the cardholder
 * verification method ({@code PIN} or {@code NONE}). A value-added sale also shows what it bought
 * ({@code product}: operator, number, package or bill) and the operator's {@code
 * fulfilmentReference}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(
    UUID transactionId,
    String transactionType,
    String status,
    String merchantName,
    String terminalId,
    Instant dateTime,
    long amount,
    String currency,
    String maskedCard,
    String cardType,
    String entryMode,
    String verification,
    String responseCode,
    String authCode,
    String rrn,
    UUID originalTransactionId,
    Long refundedTotal,
    @JsonRawValue String product,
    String fulfilmentReference) {}
