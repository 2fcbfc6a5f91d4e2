package io.tasvie.common.contract;

/** A settlement batch's totals for one channel; amounts in minor units of the batch currency. */
public record ChannelTotals(
    String channel,
    int capturedCount,
    long capturedAmount,
    int refundCount,
    long refundedAmount,
    long feeAmount) {}
