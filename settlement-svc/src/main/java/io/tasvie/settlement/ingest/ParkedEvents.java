package io.tasvie.settlement.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.inbox.PoisonMessageException;
import io.tasvie.common.schedule.PeriodicJob;
import io.tasvie.settlement.batch.service.SettlementService;
import io.tasvie.settlement.batch.service.SettlementService.Line;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Payment events that arrived before their merchant did. They wait in a table and are applied,
 * every couple of seconds, as soon as the merchant projection has the merchant: through the same
 * set-based {@link SettlementService#record} as the consumer, a transaction per hundred.
 */
@ApplicationScoped
public class ParkedEvents {

  private static final Logger LOG = Logger.getLogger(ParkedEvents.class);
  private static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);
  private static final int PER_TRANSACTION = 100;

  /** An event waiting for its merchant. */
  record Parked(String eventId, UUID merchantId, String type, String body) {}

  private final Vertx vertx;
  private final Pool pool;
  private final SettlementService settlement;
  private final ObjectMapper mapper;
  private PeriodicJob job;

  public ParkedEvents(Vertx vertx, Pool pool, SettlementService settlement, ObjectMapper mapper) {
    this.vertx = vertx;
    this.pool = pool;
    this.settlement = settlement;
    this.mapper = mapper;
  }

  /** Parks the events in one statement; runs in the consumer's inbox transaction. */
  Uni<Void> park(SqlConnection transaction, List<Parked> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int size = events.size();
    String[] ids = new String[size];
    UUID[] merchants = new UUID[size];
    String[] types = new String[size];
    String[] bodies = new String[size];
    for (int i = 0; i < size; i++) {
      Parked event = events.get(i);
      LOG.infof("%s %s waits for merchant %s", event.type(), event.eventId(), event.merchantId());
      ids[i] = event.eventId();
      merchants[i] = event.merchantId();
      types[i] = event.type();
      bodies[i] = event.body();
    }
    return transaction
        .preparedQuery(
            "insert into parked_payment_event (event_id, merchant_id, event_type, body, parked_at)"
                + " select id, m, t, b, $5 from unnest($1::text[], $2::uuid[], $3::text[],"
                + " $4::text[]) with ordinality as p(id, m, t, b, n) order by n"
                + " on conflict do nothing")
        .execute(
            Tuple.of(ids, merchants, types, bodies)
                .addOffsetDateTime(OffsetDateTime.now(ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  void start(@Observes StartupEvent event) {
    job =
        PeriodicJob.start(
            vertx,
            RETRY_INTERVAL,
            "Applying parked payment events",
            () -> PeriodicJob.drain(PER_TRANSACTION, this::applyArrived));
  }

  void stop(@Observes ShutdownEvent event) {
    job.close();
  }

  /** Applies (and removes) parked events whose merchant is known now; answers how many it took. */
  Uni<Integer> applyArrived() {
    return pool.withTransaction(
        transaction ->
            transaction
                .preparedQuery(
                    "select p.event_id, p.event_type, p.body, m.merchant_id, m.country,"
                        + " m.currency from parked_payment_event p join merchant_projection m"
                        + " on m.merchant_id = p.merchant_id where p.rejected_reason is null"
                        + " order by p.parked_at limit $1 for update of p skip locked")
                .execute(Tuple.of(PER_TRANSACTION))
                .chain(
                    rows -> {
                      List<Line> lines = new ArrayList<>();
                      List<String> applied = new ArrayList<>();
                      List<String> rejected = new ArrayList<>();
                      List<String> reasons = new ArrayList<>();
                      for (Row row : rows) {
                        String eventId = row.getString(0);
                        KnownMerchant merchant =
                            new KnownMerchant(row.getUUID(3), row.getString(4), row.getString(5));
                        try {
                          lines.add(
                              PaymentLines.settled(
                                  PaymentLines.read(
                                      row.getString(1), eventId, json(row.getString(2)), mapper),
                                  merchant));
                          applied.add(eventId);
                        } catch (PoisonMessageException e) {
                          LOG.errorf(
                              "Parked payment event %s refused: %s", eventId, e.getMessage());
                          rejected.add(eventId);
                          reasons.add(e.getMessage());
                        }
                      }
                      return settlement
                          .record(transaction, lines)
                          .chain(() -> remove(transaction, applied))
                          .chain(() -> reject(transaction, rejected, reasons))
                          .replaceWith(rows.size());
                    }));
  }

  private static Uni<Void> remove(SqlConnection transaction, List<String> eventIds) {
    if (eventIds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return transaction
        .preparedQuery("delete from parked_payment_event where event_id = any($1)")
        .execute(Tuple.tuple().addValue(eventIds.toArray(String[]::new)))
        .replaceWithVoid();
  }

  /** Kept with the reason for an operator to see, and never applied. */
  private static Uni<Void> reject(
      SqlConnection transaction, List<String> eventIds, List<String> reasons) {
    if (eventIds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return transaction
        .preparedQuery(
            "update parked_payment_event p set rejected_reason = r.reason"
                + " from unnest($1::text[], $2::text[]) as r(id, reason) where p.event_id = r.id")
        .execute(
            Tuple.tuple()
                .addValue(eventIds.toArray(String[]::new))
                .addValue(reasons.toArray(String[]::new)))
        .replaceWithVoid();
  }

  private JsonNode json(String body) {
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new PoisonMessageException("a parked event is not JSON", e);
    }
  }
}
