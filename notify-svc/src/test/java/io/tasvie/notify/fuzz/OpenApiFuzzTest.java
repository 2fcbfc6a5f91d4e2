package io.tasvie.notify.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tasvie.common.contract.ReceiptRequestedEvent;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.common.testing.fuzz.OpenApiFuzz;
import io.tasvie.common.testing.fuzz.TableCounts;
import io.tasvie.notify.testing.Events;
import io.tasvie.notify.testing.Messages;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of notify-svc's OpenAPI document with hostile values (issue #26): never a 5xx,
 * problems as application/problem+json, refused requests change no table. Seeded (rerun a failure
 * with {@code -Dtasvie.fuzz.seed=}) and bounded by a count of requests.
 */
@QuarkusTest
class OpenApiFuzzTest {

  @Inject Database database;
  @Inject AgroalDataSource dataSource;

  @Test
  void everyOperationSurvivesHostileValues() throws Exception {
    UUID merchant = Events.merchant(database, "Fuzz Dyqani", "XK", "EUR");
    String typed = Events.kosovoMobile();
    ReceiptRequestedEvent receipt = Events.purchase(merchant, typed, 990, "EUR", null);
    Events.receipt(receipt);
    String messageId =
        Messages.awaitStatus(receipt.transactionId(), "DELIVERED").getString("messageId");

    OpenApiFuzz.Report report =
        OpenApiFuzz.forService("notify-svc")
            .at("localhost", RestAssured.port)
            .seed(2026_26L)
            .casesPerOperation(60)
            .maxRequests(1_500)
            .tokens(
                role ->
                    role.equals("merchant")
                        ? TestTokens.merchant(merchant)
                        : TestTokens.token(role))
            .path("merchantId", merchant)
            .path("messageId", messageId)
            .query(
                "GET /v1/messages",
                Map.of(
                    "transactionId",
                    receipt.transactionId().toString(),
                    "recipient",
                    typed,
                    "status",
                    "DELIVERED",
                    "page",
                    "0",
                    "size",
                    "20"))
            .body(
                "POST /v1/messages/{messageId}/resend",
                "{\"phoneNumber\":\"" + typed + "\",\"language\":\"sq\"}")
            .header(
                "POST /v1/messages/{messageId}/resend",
                "Idempotency-Key",
                "fuzz-" + UUID.randomUUID())
            .body(
                "PUT /v1/merchants/{merchantId}/messaging",
                "{\"language\":\"sq\",\"smsSender\":\"Dyqani\",\"servedCountries\":[\"XK\"]}")
            .tables(new TableCounts(dataSource, Set.of("inbox_event", "merchant_projection")))
            .run();
    System.out.println(report.describe());
    assertTrue(report.clean(), report::describe);
  }
}
