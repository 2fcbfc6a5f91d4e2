package io.tasvie.common.contract;

import io.tasvie.common.outbox.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A merchant was onboarded on gateway-svc. Topic {@code merchants}, key = merchant id. The other
 * services keep their own projection of merchants from it.
 */
public record MerchantRegisteredEvent(
    UUID merchantId,
    String merchantNumber,
    String name,
    String country,
    String currency,
    List<String> callbackDomains,
    Instant registeredAt)
    implements DomainEvent {

  public static final String TOPIC = "merchants";

  @Override
  public String topic() {
    return TOPIC;
  }

  @Override
  public String aggregateId() {
    return merchantId.toString();
  }

  @Override
  public Instant occurredAt() {
    return registeredAt;
  }
}
