package io.tasvie.settlement.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.settlement.batch.service.SettlementDates;
import io.tasvie.settlement.batch.service.SettlementNumbers;
import io.tasvie.settlement.testing.Payments;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Payment events from the `payments` topic into batches, and SettlementScheduled out. */
@QuarkusTest
class PaymentIngestTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Inject Database database;
  @Inject ObjectMapper mapper;
  @Inject SettlementDates dates;

  UUID merchantId;

  @BeforeEach
  void registerMerchant() {
    merchantId = UUID.randomUUID();
    register(merchantId);
  }

  private void register(UUID merchantId) {
    Payments.merchant(database, merchantId, "IR", "IRR");
  }

  @Test
  void aCaptureIsScheduledForSettlementWithADateAndATrackingNumber() throws Exception {
    UUID paymentId = UUID.randomUUID();
    try (TestKafka.Tail settlements = TestKafka.tail("settlements")) {
      sendCaptured(paymentId, 120_000, "2027-11-25T06:30:00Z");

      ConsumerRecord<String, String> scheduled =
          settlements.await(r -> paymentId.toString().equals(r.key()), TIMEOUT);
      assertEquals("SettlementScheduled", TestKafka.header(scheduled, "ce_type"));
      JsonNode body = mapper.readTree(scheduled.value());
      assertEquals("2027-11-27", body.path("settlementDate").asText()); // Thursday + 1 over Friday
      assertEquals("1406-09-06", body.path("settlementDateJalali").asText());
      assertEquals(merchantId.toString(), body.path("merchantId").asText());
      assertTrue(
          SettlementNumbers.isValid(body.path("settlementNumber").asText()), body.toString());
    }
    assertEquals(
        1,
        database.count(
            "select count(*) from settlement_batch where merchant_id = ? and settlement_date = '2027-11-27'"
                + " and captured_amount = 120000 and captured_count = 1 and status = 'OPEN'",
            merchantId));
  }

  @Test
  void aCaptureArrivingAfterItsBatchsCutOffIsNettedIntoTodaysBatch() throws Exception {
    UUID paymentId = UUID.randomUUID();
    try (TestKafka.Tail settlements = TestKafka.tail("settlements")) {
      sendCaptured(paymentId, 70_000, "2026-01-10T06:30:00Z");

      ConsumerRecord<String, String> scheduled =
          settlements.await(r -> paymentId.toString().equals(r.key()), TIMEOUT);
      LocalDate date =
          LocalDate.parse(mapper.readTree(scheduled.value()).path("settlementDate").asText());
      LocalDate today = dates.settlementDate(Instant.now(), "IR");
      assertTrue(
          date.equals(today)
              || date.equals(dates.settlementDate(Instant.now().minusSeconds(60), "IR")),
          date + " is not today's settlement date " + today);
    }
  }

  @Test
  void theMerchantsContractSetsTheDelayAndCutOff() throws Exception {
    String admin = TestTokens.token("admin");
    given()
        .auth()
        .oauth2(TestTokens.token("finance"))
        .get("/v1/merchants/" + merchantId + "/settlement-contract")
        .then()
        .statusCode(200)
        .body("delayDays", equalTo(1))
        .body("cutoff", equalTo("23:59"));
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body("{\"delayDays\":3,\"cutoff\":\"18:00\"}")
        .put("/v1/merchants/" + merchantId + "/settlement-contract")
        .then()
        .statusCode(200)
        .body("delayDays", equalTo(3))
        .body("cutoff", equalTo("18:00"));

    UUID paymentId = UUID.randomUUID();
    try (TestKafka.Tail settlements = TestKafka.tail("settlements")) {
      // Wednesday 18:30 in Tehran: after this merchant's cut-off, so Thursday; then T+3 over
      // Friday.
      sendCaptured(paymentId, 90_000, "2027-11-24T15:00:00Z");
      ConsumerRecord<String, String> scheduled =
          settlements.await(r -> paymentId.toString().equals(r.key()), TIMEOUT);
      assertEquals(
          "2027-11-29", mapper.readTree(scheduled.value()).path("settlementDate").asText());
    }
  }

  @Test
  void badContractsAreRefusedAndChangeNothing() {
    String admin = TestTokens.token("admin");
    for (String body :
        List.of(
            "{\"delayDays\":0,\"cutoff\":\"18:00\"}",
            "{\"delayDays\":4,\"cutoff\":\"18:00\"}",
            "{\"delayDays\":2,\"cutoff\":\"25:00\"}",
            "{\"delayDays\":2,\"cutoff\":\"6pm\"}",
            "{\"delayDays\":2}")) {
      given()
          .auth()
          .oauth2(admin)
          .contentType(ContentType.JSON)
          .body(body)
          .put("/v1/merchants/" + merchantId + "/settlement-contract")
          .then()
          .statusCode(400);
    }
    given()
        .auth()
        .oauth2(TestTokens.token("finance"))
        .contentType(ContentType.JSON)
        .body("{\"delayDays\":2,\"cutoff\":\"18:00\"}")
        .put("/v1/merchants/" + merchantId + "/settlement-contract")
        .then()
        .statusCode(403);
    assertEquals(
        0,
        database.count("select count(*) from merchant_contract where merchant_id = ?", merchantId));
  }

  @Test
  void aCaptureDeliveredTwiceCountsOnceAndRefundsAreNetted() {
    UUID paymentId = UUID.randomUUID();
    sendCaptured(paymentId, 100_000, "2027-11-24T06:30:00Z");
    sendCaptured(paymentId, 100_000, "2027-11-24T06:30:00Z"); // republished: another event id
    UUID refundId = UUID.randomUUID();
    String refund = refunded(paymentId, refundId, 30_000, "2027-11-24T07:00:00Z");
    String eventId = UUID.randomUUID().toString();
    TestKafka.sendEvent("payments", paymentId.toString(), eventId, "PaymentRefunded", refund);
    TestKafka.sendEvent("payments", paymentId.toString(), eventId, "PaymentRefunded", refund);

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertEquals(
                    1,
                    database.count(
                        "select count(*) from settlement_batch where merchant_id = ?"
                            + " and captured_amount = 100000 and captured_count = 1"
                            + " and refunded_amount = 30000 and refund_count = 1",
                        merchantId)));
    assertEquals(
        2, database.count("select count(*) from settlement_item where payment_id = ?", paymentId));
  }

  @Test
  void anEventBeforeItsMerchantWaitsForTheMerchantAndIsThenSettled() {
    UUID paymentId = UUID.randomUUID();
    UUID lateMerchant = UUID.randomUUID();
    TestKafka.sendEvent(
        "payments",
        paymentId.toString(),
        UUID.randomUUID().toString(),
        "PaymentCaptured",
        captured(paymentId, lateMerchant, 50_000, "2027-11-24T06:30:00Z"));
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                database.count(
                        "select count(*) from parked_payment_event where merchant_id = ?",
                        lateMerchant)
                    == 1);
    assertEquals(
        0, database.count("select count(*) from settlement_item where payment_id = ?", paymentId));

    register(lateMerchant);

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                database.count(
                        "select count(*) from settlement_item where payment_id = ?", paymentId)
                    == 1);
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                database.count(
                        "select count(*) from parked_payment_event where merchant_id = ?",
                        lateMerchant)
                    == 0);
  }

  @Test
  void anEventWithoutItsAmountIsDeadLetteredWithTheReason() {
    UUID paymentId = UUID.randomUUID();
    assertDeadLettered(
        paymentId,
        captured(paymentId, merchantId, 50_000, "2027-11-24T06:30:00Z")
            .replace("\"currency\":\"IRR\",", ""),
        "lacks amount, currency or time");
  }

  @Test
  void aCaptureInACurrencyTheMerchantDoesNotSettleInIsDeadLetteredWithTheReason() {
    UUID paymentId = UUID.randomUUID();
    assertDeadLettered(
        paymentId,
        captured(paymentId, merchantId, 5_000, "2027-11-24T06:30:00Z")
            .replace("\"currency\":\"IRR\"", "\"currency\":\"EUR\""),
        "settles in IRR, not EUR");
    assertEquals(
        0,
        database.count(
            "select count(*) from settlement_batch where merchant_id = ? and currency = 'EUR'",
            merchantId));
  }

  /** The capture goes to the dead-letter topic with {@code reason}, and settles nothing. */
  private void assertDeadLettered(UUID paymentId, String capture, String reason) {
    try (TestKafka.Tail dlq = TestKafka.tail("payments.dlq.settlement-svc-test")) {
      TestKafka.sendEvent(
          "payments",
          paymentId.toString(),
          UUID.randomUUID().toString(),
          "PaymentCaptured",
          capture);
      ConsumerRecord<String, String> dead =
          dlq.await(r -> paymentId.toString().equals(r.key()), TIMEOUT);
      String header = TestKafka.header(dead, "dead-letter-reason");
      assertTrue(header.contains(reason), header);
    }
    assertEquals(
        0, database.count("select count(*) from settlement_item where payment_id = ?", paymentId));
  }

  private void sendCaptured(UUID paymentId, long amount, String at) {
    TestKafka.sendEvent(
        "payments",
        paymentId.toString(),
        UUID.randomUUID().toString(),
        "PaymentCaptured",
        captured(paymentId, merchantId, amount, at));
  }

  private static String captured(UUID paymentId, UUID merchantId, long amount, String at) {
    return "{\"paymentId\":\""
        + paymentId
        + "\",\"payment\":"
        + facts(merchantId, amount)
        + ",\"occurredAt\":\""
        + at
        + "\"}";
  }

  private String refunded(UUID paymentId, UUID refundId, long amount, String at) {
    return "{\"paymentId\":\""
        + paymentId
        + "\",\"payment\":"
        + facts(merchantId, 100_000)
        + ",\"refundId\":\""
        + refundId
        + "\",\"refundAmount\":"
        + amount
        + ",\"refundedTotal\":"
        + amount
        + ",\"reason\":\"returned\",\"occurredAt\":\""
        + at
        + "\"}";
  }

  private static String facts(UUID merchantId, long amount) {
    return "{\"merchantId\":\""
        + merchantId
        + "\",\"merchantReference\":\"R1\",\"amount\":"
        + amount
        + ",\"currency\":\"IRR\",\"channel\":\"ONLINE\",\"maskedCard\":\"400609******0007\","
        + "\"cardBrand\":\"VISA\",\"authCode\":\"123456\",\"rrn\":\"123456789012\"}";
  }
}
