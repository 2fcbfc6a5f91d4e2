package io.tasvie.settlement.finance.service;

import io.tasvie.settlement.batch.BatchStatus;
import java.time.LocalDate;
import java.util.UUID;

/** A closed batch as finance exports it: totals, and the merchant's payout account. */
public record Payout(
    UUID batchId,
    String settlementNumber,
    LocalDate settlementDate,
    UUID merchantId,
    String merchantName,
    String currency,
    BatchStatus status,
    long capturedAmount,
    long refundedAmount,
    long feeAmount,
    long operatorAmount,
    long carriedIn,
    long payoutAmount,
    long carriedOut,
    int capturedCount,
    int refundCount,
    String iban,
    String accountHolder) {}
