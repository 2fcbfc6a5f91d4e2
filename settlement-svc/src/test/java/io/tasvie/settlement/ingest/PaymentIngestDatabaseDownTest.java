package io.tasvie.settlement.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tasvie.common.contract.PaymentCapturedEvent;
import io.tasvie.common.contract.PaymentFacts;
import io.tasvie.common.contract.PaymentRefundedEvent;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.PostgresProxy;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.settlement.testing.Payments;
import io.tasvie.settlement.testing.Payments.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL taken away while a batch is being applied: nothing is committed and nothing is
 * dead-lettered while it is away; once it is back, every event is applied exactly once. The service
 * reaches PostgreSQL through a proxy the test cuts; the test reads it directly.
 */
@QuarkusTest
@TestProfile(PaymentIngestDatabaseDownTest.ThroughProxy.class)
class PaymentIngestDatabaseDownTest {

  private static final String CONSUMER = "settlement-svc.payments";
  private static final Instant AT = Instant.parse("2027-11-24T06:30:00Z");

  public static class ThroughProxy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + database());
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(PostgresProxy.class, Map.of("database", database()), true));
    }

    /** The test database, also when a run names its own (_TEST_QUARKUS_DATASOURCE_REACTIVE_URL). */
    private static String database() {
      String url = System.getenv("_TEST_QUARKUS_DATASOURCE_REACTIVE_URL");
      return url == null ? "tasvie_settlement_test" : url.substring(url.lastIndexOf('/') + 1);
    }
  }

  @Inject Database database;
  @Inject MeterRegistry registry;

  @ConfigProperty(name = "mp.messaging.incoming.payments.dead-letter-queue.topic")
  String deadLetters;

  @Test
  void aBatchWaitsForTheDatabaseAndIsThenAppliedOnce() throws Exception {
    UUID merchantId = Payments.merchant(database, "IR", "IRR");
    UUID warmUp = UUID.randomUUID();
    try (Payments.Burst burst = Payments.burst()) {
      burst.event("payments", capture(warmUp, merchantId)).flush();
    }
    await().atMost(Payments.TIMEOUT).until(() -> items(warmUp) == 1);
    double batchesBefore = batches();
    double deadBefore = deadLettered();

    List<UUID> payments = new ArrayList<>();
    List<String> eventIds = new ArrayList<>();
    try (TestKafka.Tail dlq = TestKafka.tail(deadLetters);
        Payments.Burst burst = Payments.burst()) {
      PostgresProxy.proxy().cut();
      try {
        for (int i = 0; i < 6; i++) {
          UUID paymentId = UUID.randomUUID();
          payments.add(paymentId);
          Event captured = capture(paymentId, merchantId);
          eventIds.add(captured.eventId());
          burst.event("payments", captured);
        }
        burst.event("payments", capture(payments.get(1), merchantId)); // republished
        Event refund = refund(payments.get(0), merchantId);
        eventIds.add(refund.eventId());
        burst.event("payments", refund).event("payments", refund).flush(); // and redelivered

        await().atMost(Payments.TIMEOUT).until(() -> batches() > batchesBefore);
        assertEquals(0, committed(payments), "nothing is committed while PostgreSQL is away");
        assertEquals(deadBefore, deadLettered(), "nothing is dead-lettered meanwhile");
      } finally {
        PostgresProxy.proxy().restore();
      }

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> committed(payments) == payments.size() + 1);
      for (UUID paymentId : payments) {
        assertEquals(
            1,
            database.count(
                "select count(*) from settlement_item where payment_id = ? and kind = 'CAPTURE'",
                paymentId));
      }
      for (String eventId : eventIds) {
        assertEquals(
            1,
            database.count(
                "select count(*) from inbox_event where consumer = ? and event_id = ?",
                CONSUMER,
                eventId));
      }
      assertEquals(
          1,
          database.count(
              "select count(*) from settlement_batch where merchant_id = ? and captured_count = 7"
                  + " and captured_amount = 700000 and refund_count = 1"
                  + " and refunded_amount = 30000",
              merchantId));
      assertEquals(
          8,
          database.count(
              "select count(distinct posting) from ledger_entry where merchant_id = ?",
              merchantId));
      assertEquals(deadBefore, deadLettered());
      assertTrue(
          dlq.drain(Duration.ofSeconds(1)).stream()
              .noneMatch(r -> payments.stream().anyMatch(p -> p.toString().equals(r.key()))),
          "none of the batch's events went to " + deadLetters);
    }
  }

  private long items(UUID paymentId) {
    return database.count("select count(*) from settlement_item where payment_id = ?", paymentId);
  }

  private long committed(List<UUID> payments) {
    return database.count(
        "select count(*) from settlement_item"
            + " where payment_id::text = any(string_to_array(?, ','))",
        String.join(",", payments.stream().map(UUID::toString).toList()));
  }

  /** Batches the consumer received (applied or still being applied). */
  private double batches() {
    DistributionSummary summary =
        registry.find("tasvie.inbox.batch.size").tag("consumer", CONSUMER).summary();
    return summary == null ? 0 : summary.count();
  }

  private double deadLettered() {
    Counter counter =
        registry.find("tasvie.inbox.dead_lettered").tag("consumer", CONSUMER).counter();
    return counter == null ? 0 : counter.count();
  }

  private static Event capture(UUID paymentId, UUID merchantId) {
    return new Event(
        paymentId,
        UUID.randomUUID().toString(),
        "PaymentCaptured",
        new PaymentCapturedEvent(
            paymentId, Payments.facts(merchantId, 100_000, "IRR", "ONLINE"), AT));
  }

  private static Event refund(UUID paymentId, UUID merchantId) {
    PaymentFacts facts = Payments.facts(merchantId, 100_000, "IRR", "ONLINE");
    return new Event(
        paymentId,
        UUID.randomUUID().toString(),
        "PaymentRefunded",
        new PaymentRefundedEvent(
            paymentId, facts, UUID.randomUUID(), 30_000, 30_000, "returned", AT.plusSeconds(60)));
  }
}
