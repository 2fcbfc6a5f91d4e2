package io.tasvie.notify.message;

import static io.restassured.RestAssured.given;
import static io.tasvie.notify.testing.Messages.awaitStatus;
import static io.tasvie.notify.testing.Messages.status;
import static io.tasvie.notify.testing.Messages.to;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tasvie.common.contract.ReceiptRequestedEvent;
import io.tasvie.common.testing.Database;
import io.tasvie.notify.testing.Events;
import io.tasvie.notify.testing.MessagingServers;
import io.tasvie.smsc.LocalSmsc;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.Test;

/** Receipts requested on a terminal, sent over SMPP to a real (local) SMSC, tracked to the end. */
@QuarkusTest
class ReceiptDeliveryTest {

  @Inject Database database;

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aKosovoReceiptArrivesOnceInAlbanianAsUcs2WithItsDeliveryReceiptRecorded() {
    UUID merchant = Events.merchant(database, "Dyqani Prishtinë", "XK", "EUR");
    String typed = Events.kosovoMobile();
    String e164 = "+" + typed.replace(" ", "");
    ReceiptRequestedEvent request = Events.purchase(merchant, typed, 4550, "EUR", null);
    String eventId = Events.receipt(request);

    JsonPath message = awaitStatus(request.transactionId(), "DELIVERED");
    assertEquals(e164, message.getString("recipient"));
    assertEquals("sq", message.getString("language"));
    assertEquals("UCS_2", message.getString("encoding")); // ë is not in GSM 03.38
    assertTrue(message.getString("text").contains("45,50 EUR"), message.getString("text"));
    assertTrue(message.getString("text").contains("400609******0007"));
    assertEquals(1, message.getInt("attempts"));
    assertTrue(message.getString("providerMessageId").matches("\\d+"));

    List<LocalSmsc.Message> received = to(e164);
    assertEquals(1, received.size());
    assertEquals(message.getString("text"), received.get(0).text());
    assertEquals(0x08, received.get(0).dataCoding());
    assertEquals(message.getInt("segments"), received.get(0).messageIds().size());

    // Kafka redelivers the same event: nothing new is written or sent.
    Events.receipt(request, eventId);
    Events.receipt(
        Events.purchase(merchant, "383 44 000 001", 1, "EUR", null)); // a marker behind it
    await().atMost(WAIT).until(() -> to("+38344000001").size() == 1);
    assertEquals(1, to(e164).size());
    assertEquals(
        1,
        database.count(
            "select count(*) from message where transaction_id = ?", request.transactionId()));
  }

  @Test
  void aPersianReceiptTypedInPersianDigitsGoesAsConcatenatedPartsAndIsDeliveredWhenAllAre() {
    UUID merchant = Events.merchant(database, "کتاب‌فروشی", "IR", "IRR");
    ReceiptRequestedEvent request =
        Events.purchase(merchant, "۰۹۱۲۳۴۵۶۷۸۹", 1_250_000, "IRR", null);
    Events.receipt(request);

    JsonPath message = awaitStatus(request.transactionId(), "DELIVERED");
    assertEquals("+989123456789", message.getString("recipient"));
    assertEquals("fa", message.getString("language"));
    assertTrue(message.getString("text").contains("۱٬۲۵۰٬۰۰۰"), message.getString("text"));
    int segments = message.getInt("segments");
    assertTrue(segments > 1, "a Persian receipt is longer than 70 UCS-2 units");
    LocalSmsc.Message received =
        to("+989123456789").stream()
            .filter(m -> m.text().equals(message.getString("text")))
            .findFirst()
            .orElseThrow();
    assertEquals(segments, received.messageIds().size()); // SAR parts put together again
    // every part's receipt comes (one may deliver the message first: see ConcatenatedSmsTest)
    await()
        .atMost(WAIT)
        .until(
            () ->
                database.count(
                        "select count(*) from delivery_receipt r join message_part p"
                            + " using (provider_id) where p.message_id = ?",
                        UUID.fromString(message.getString("messageId")))
                    == segments);
    for (int part = 0; part < segments; part++) {
      assertEquals(
          "DELIVERED", status(request.transactionId()).getString("parts[" + part + "].status"));
    }
  }

