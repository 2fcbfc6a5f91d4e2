package io.tasvie.settlement.batch.rest;

import io.tasvie.settlement.batch.BatchStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A settlement batch for finance; amounts in minor units of {@code currency}. */
public record BatchResponse(
    UUID batchId,
    UUID merchantId,
    LocalDate settlementDate,
    String settlementDateJalali,
    String settlementNumber,
    String currency,
    BatchStatus status,
    long capturedAmount,
    long refundedAmount,
    long netAmount,
    int capturedCount,
    int refundCount,
    Instant closesAt,
    Instant closedAt,
    Instant paidAt,
    String bankReference) {}
