package io.tasvie.settlement.batch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.common.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Batches close at their cut-off and finance marks them paid, once. */
@QuarkusTest
class BatchResourceTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Inject Database database;
  @Inject ObjectMapper mapper;

  @Test
  void aBatchClosesAfterItsCutOffAndIsPaidOnce() throws Exception {
    UUID merchantId = UUID.randomUUID();
    UUID batchId = insertBatch(merchantId, "now() - interval '1 minute'", 500_000, 120_000);
    String finance = TestTokens.token("finance");

    try (TestKafka.Tail events = TestKafka.tail("settlement-batches")) {
      ConsumerRecord<String, String> closed =
          events.await(r -> batchId.toString().equals(r.key()), TIMEOUT);
      assertEquals("SettlementBatchClosed", TestKafka.header(closed, "ce_type"));
      JsonNode body = mapper.readTree(closed.value());
      assertEquals(380_000, body.path("netAmount").asLong());
      assertEquals("1405-09-07", body.path("settlementDateJalali").asText());

      given()
          .auth()
          .oauth2(finance)
          .get("/v1/settlement-batches/" + batchId)
          .then()
          .statusCode(200)
          .body("status", equalTo("CLOSED"))
          .body("netAmount", equalTo(380_000));

      given()
          .auth()
          .oauth2(finance)
          .contentType(ContentType.JSON)
          .body("{\"bankReference\":\"SATNA-2026-000123\"}")
          .post("/v1/settlement-batches/" + batchId + "/paid")
          .then()
          .statusCode(200)
          .body("status", equalTo("PAID"))
          .body("bankReference", equalTo("SATNA-2026-000123"));
      ConsumerRecord<String, String> paid =
          events.await(
              r ->
                  batchId.toString().equals(r.key())
                      && "SettlementBatchPaid".equals(TestKafka.header(r, "ce_type")),
              TIMEOUT);
      assertEquals(
          "SATNA-2026-000123", mapper.readTree(paid.value()).path("bankReference").asText());
    }

    given()
        .auth()
        .oauth2(finance)
        .contentType(ContentType.JSON)
        .body("{\"bankReference\":\"again\"}")
        .post("/v1/settlement-batches/" + batchId + "/paid")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:tasvie:problem:batch-already-paid"));
    given()
        .auth()
        .oauth2(finance)
        .queryParam("merchantId", merchantId)
        .queryParam("status", "PAID")
        .get("/v1/settlement-batches")
        .then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].bankReference", equalTo("SATNA-2026-000123"));
  }

  @Test
  void anOpenOrUnknownBatchCannotBePaidAndBadInputsAreProblems() {
    UUID merchantId = UUID.randomUUID();
    UUID open = insertBatch(merchantId, "now() + interval '1 day'", 100_000, 0);
    String finance = TestTokens.token("finance");

    given()
        .auth()
        .oauth2(finance)
        .contentType(ContentType.JSON)
        .body("{\"bankReference\":\"x\"}")
        .post("/v1/settlement-batches/" + open + "/paid")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:tasvie:problem:batch-not-closed"));
    given()
        .auth()
        .oauth2(finance)
        .contentType(ContentType.JSON)
        .body("{\"bankReference\":\"x\"}")
        .post("/v1/settlement-batches/" + UUID.randomUUID() + "/paid")
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(finance)
        .contentType(ContentType.JSON)
        .body("{\"bankReference\":\" \"}")
        .post("/v1/settlement-batches/" + open + "/paid")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(TestTokens.token("merchant"))
        .get("/v1/settlement-batches/" + open)
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(finance)
        .queryParam("status", "SETTLED")
        .get("/v1/settlement-batches")
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tasvie:problem:unknown-status"));
    given()
        .auth()
        .oauth2(finance)
        .queryParam("settlementDate", "2026-02-30")
        .get("/v1/settlement-batches")
        .then()
        .statusCode(400);
    assertEquals(
        1,
        database.count(
            "select count(*) from settlement_batch where id = ? and status = 'OPEN'", open));
  }

  @Test
  void financeReadsABatchsLinesAsJsonOrCsv() {
    UUID batchId = insertBatch(UUID.randomUUID(), "now() + interval '1 day'", 100_000, 30_000);
    UUID paymentId = UUID.randomUUID();
    UUID refundId = UUID.randomUUID();
    database.update(
        "insert into settlement_item (id, batch_id, payment_id, refund_id, kind, channel, amount,"
            + " occurred_at) values (?, ?, ?, null, 'CAPTURE', 'ONLINE', 100000,"
            + " timestamptz '2026-11-25 10:00:00+00'), (?, ?, ?, ?, 'REFUND', 'ONLINE', 30000,"
            + " timestamptz '2026-11-25 11:00:00+00')",
        UUID.randomUUID(),
        batchId,
        paymentId,
        UUID.randomUUID(),
        batchId,
        paymentId,
        refundId);
    String finance = TestTokens.token("finance");

    given()
        .auth()
        .oauth2(finance)
        .get("/v1/settlement-batches/" + batchId + "/items")
        .then()
        .statusCode(200)
        .body("", hasSize(2))
        .body("[0].kind", equalTo("CAPTURE"))
        .body("[1].refundId", equalTo(refundId.toString()))
        .body("[1].amount", equalTo(30_000));
    String csv =
        given()
            .auth()
            .oauth2(finance)
            .accept("text/csv")
            .get("/v1/settlement-batches/" + batchId + "/items")
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.containsString("text/csv"))
            .extract()
            .asString();
    String[] lines = csv.split("\r\n");
    assertEquals(3, lines.length, csv);
    assertEquals(
        "settlement_number,settlement_date,currency,payment_id,refund_id,kind,channel,amount,fee,"
            + "occurred_at",
        lines[0]);
    org.junit.jupiter.api.Assertions.assertTrue(
        lines[2].endsWith("," + refundId + ",REFUND,ONLINE,-30000,0,2026-11-25T11:00:00Z"),
        lines[2]);
    given()
        .auth()
        .oauth2(finance)
        .get("/v1/settlement-batches/" + UUID.randomUUID() + "/items")
        .then()
        .statusCode(404);
  }

  private UUID insertBatch(UUID merchantId, String closesAt, long captured, long refunded) {
    UUID batchId = UUID.randomUUID();
    database.update(
        "insert into settlement_batch (id, merchant_id, currency, settlement_date, settlement_number,"
            + " status, closes_at, captured_amount, refunded_amount, captured_count, refund_count,"
            + " created_at) values (?, ?, 'IRR', date '2026-11-28', ?, 'OPEN', "
            + closesAt
            + ", ?, ?, 3, 1, now())",
        batchId,
        merchantId,
        UUID.randomUUID().toString(),
        captured,
        refunded);
    return batchId;
  }
}
