package io.tasvie.settlement.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tasvie.common.contract.PaymentCapturedEvent;
import io.tasvie.common.contract.PaymentFacts;
import io.tasvie.common.contract.PaymentRefundedEvent;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.settlement.testing.Payments;
import io.tasvie.settlement.testing.Payments.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Whatever one poll holds, each event is handled as it was one at a time: copies and events seen
 * before change nothing, what cannot be read is dead-lettered with its reason, an unknown
 * merchant's event waits for the merchant, and the rest of the batch is applied.
 */
@QuarkusTest
class PaymentBatchTest {

  private static final Instant AT = Instant.parse("2027-11-24T06:30:00Z");

  @Inject Database database;

  @ConfigProperty(name = "mp.messaging.incoming.payments.dead-letter-queue.topic")
  String deadLetters;

  @Test
  void aMixedBatchIsAppliedOnceEachAndItsBadEventsAreDeadLetteredOrParked() throws Exception {
    UUID merchantId = Payments.merchant(database, "IR", "IRR");
    UUID lateMerchant = UUID.randomUUID();
    UUID seenBefore = UUID.randomUUID();
    String seenBeforeId = UUID.randomUUID().toString();
    Event earlier =
        new Event(seenBefore, seenBeforeId, "PaymentCaptured", captured(seenBefore, merchantId));
    try (Payments.Burst burst = Payments.burst()) {
      burst.event("payments", earlier).flush();
    }
    await().atMost(Payments.TIMEOUT).until(() -> items(seenBefore) == 1);

    UUID copied = UUID.randomUUID();
    String copiedId = UUID.randomUUID().toString();
    UUID parked = UUID.randomUUID();
    UUID otherCurrency = UUID.randomUUID();
    UUID plain = UUID.randomUUID();
    UUID refundId = UUID.randomUUID();
    String notJson = UUID.randomUUID().toString();
    String noHeaders = UUID.randomUUID().toString();
    PaymentFacts eur = Payments.facts(merchantId, 7_000, "EUR", "ONLINE");
    try (TestKafka.Tail dlq = TestKafka.tail(deadLetters);
        Payments.Burst burst = Payments.burst()) {
      Event copy = new Event(copied, copiedId, "PaymentCaptured", captured(copied, merchantId));
      burst
          .event("payments", copy)
          .event("payments", copy)
          .event("payments", earlier)
          .event("payments", notJson, UUID.randomUUID().toString(), "PaymentCaptured", "{not json")
          .record("payments", noHeaders, Payments.json(captured(plain, merchantId)), Map.of())
          .event(
              "payments",
              new Event(
                  parked,
                  UUID.randomUUID().toString(),
                  "PaymentCaptured",
                  captured(parked, lateMerchant)))
          .event(
              "payments",
              new Event(
                  otherCurrency,
                  UUID.randomUUID().toString(),
                  "PaymentCaptured",
                  new PaymentCapturedEvent(otherCurrency, eur, AT)))
          .event(
              "payments",
              new Event(
                  plain,
                  UUID.randomUUID().toString(),
                  "PaymentCaptured",
                  captured(plain, merchantId)))
          .event(
              "payments",
              new Event(
                  copied,
                  UUID.randomUUID().toString(),
                  "PaymentRefunded",
                  new PaymentRefundedEvent(
                      copied,
                      Payments.facts(merchantId, 100_000, "IRR", "ONLINE"),
                      refundId,
                      30_000,
                      30_000,
                      "returned",
                      AT.plusSeconds(60))))
          .flush();

      assertReason(dlq, notJson, "not JSON");
      assertReason(dlq, noHeaders, "no CloudEvents headers");
      assertReason(dlq, otherCurrency.toString(), "settles in IRR, not EUR");
    }
    await().atMost(Payments.TIMEOUT).until(() -> items(plain) == 1 && items(copied) == 2);
    await()
        .atMost(Payments.TIMEOUT)
        .until(
            () ->
                database.count(
                        "select count(*) from parked_payment_event where merchant_id = ?",
                        lateMerchant)
                    == 1);
    assertEquals(1, items(seenBefore));
    assertEquals(0, items(otherCurrency));
    assertEquals(0, items(parked));
    assertEquals(
        1,
        database.count(
            "select count(*) from inbox_event where consumer = 'settlement-svc.payments'"
                + " and event_id = ?",
            copiedId));
    assertEquals(
        1,
        database.count(
            "select count(*) from settlement_batch where merchant_id = ? and captured_count = 3"
                + " and captured_amount = 300000 and refund_count = 1 and refunded_amount = 30000",
            merchantId));
    assertEquals(
        0,
        database.count(
            "select count(*) from settlement_batch where merchant_id = ? and currency = 'EUR'",
            merchantId));
    assertEquals(
        0,
        database.count(
            "select count(*) from (select posting from ledger_entry where merchant_id = ?"
                + " group by posting having sum(debit) <> sum(credit)) p",
            merchantId));
    assertEquals(
        4,
        database.count(
            "select count(distinct posting) from ledger_entry where merchant_id = ?", merchantId));

    Payments.merchant(database, lateMerchant, "IR", "IRR");
    await().atMost(Payments.TIMEOUT).until(() -> items(parked) == 1);
    await()
        .atMost(Payments.TIMEOUT)
        .until(
            () ->
                database.count(
                        "select count(*) from parked_payment_event where merchant_id = ?",
                        lateMerchant)
                    == 0);
    assertEquals(
        1,
        database.count(
            "select count(*) from settlement_batch where merchant_id = ? and captured_count = 1",
            lateMerchant));
  }

  private long items(UUID paymentId) {
    return database.count("select count(*) from settlement_item where payment_id = ?", paymentId);
  }

  private static PaymentCapturedEvent captured(UUID paymentId, UUID merchantId) {
    return new PaymentCapturedEvent(
        paymentId, Payments.facts(merchantId, 100_000, "IRR", "ONLINE"), AT);
  }

  private static void assertReason(TestKafka.Tail dlq, String key, String reason) {
    ConsumerRecord<String, String> dead =
        dlq.await(r -> key.equals(r.key()), Duration.ofSeconds(30));
    String header = TestKafka.header(dead, "dead-letter-reason");
    assertTrue(header != null && header.contains(reason), key + ": " + header);
  }
}
