package io.tasvie.common.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.tasvie.common.problem.Unavailability;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The one way a service consumes a topic, in batches ({@code
 * mp.messaging.incoming.<channel>.batch=true}): the events of one poll are applied in one
 * transaction of the reactive SQL client, the inbox check for all of them in one statement, and the
 * handler writes its rows set-based.
 *
 * <p>Each event id is applied once per consumer (a redelivered or republished event, or a copy
 * within the batch, changes nothing); events in the order of their partition; a message that cannot
 * be parsed, or that fails for good, dead-lettered with its reason while the rest of its batch is
 * applied (a failing batch is split in halves until the failing event stands alone); the batch
 * acknowledged only after its transaction committed. A database that cannot be reached is waited
 * for: nothing is acknowledged and nothing dead-lettered meanwhile.
 */
@ApplicationScoped
public class Inbox {

  private static final Logger LOG = Logger.getLogger(Inbox.class);
  private static final Duration MOST_BACKOFF = Duration.ofSeconds(5);

  /**
   * What a consumer does with the events it sees for the first time, in the batch's transaction.
   */
  @FunctionalInterface
  public interface Handler {
    /**
     * @param fresh in the order they were received, each id once
     * @throws PoisonMessageException (or fails with it) for an event that can never be applied
     */
    Uni<Void> apply(SqlConnection transaction, List<IncomingEvent> fresh);
  }

  @ConfigMapping(prefix = "tasvie.inbox")
  public interface InboxConfig {
    /** The first pause before a batch is tried again while PostgreSQL cannot be reached. */
    @WithDefault("200ms")
    Duration initialBackoff();
  }

  private record Received(KafkaRecord<String, String> record, IncomingEvent event) {}

  private final Pool pool;
  private final ObjectMapper mapper;
  private final InboxConfig config;
  private final MeterRegistry registry;

  public Inbox(Pool pool, ObjectMapper mapper, InboxConfig config, MeterRegistry registry) {
    this.pool = pool;
    this.mapper = mapper;
    this.config = config;
    this.registry = registry;
  }

  /** Applies the batch and then acknowledges it; use from an {@code @Incoming} method. */
  public Uni<Void> consume(
      KafkaRecordBatch<String, String> batch, String consumer, Handler handler) {
    List<Received> events = new ArrayList<>(batch.getRecords().size());
    List<Uni<Void>> rejected = new ArrayList<>();
    for (KafkaRecord<String, String> record : batch.getRecords()) {
      try {
        events.add(new Received(record, IncomingEvent.from(record, mapper)));
      } catch (PoisonMessageException e) {
        rejected.add(reject(record, consumer, e));
      }
    }
    registry.summary("tasvie.inbox.batch.size", "consumer", consumer).record(events.size());
    return apply(events, consumer, handler)
        .chain(
            () ->
                rejected.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : Uni.join().all(rejected).andCollectFailures().replaceWithVoid())
        .chain(() -> Uni.createFrom().completionStage(batch.ack()));
  }

  /** In one transaction; split in halves, in order, when it fails for good. */
  private Uni<Void> apply(List<Received> events, String consumer, Handler handler) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom()
        .deferred(
            () ->
                pool.withTransaction(
                    transaction ->
                        claim(transaction, consumer, events)
                            .chain(
                                fresh ->
                                    fresh.isEmpty()
                                        ? Uni.createFrom().voidItem()
                                        : handler.apply(transaction, fresh))))
        .onFailure(Unavailability::isTransient)
        .invoke(
            failure ->
                LOG.warnf(
                    "%s waits to apply %d events: %s", consumer, events.size(), failure.toString()))
        .onFailure(Unavailability::isTransient)
        .retry()
        .withBackOff(config.initialBackoff(), MOST_BACKOFF)
        .indefinitely()
        .onFailure()
        .recoverWithUni(
            failure -> {
              if (events.size() == 1) {
                return reject(events.get(0).record(), consumer, failure);
              }
              int half = events.size() / 2;
              return apply(events.subList(0, half), consumer, handler)
                  .chain(() -> apply(events.subList(half, events.size()), consumer, handler));
            });
  }

  /** Records the ids; answers the events not applied before, each id once, in batch order. */
  private Uni<List<IncomingEvent>> claim(
      SqlConnection transaction, String consumer, List<Received> events) {
    String[] ids = new String[events.size()];
    String[] types = new String[events.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = events.get(i).event().id();
      types[i] = events.get(i).event().type();
    }
    return transaction
        .preparedQuery(
            "insert into inbox_event (consumer, event_id, event_type)"
                + " select $1, id, type from unnest($2::text[], $3::text[]) as e(id, type)"
                + " on conflict do nothing returning event_id")
        .execute(Tuple.of(consumer, ids, types))
        .map(
            rows -> {
              Set<String> first = new HashSet<>();
              for (Row row : rows) {
                first.add(row.getString(0));
              }
              List<IncomingEvent> fresh = new ArrayList<>(first.size());
              for (Received received : events) {
                if (first.remove(received.event().id())) {
                  fresh.add(received.event());
                }
              }
              int duplicates = events.size() - fresh.size();
              if (duplicates > 0) {
                LOG.debugf("%s skips %d events it has already applied", consumer, duplicates);
                registry
                    .counter("tasvie.inbox.duplicates", "consumer", consumer)
                    .increment(duplicates);
              }
              return fresh;
            });
  }

  private Uni<Void> reject(KafkaRecord<String, String> record, String consumer, Throwable failure) {
    LOG.warnf("%s dead-letters a message: %s", consumer, failure.toString());
    registry.counter("tasvie.inbox.dead_lettered", "consumer", consumer).increment();
    return Uni.createFrom().completionStage(record.nack(failure));
  }
}
