package io.tasvie.common.contract;

import io.tasvie.common.outbox.DomainEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * settlement-svc put a captured payment into a settlement batch: it will be paid out on {@code
 * settlementDate} under the batch's tracking number (the legacy {@code DatTasvie}, {@code
 * NoTasvie}). Topic {@code settlements}, key = payment id.
 */
public record PaymentSettlementAssignedEvent(
    UUID paymentId,
    String channel,
    LocalDate settlementDate,
    String settlementNumber,
    Instant occurredAt)
    implements DomainEvent {

  public static final String TOPIC = "settlements";

  @Override
  public String topic() {
    return TOPIC;
  }

  @Override
  public String aggregateId() {
    return paymentId.toString();
  }
}