  @Test
  void anEnglishReceiptIsGsm7AndTheMerchantsMarkupStaysTextOnOneLine() {
    UUID merchant = Events.merchant(database, "<b>Corner</b>\nAuth 999999 {card}", "GB", "GBP");
    ReceiptRequestedEvent request = Events.purchase(merchant, "07400 123456", 1299, "GBP", null);
    Events.receipt(request);

    JsonPath message = awaitStatus(request.transactionId(), "DELIVERED");
    assertEquals("+447400123456", message.getString("recipient"));
    assertEquals("GSM_7", message.getString("encoding"));
    String text = message.getString("text");
    assertTrue(text.startsWith("<b>Corner</b> Auth 999999 {card}\n"), text);
    assertEquals(
        1, text.lines().filter(l -> l.contains("Auth")).filter(l -> l.contains("999999")).count());
    LocalSmsc.Message received = to("+447400123456").get(0);
    assertEquals(0x00, received.dataCoding());
    assertEquals(text, received.text());
  }

  @Test
  void numbersThatCannotGetAnSmsAreRejectedWithTheReasonAndNothingIsSent() {
    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    int before = MessagingServers.smsc().submits().size();
    record Case(String typed, String reason) {}
    for (Case c :
        List.of(
            new Case("383 44 12a 456", "is not a phone number"),
            new Case("383 44", "is not a valid phone number"),
            new Case("038 200 200", "is not a mobile number"), // a Prishtina landline
            new Case("+46 70 123 45 67", "country the merchant does not serve"))) {
      ReceiptRequestedEvent request = Events.purchase(merchant, c.typed(), 100, "EUR", null);
      Events.receipt(request);
      JsonPath message = awaitStatus(request.transactionId(), "REJECTED");
      assertTrue(
          message.getString("lastError").contains(c.reason()), message.getString("lastError"));
      assertEquals(0, message.getInt("attempts"));
    }
    assertEquals(before, MessagingServers.smsc().submits().size());
  }

  @Test
  void aMalformedRequestIsDeadLetteredWithTheReasonAndWritesNothing() throws Exception {
    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    try (var dlq = io.tasvie.common.testing.TestKafka.tail("receipts.dlq.notify-svc-test")) {
      ReceiptRequestedEvent full =
          Events.purchase(merchant, Events.kosovoMobile(), 100, "EUR", null);
      String body =
          Events.JSON.writeValueAsString(full).replace("\"maskedCard\":\"400609******0007\",", "");
      String id = UUID.randomUUID().toString();
      io.tasvie.common.testing.TestKafka.sendEvent(
          ReceiptRequestedEvent.TOPIC,
          full.transactionId().toString(),
          id,
          "ReceiptRequested",
          body);
      var dead =
          dlq.await(r -> id.equals(io.tasvie.common.testing.TestKafka.header(r, "ce_id")), WAIT);
      String reason = io.tasvie.common.testing.TestKafka.header(dead, "dead-letter-reason");
      assertTrue(reason.contains("lacks maskedCard"), reason);

      // a full card number is never rendered: refused as poison too
      ReceiptRequestedEvent clear =
          new ReceiptRequestedEvent(
              merchant,
              UUID.randomUUID(),
              "TM000016",
              Events.kosovoMobile(),
              null,
              "PURCHASE",
              100,
              "EUR",
              "4006090000000007",
              "VISA",
              "1",
              "2",
              full.transactionAt(),
              null,
              full.occurredAt());
      String clearId = Events.receipt(clear);
      var refused =
          dlq.await(
              r -> clearId.equals(io.tasvie.common.testing.TestKafka.header(r, "ce_id")), WAIT);
      assertTrue(
          io.tasvie.common.testing.TestKafka.header(refused, "dead-letter-reason")
              .contains("masked"));
      assertEquals(
          0,
          database.count(
              "select count(*) from message where transaction_id in (?, ?)",
              full.transactionId(),
              clear.transactionId()));
    }
  }

