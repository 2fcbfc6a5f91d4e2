package io.tasvie.gateway.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.outbox.DomainEvent;
import io.tasvie.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes a payment event and, in the same transaction, queues its notification to the merchant's
 * notify URL (if it has one): the event and the notice are committed together or not at all, and
 * the dispatcher delivers the notice at least once.
 */
@ApplicationScoped
public class Notifications {

  private final Outbox outbox;
  private final ObjectMapper mapper;

  public Notifications(Outbox outbox, ObjectMapper mapper) {
    this.outbox = outbox;
    this.mapper = mapper;
  }

  /** Must run inside the transaction of the state change, as {@link Outbox#publish} does. */
  public Uni<Void> publish(DomainEvent event, UUID merchantId, UUID paymentId) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String payload = payload(id, event, merchantId, now);
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    return outbox
        .publish(event)
        .chain(Panache::getSession)
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into merchant_notification (id, merchant_id, payment_id,"
                            + " event_type, url, payload, status, next_attempt_at, created_at)"
                            + " select ?1, merchant_id, ?2, ?3, notify_url, ?4, 'PENDING', ?5, ?5"
                            + " from merchant_settings where merchant_id = ?6"
                            + " and notify_url is not null")
                    .setParameter(1, id)
                    .setParameter(2, paymentId)
                    .setParameter(3, event.type())
                    .setParameter(4, payload)
                    .setParameter(5, at)
                    .setParameter(6, merchantId)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /**
   * The body the merchant receives: {@code id} (deduplicate on it), {@code type}, {@code
   * createdAt}, {@code merchantId} and {@code data}, the event's body as on Kafka.
   */
  private String payload(UUID id, DomainEvent event, UUID merchantId, Instant now) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("type", event.type());
    body.put("createdAt", now);
    body.put("merchantId", merchantId);
    body.put("data", event);
    try {
      return mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("notification of " + event.type() + " cannot be written", e);
    }
  }
}
