package io.tasvie.settlement.batch.rest;

import java.time.Instant;
import java.util.UUID;

/** One line of a batch: a capture, or a refund netted against it. */
public record BatchItemResponse(
    UUID paymentId,
    UUID refundId,
    String kind,
    String channel,
    long amount,
    long fee,
    Instant occurredAt) {}
