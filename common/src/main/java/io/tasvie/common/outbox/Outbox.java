package io.tasvie.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Writes events into the outbox table in the caller's transaction, so that an event exists if and
 * only if the state change it announces was committed. {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {

  private final ObjectMapper mapper;

  public Outbox(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Must run inside the transaction of the state change (e.g. a {@code @WithTransaction} chain).
   */
  public Uni<Void> publish(DomainEvent event) {
    String payload = toJson(event);
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into outbox_event (id, topic, event_key, event_type, payload,"
                            + " occurred_at) values (?1, ?2, ?3, ?4, cast(cast(?5 as text) as jsonb), ?6)")
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, event.topic())
                    .setParameter(3, event.aggregateId())
                    .setParameter(4, event.type())
                    .setParameter(5, payload)
                    .setParameter(6, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
                    .executeUpdate())
        .replaceWithVoid();
  }

  private String toJson(DomainEvent event) {
    try {
      return mapper.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event " + event.type() + " cannot be serialised", e);
    }
  }
}
