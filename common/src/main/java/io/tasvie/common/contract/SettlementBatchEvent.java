package io.tasvie.common.contract;

import io.tasvie.common.outbox.DomainEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A settlement batch changed state, for finance systems: {@code SettlementBatchClosed} when its
 * cut-off passed (its totals are final), {@code SettlementBatchPaid} when finance paid it out.
 * Topic {@code settlement-batches}, key = batch id; amounts in minor units of {@code currency}.
 */
public record SettlementBatchEvent(
    String type,
    UUID batchId,
    UUID merchantId,
    LocalDate settlementDate,
    String settlementDateJalali,
    String settlementNumber,
    String currency,
    long capturedAmount,
    long refundedAmount,
    long netAmount,
    int capturedCount,
    int refundCount,
    String bankReference,
    Instant occurredAt)
    implements DomainEvent {

  public static final String TOPIC = "settlement-batches";
  public static final String CLOSED = "SettlementBatchClosed";
  public static final String PAID = "SettlementBatchPaid";

  @Override
  public String topic() {
    return TOPIC;
  }

  @Override
  public String aggregateId() {
    return batchId.toString();
  }
}
