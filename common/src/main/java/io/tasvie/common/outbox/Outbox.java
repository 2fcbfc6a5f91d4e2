package io.tasvie.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.EventCatalogue;
import io.tasvie.common.contract.EventSchemas;
import io.tasvie.common.sql.MultiRow;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Writes events into the outbox table in the caller's transaction, so that an event exists if and
 * only if the state change it announces was committed. {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
@Startup // reads the schemas, when it checks events, at start rather than on an event loop
public class Outbox {

  /** Rows per insert statement: PostgreSQL takes at most 65,535 parameters, six a row. */
  static final int ROWS_PER_INSERT = 500;

  private static final Logger LOG = Logger.getLogger(Outbox.class);

  private final ObjectMapper mapper;
  private final MeterRegistry registry;
  private final OutboxRelay relay;

  /** Null unless {@link OutboxConfig#validateEvents()}. */
  private final EventSchemas schemas;

  public Outbox(
      ObjectMapper mapper, OutboxConfig config, MeterRegistry registry, OutboxRelay relay) {
    this.mapper = mapper;
    this.registry = registry;
    this.relay = relay;
    this.schemas = config.validateEvents() ? EventSchemas.load(mapper) : null;
    if (schemas != null) {
      LOG.info("the outbox checks every event against its schema (tasvie.outbox.validate-events)");
    }
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

  /**
   * The same, in a transaction of the reactive SQL client (a batched consumer's): one statement for
   * any number of events.
   */
  public Uni<Void> publishAll(SqlConnection transaction, List<? extends DomainEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<String> payloads;
    try {
      payloads = payloads(events);
    } catch (IllegalStateException e) {
      return Uni.createFrom().failure(e);
    }
    int size = events.size();
    UUID[] ids = new UUID[size];
    String[] topics = new String[size];
    String[] keys = new String[size];
    String[] types = new String[size];
    OffsetDateTime[] times = new OffsetDateTime[size];
    for (int i = 0; i < size; i++) {
      DomainEvent event = events.get(i);
      ids[i] = UUID.randomUUID();
      topics[i] = event.topic();
      keys[i] = event.aggregateId();
      types[i] = event.type();
      times[i] = OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC);
    }
    return transaction
        .preparedQuery(
            "insert into outbox_event (id, topic, event_key, event_type, payload, occurred_at)"
                + " select id, topic, event_key, event_type, payload::jsonb, occurred_at"
                + " from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],"
                + " $6::timestamptz[]) with ordinality"
                + " as e(id, topic, event_key, event_type, payload, occurred_at, n) order by n")
        .execute(Tuple.of(ids, topics, keys, types, payloads.toArray(String[]::new), times))
        .invoke(relay::expect)
        .replaceWithVoid();
  }

  private Uni<Void> insert(List<? extends DomainEvent> events) {
    List<String> payloads;
    try {
      payloads = payloads(events);
    } catch (IllegalStateException e) {
      return Uni.createFrom().failure(e);
    }
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
                    .setParameter(p + 5, payloads.get(i))
                    .setParameter(
                        p + 6, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC));
              }
              return query.executeUpdate();
            })
        .invoke(relay::expect)
        .replaceWithVoid();
  }

  /**
   * The events as JSON, each checked against its schema when asked to.
   *
   * @throws IllegalStateException naming the first event that does not match
   */
  private List<String> payloads(List<? extends DomainEvent> events) {
    List<String> payloads = new ArrayList<>(events.size());
    for (DomainEvent event : events) {
      String json = toJson(event);
      String violation = check(event, json);
      if (violation != null) {
        throw new IllegalStateException(violation);
      }
      payloads.add(json);
    }
    return payloads;
  }

  /** Null when the event matches its schema or nobody asked to check; else what is wrong. */
  private String check(DomainEvent event, String json) {
    if (schemas == null) {
      return null;
    }
    List<String> violations;
    try {
      violations = schemas.violations(event.getClass(), mapper.readTree(json));
    } catch (JsonProcessingException e) {
      violations = List.of("not JSON: " + e.getOriginalMessage());
    }
    if (violations.isEmpty()) {
      return null;
    }
    registry.counter("tasvie.outbox.invalid", "type", event.type()).increment();
    String schema =
        EventCatalogue.schemaOf(event.getClass()).map(EventCatalogue::fileName).orElse("(none)");
    String message =
        "event "
            + event.type()
            + " does not match its schema docs/events/"
            + schema
            + ": "
            + String.join("; ", violations);
    LOG.error(message);
    return message;
  }

  private String toJson(DomainEvent event) {
    try {
      return mapper.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event " + event.type() + " cannot be serialised", e);
    }
  }
}