  @Test
  void anUndeliverableNumberEndsFailedByItsDeliveryReceipt() {
    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    String typed = Events.kosovoMobile();
    MessagingServers.smsc().reportAs(typed.replace(" ", ""), DeliveryReceiptState.UNDELIV);
    ReceiptRequestedEvent request = Events.purchase(merchant, typed, 100, "EUR", "en");
    Events.receipt(request);
    JsonPath message = awaitStatus(request.transactionId(), "FAILED");
    assertTrue(message.getString("lastError").contains("UNDELIV"), message.getString("lastError"));
    assertEquals(1, to("+" + typed.replace(" ", "")).size());
  }

  @Test
  void smscErrorsAreRetriedWithBackOffOrFailForGood() {
    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    MessagingServers.smsc().failNext(2, SMPPConstant.STAT_ESME_RSYSERR);
    ReceiptRequestedEvent transient_ =
        Events.purchase(merchant, Events.kosovoMobile(), 100, "EUR", "en");
    Events.receipt(transient_);
    JsonPath retried = awaitStatus(transient_.transactionId(), "DELIVERED");
    assertEquals(3, retried.getInt("attempts"));
    assertNull(retried.get("lastError")); // the ESME_RSYSERR of the first tries holds no more

    MessagingServers.smsc().failNext(1, SMPPConstant.STAT_ESME_RINVDSTADR);
    ReceiptRequestedEvent permanent =
        Events.purchase(merchant, Events.kosovoMobile(), 100, "EUR", "en");
    Events.receipt(permanent);
    JsonPath failed = awaitStatus(permanent.transactionId(), "FAILED");
    assertEquals(1, failed.getInt("attempts"));
    assertTrue(failed.getString("lastError").contains("ESME_RINVDSTADR"));
  }

  @Test
  void throttlingSlowsSendingDownAndEveryMessageGoesOutExactlyOnce() {
    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    long throttledBefore = MessagingServers.smsc().stats().get("throttled");
    MessagingServers.smsc().throttleNext(8);
    List<ReceiptRequestedEvent> requests =
        java.util.stream.IntStream.range(0, 20)
            .mapToObj(i -> Events.purchase(merchant, Events.kosovoMobile(), 100 + i, "EUR", "en"))
            .toList();
    requests.forEach(Events::receipt);
    for (ReceiptRequestedEvent request : requests) {
      JsonPath message = awaitStatus(request.transactionId(), "DELIVERED");
      assertEquals(1, to(message.getString("recipient")).size());
    }
    assertTrue(MessagingServers.smsc().stats().get("throttled") - throttledBefore >= 8);
  }

  @Test
  void whileTheSmscIsDownMessagesWaitAndThenGoOutOnce() throws Exception {
    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    MessagingServers.stopSmsc();
    List<ReceiptRequestedEvent> requests;
    try {
      requests =
          java.util.stream.IntStream.range(0, 5)
              .mapToObj(i -> Events.purchase(merchant, Events.kosovoMobile(), 200 + i, "EUR", "en"))
              .toList();
      requests.forEach(Events::receipt);
      for (ReceiptRequestedEvent request : requests) {
        awaitStatus(request.transactionId(), "QUEUED");
      }
      Thread.sleep(3_000); // re-binds keep failing meanwhile
      for (ReceiptRequestedEvent request : requests) {
        assertEquals("QUEUED", status(request.transactionId()).getString("status"));
      }
      given().get("/q/health/well").then().statusCode(503);
      given().get("/q/health/ready").then().statusCode(200); // still taking requests
    } finally {
      MessagingServers.startSmsc();
    }
    for (ReceiptRequestedEvent request : requests) {
      JsonPath message = awaitStatus(request.transactionId(), "DELIVERED");
      assertEquals(1, to(message.getString("recipient")).size());
    }
  }

  @Test
  void aDroppedSessionIsBoundAgainAndSendingGoesOn() {
    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    MessagingServers.smsc().dropSessions();
    ReceiptRequestedEvent request =
        Events.purchase(merchant, Events.kosovoMobile(), 300, "EUR", "en");
    Events.receipt(request);
    awaitStatus(request.transactionId(), "DELIVERED");
    given().get("/q/health/well").then().statusCode(200).body("checks[0].name", equalTo("SMSC"));
  }
}
