package io.tasvie.settlement.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.common.testing.fuzz.OpenApiFuzz;
import io.tasvie.common.testing.fuzz.TableCounts;
import io.tasvie.settlement.testing.Payments;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of settlement-svc's OpenAPI document with hostile values (issue #26): never a
 * 5xx, problems as application/problem+json, refused requests change no table. Seeded (rerun a
 * failure with {@code -Dtasvie.fuzz.seed=}) and bounded by a count of requests.
 */
@QuarkusTest
class OpenApiFuzzTest {

  /**
   * Tables only the Kafka consumers write (merchants and payments of every test on the shared
   * broker arrive at any time): no HTTP request adds rows to them.
   */
  private static final Set<String> CONSUMED =
      Set.of(
          "inbox_event",
          "merchant_projection",
          "parked_payment_event",
          "settlement_batch",
          "settlement_batch_channel",
          "settlement_item",
          "ledger_entry",
          "transaction_settlement",
          "merchant_carry");

  @Inject Database database;
  @Inject AgroalDataSource dataSource;

  @Test
  void everyOperationSurvivesHostileValues() throws Exception {
    UUID merchantId = Payments.merchant(database, "IR", "IRR");
    UUID batchId = UUID.randomUUID();
    database.update(
        "insert into settlement_batch (id, merchant_id, currency, settlement_date,"
            + " settlement_number, status, closes_at, captured_amount, refunded_amount,"
            + " captured_count, refund_count, created_at) values (?, ?, 'IRR', date '2026-11-28',"
            + " ?, 'OPEN', now() + interval '1 day', 100000, 0, 1, 0, now())",
        batchId,
        merchantId,
        UUID.randomUUID().toString());

    OpenApiFuzz.Report report =
        OpenApiFuzz.forService("settlement-svc")
            .at("localhost", RestAssured.port)
            .seed(2026_26L)
            .casesPerOperation(60)
            .maxRequests(1_500)
            .tokens(
                role ->
                    role.equals("merchant")
                        ? TestTokens.merchant(merchantId)
                        : TestTokens.token(role))
            .path("merchantId", merchantId)
            .path("batchId", batchId)
            .path("country", "IR")
            // holidays are added to a country no other test settles in, on a far date
            .path("POST /v1/calendars/{country}/holidays", "country", "AQ")
            .path("settlementDate", "2026-11-28")
            .query(
                "GET /v1/calendars/{country}/business-days",
                Map.of("from", "2026-03-19", "to", "2026-03-25"))
            .query(
                "GET /v1/settlement-batches",
                Map.of(
                    "merchantId",
                    merchantId.toString(),
                    "settlementDate",
                    "2026-11-28",
                    "status",
                    "OPEN",
                    "page",
                    "0",
                    "size",
                    "20"))
            .query(
                "GET /v1/settlement-exports",
                Map.of(
                    "from", "2026-11-28", "to", "2026-11-28", "currency", "IRR", "format", "csv"))
            .body(
                "POST /v1/calendars/{country}/holidays",
                "{\"date\":\"2030-01-02\",\"name\":\"Fuzz day\"}")
            .body(
                "PUT /v1/merchants/{merchantId}/settlement-contract",
                """
                {"delayDays":2,"cutoff":"18:00","fees":[{"channel":"ONLINE","mdrBps":150,"fixedFee":500}],
                 "iban":"IR820540102680020817909002","accountHolder":"Ketab Shop Co"}
                """)
            .body(
                "POST /v1/settlement-batches/{batchId}/paid",
                "{\"bankReference\":\"SATNA-2026-000123\"}")
            .tables(new TableCounts(dataSource, CONSUMED))
            .run();
    System.out.println(report.describe());
    assertTrue(report.clean(), report::describe);
  }
}
