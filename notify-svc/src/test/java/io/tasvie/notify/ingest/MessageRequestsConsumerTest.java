package io.tasvie.notify.ingest;

import static io.tasvie.notify.testing.Messages.awaitStatus;
import static io.tasvie.notify.testing.Messages.to;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tasvie.common.contract.ReceiptRequestedEvent;
import io.tasvie.common.contract.SettlementScheduledEvent;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.notify.testing.Events;
import io.tasvie.notify.testing.Events.Raw;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Requests arriving many to a poll, good and bad mixed, each handled as on its own. */
@QuarkusTest
class MessageRequestsConsumerTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Inject Database database;

  @Test
  void aPollWithCopiesARepeatAndBadRecordsSendsEachNewReceiptOnceAndDeadLettersTheBad() {
    UUID merchant = Events.merchant(database, "Dyqani Batch", "XK", "EUR");
    ReceiptRequestedEvent applied = purchase(merchant);
    String appliedId = Events.receipt(applied);
    awaitStatus(applied.transactionId(), "DELIVERED");

    ReceiptRequestedEvent doubled = purchase(merchant);
    ReceiptRequestedEvent noPhone = Events.purchase(merchant, null, 100, "EUR", null);
    ReceiptRequestedEvent last = purchase(merchant);
    String doubledId = UUID.randomUUID().toString();
    String notJsonId = UUID.randomUUID().toString();
    String noPhoneId = UUID.randomUUID().toString();
    String headerless = "no CloudEvents headers " + UUID.randomUUID();
    try (TestKafka.Tail dlq = TestKafka.tail("receipts.dlq.notify-svc-test")) {
      Events.together(
          ReceiptRequestedEvent.TOPIC,
          doubled.transactionId().toString(),
          List.of(
              Events.cloudEvent(doubledId, "ReceiptRequested", Events.json(doubled)),
              Events.cloudEvent(doubledId, "ReceiptRequested", Events.json(doubled)),
              Events.cloudEvent(appliedId, "ReceiptRequested", Events.json(applied)),
              Events.cloudEvent(notJsonId, "ReceiptRequested", "{\"merchantId\": not json"),
              new Raw(headerless, Map.of()),
              Events.cloudEvent(noPhoneId, "ReceiptRequested", Events.json(noPhone)),
              Events.cloudEvent(
                  UUID.randomUUID().toString(), "ReceiptRequested", Events.json(last))));

      assertTrue(reason(dlq, r -> notJsonId.equals(TestKafka.header(r, "ce_id"))).contains("JSON"));
      assertTrue(reason(dlq, r -> headerless.equals(r.value())).contains("no CloudEvents headers"));
      assertTrue(
          reason(dlq, r -> noPhoneId.equals(TestKafka.header(r, "ce_id")))
              .contains("lacks phoneNumber"));
      awaitStatus(last.transactionId(), "DELIVERED");
      awaitStatus(doubled.transactionId(), "DELIVERED");
    }
    for (ReceiptRequestedEvent sent : List.of(applied, doubled, last)) {
      assertEquals(1, to(e164(sent)).size(), sent.phoneNumber());
      assertEquals(
          1,
          database.count(
              "select count(*) from message where transaction_id = ?", sent.transactionId()));
    }
    assertEquals(
        0,
        database.count(
            "select count(*) from message where transaction_id = ?", noPhone.transactionId()));
  }

  @Test
  void aPollOfSettlementsKeepsTheLastDatePerTransactionAndDeadLettersTheBad() {
    UUID merchant = UUID.randomUUID();
    UUID twice = UUID.randomUUID();
    UUID unnumbered = UUID.randomUUID();
    UUID once = UUID.randomUUID();
    String copiedId = UUID.randomUUID().toString();
    String unnumberedId = UUID.randomUUID().toString();
    String notJsonId = UUID.randomUUID().toString();
    String later = Events.json(scheduled(twice, merchant, "2026-12-02", "10000000002"));
    try (TestKafka.Tail dlq = TestKafka.tail("settlements.dlq.notify-svc-test")) {
      Events.together(
          SettlementScheduledEvent.TOPIC,
          twice.toString(),
          List.of(
              Events.cloudEvent(
                  UUID.randomUUID().toString(),
                  "SettlementScheduled",
                  Events.json(scheduled(twice, merchant, "2026-12-01", "10000000001"))),
              Events.cloudEvent(copiedId, "SettlementScheduled", later),
              Events.cloudEvent(copiedId, "SettlementScheduled", later),
              Events.cloudEvent(
                  unnumberedId,
                  "SettlementScheduled",
                  Events.json(scheduled(unnumbered, merchant, "2026-12-03", null))),
              Events.cloudEvent(notJsonId, "SettlementScheduled", "not json"),
              Events.cloudEvent(
                  UUID.randomUUID().toString(),
                  "SettlementScheduled",
                  Events.json(scheduled(once, merchant, "2026-12-04", "10000000004")))));

      assertTrue(
          reason(dlq, r -> unnumberedId.equals(TestKafka.header(r, "ce_id")))
              .contains("lacks its settlementNumber"));
      assertTrue(reason(dlq, r -> notJsonId.equals(TestKafka.header(r, "ce_id"))).contains("JSON"));
    }
    await().atMost(WAIT).until(() -> settled(once, "2026-12-04", "10000000004") == 1);
    assertEquals(1, settled(twice, "2026-12-02", "10000000002"));
    assertEquals(
        0,
        database.count(
            "select count(*) from transaction_settlement where transaction_id = ?", unnumbered));
  }

  private long settled(UUID transaction, String date, String number) {
    return database.count(
        "select count(*) from transaction_settlement where transaction_id = ?"
            + " and settlement_date = cast(? as date) and settlement_number = ?",
        transaction,
        date,
        number);
  }

  private static SettlementScheduledEvent scheduled(
      UUID transaction, UUID merchant, String date, String number) {
    return new SettlementScheduledEvent(
        transaction, merchant, "SOFTPOS", LocalDate.parse(date), null, number, Instant.now());
  }

  private static ReceiptRequestedEvent purchase(UUID merchant) {
    return Events.purchase(merchant, Events.kosovoMobile(), 2500, "EUR", null);
  }

  private static String e164(ReceiptRequestedEvent request) {
    return "+" + request.phoneNumber().replace(" ", "");
  }

  private static String reason(
      TestKafka.Tail dlq, Predicate<ConsumerRecord<String, String>> which) {
    ConsumerRecord<String, String> dead = dlq.await(which, WAIT);
    return String.valueOf(TestKafka.header(dead, "dead-letter-reason"));
  }
}
