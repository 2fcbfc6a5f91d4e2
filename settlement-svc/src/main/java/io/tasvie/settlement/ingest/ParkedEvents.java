package io.tasvie.settlement.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.inbox.PoisonMessageException;
import io.tasvie.common.merchant.MerchantProjection;
import io.tasvie.common.schedule.PeriodicJob;
import io.tasvie.settlement.batch.service.SettlementService;
import io.tasvie.settlement.batch.service.SettlementService.Line;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Payment events that arrived before their merchant did. They wait in a table and are applied,
 * every couple of seconds, as soon as the merchant projection has the merchant.
 */
@ApplicationScoped
public class ParkedEvents {

  private static final Logger LOG = Logger.getLogger(ParkedEvents.class);
  private static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final SettlementService settlement;
  private final ObjectMapper mapper;
  private PeriodicJob job;

  public ParkedEvents(Vertx vertx, SettlementService settlement, ObjectMapper mapper) {
    this.vertx = vertx;
    this.settlement = settlement;
    this.mapper = mapper;
  }

  /** Parks an event; runs in the consumer's inbox transaction. */
  Uni<Void> park(String eventId, UUID merchantId, String type, String body) {
    LOG.infof("%s %s waits for merchant %s", type, eventId, merchantId);
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into parked_payment_event (event_id, merchant_id, event_type, body,"
                            + " parked_at) values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                    .setParameter(1, eventId)
                    .setParameter(2, merchantId)
                    .setParameter(3, type)
                    .setParameter(4, body)
                    .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
                    .executeUpdate())
        .replaceWithVoid();
  }

  void start(@Observes StartupEvent event) {
    job =
        PeriodicJob.start(
            vertx, RETRY_INTERVAL, "Applying parked payment events", this::applyArrived);
  }

  void stop(@Observes ShutdownEvent event) {
    job.close();
  }

  /** Applies (and removes) the parked events whose merchant is known now. */
  Uni<Integer> applyArrived() {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery(
                                "select p.event_id, p.event_type, p.body from parked_payment_event p"
                                    + " where exists (select 1 from merchant_projection m"
                                    + " where m.merchant_id = p.merchant_id)"
                                    + " and p.rejected_reason is null"
                                    + " order by p.parked_at limit 100 for update skip locked",
                                Object[].class)
                            .getResultList()
                            .chain(
                                rows ->
                                    Multi.createFrom()
                                        .iterable(rows)
                                        .onItem()
                                        .transformToUniAndConcatenate(
                                            row -> apply(session, row).replaceWith(row))
                                        .collect()
                                        .asList()
                                        .map(List::size))));
  }

  private Uni<Void> apply(org.hibernate.reactive.mutiny.Mutiny.Session session, Object[] row) {
    String eventId = (String) row[0];
    String type = (String) row[1];
    Line line = PaymentLines.read(type, eventId, json((String) row[2]), mapper);
    return session
        .find(MerchantProjection.class, line.merchantId())
        .chain(
            merchant -> {
              Line settled;
              try {
                settled = PaymentLines.settled(line, merchant);
              } catch (PoisonMessageException e) {
                return reject(session, eventId, e.getMessage());
              }
              return settlement
                  .record(settled)
                  .call(
                      () ->
                          session
                              .createNativeQuery(
                                  "delete from parked_payment_event where event_id = ?1")
                              .setParameter(1, eventId)
                              .executeUpdate());
            });
  }

  /** Kept with the reason for an operator to see, and never applied. */
  private static Uni<Void> reject(
      org.hibernate.reactive.mutiny.Mutiny.Session session, String eventId, String reason) {
    LOG.errorf("Parked payment event %s refused: %s", eventId, reason);
    return session
        .createNativeQuery(
            "update parked_payment_event set rejected_reason = ?2 where event_id = ?1")
        .setParameter(1, eventId)
        .setParameter(2, reason)
        .executeUpdate()
        .replaceWithVoid();
  }

  private JsonNode json(String body) {
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parked event is not JSON", e);
    }
  }
}
