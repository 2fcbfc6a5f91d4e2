package io.tasvie.common.contract;

import io.tasvie.common.outbox.DomainEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * settlement-svc put a captured payment into a settlement batch: it is paid out on {@code
 * settlementDate} ({@code settlementDateJalali} is the same day in the Solar Hijri calendar, e.g.
 * {@code 1405-09-07}) under the batch's tracking number: the legacy {@code DatTasvie} and {@code
 * NoTasvie}. Topic {@code settlements}, key = payment id.
 */
public record SettlementScheduledEvent(
    UUID paymentId,
    UUID merchantId,
    String channel,
    LocalDate settlementDate,
    String settlementDateJalali,
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
