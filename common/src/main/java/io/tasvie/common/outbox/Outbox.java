package io.tasvie.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.sql.MultiRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Writes events into the outbox table in the caller's transaction, so that an event exists if and
 * only if the state change it announces was committed. {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {

  /** Rows per insert statement: PostgreSQL takes at most 65,535 parameters, six a row. */
  static final int ROWS_PER_INSERT = 500;

  private final ObjectMapper mapper;

  public Outbox(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Must run inside the transaction of the state change (e.g. a {@code @WithTransaction} chain).
   */
  public Uni<Void> publish(DomainEvent event) {
    return publishAll(List.of(event));
  }

  /**
   * Several events in one statement per {@value #ROWS_PER_INSERT}; same rule as {@link #publish}.
   */
  public Uni<Void> publishAll(List<? extends DomainEvent> events) {
    Uni<Void> done = Uni.createFrom().voidItem();
    for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
      List<? extends DomainEvent> chunk =
          events.subList(from, Math.min(events.size(), from + ROWS_PER_INSERT));
      done = done.chain(() -> insert(chunk));
    }
    return done;
  }

  private Uni<Void> insert(List<? extends DomainEvent> events) {
    String sql =
        "insert into outbox_event (id, topic, event_key, event_type, payload, occurred_at) values "
            + MultiRow.values(
                events.size(), "?", "?", "?", "?", "cast(cast(? as text) as jsonb)", "?");
    return Panache.getSession()
        .chain(
            session -> {
              var query = session.createNativeQuery(sql);
              for (int i = 0; i < events.size(); i++) {
                DomainEvent event = events.get(i);
                int p = i * 6;
                query
                    .setParameter(p + 1, UUID.randomUUID())
                    .setParameter(p + 2, event.topic())
                    .setParameter(p + 3, event.aggregateId())
                    .setParameter(p + 4, event.type())
                    .setParameter(p + 5, toJson(event))
                    .setParameter(
                        p + 6, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC));
              }
              return query.executeUpdate();
            })
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
