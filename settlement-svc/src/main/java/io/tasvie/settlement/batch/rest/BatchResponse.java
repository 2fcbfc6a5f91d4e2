package io.tasvie.settlement.batch.rest;

import io.tasvie.common.contract.ChannelTotals;
import io.tasvie.settlement.batch.BatchStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A settlement batch for finance; amounts in minor units of {@code currency}. {@code netAmount} =
 * captured − refunded − fees − owed to operators − carried in; {@code payoutAmount} and {@code
 * carriedOut} are set when the batch closes.
 */
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
    long feeAmount,
    long operatorAmount,
    long carriedIn,
    long netAmount,
    Long payoutAmount,
    Long carriedOut,
    int capturedCount,
    int refundCount,
    List<ChannelTotals> channels,
    Instant closesAt,
    Instant closedAt,
    Instant paidAt,
    String bankReference) {}
