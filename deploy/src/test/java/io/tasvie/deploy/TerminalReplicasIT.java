package io.tasvie.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.tasvie.common.testing.TerminalClient;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.common.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two terminal-svc replicas on one database: a terminal's session is held by one, the requests that
 * concern it (a back-office refund approval, a revocation) land on the other, and still reach it.
 */
class TerminalReplicasIT {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static ServiceProcess first;
  static ServiceProcess second;

  @BeforeAll
  static void start() {
    String kafka = TestKafka.bootstrapServers();
    first =
        ServiceProcess.start(
            "terminal-svc", kafka, ServiceProcess.merchantsConsumer("terminal-svc"));
    Stack.awaitReady(first);
    Map<String, String> env = new HashMap<>(ServiceProcess.merchantsConsumer("terminal-svc"));
    env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "false"); // the first replica made the schema
    second = ServiceProcess.start("terminal-svc", kafka, env);
    Stack.awaitReady(second);
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Test
  void messagesForATerminalReachTheReplicaHoldingItsSession() throws Exception {
    UUID merchantId = UUID.randomUUID();
    String merchantNumber = String.valueOf(70_000_000 + (int) (Math.random() * 9_999_999));
    TestKafka.sendEvent(
        "merchants",
        merchantId.toString(),
        UUID.randomUUID().toString(),
        "MerchantRegistered",
        """
        {"merchantId":"%s","merchantNumber":"%s","name":"Two Nodes Shop","country":"XK",
         "currency":"EUR","callbackDomains":[],"registeredAt":"%s"}
        """
            .formatted(merchantId, merchantNumber, Instant.now()));
    String admin = TestTokens.token("admin");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                given()
                        .auth()
                        .oauth2(admin)
                        .get(first.url("/v1/merchants/" + merchantId))
                        .statusCode()
                    == 200);

    String merchant = TestTokens.merchant(merchantId);
    String deviceId = "node-test-" + UUID.randomUUID().toString().substring(0, 8);
    String ref = Stack.requestSoftPos(first, merchant, deviceId, "two@nodes.example");
    String terminalId;
    String code;
    try (TestKafka.Tail events = TestKafka.tail("terminals")) {
      terminalId = Stack.approve(first, admin, ref);
      var record =
          events.await(
              r ->
                  terminalId.equals(r.key())
                      && "ActivationCodeIssued".equals(TestKafka.header(r, "ce_type")),
              Duration.ofSeconds(30));
      code = MAPPER.readTree(record.value()).path("activationCode").asText();
    }
    String token = Stack.activate(second, merchantNumber, code, deviceId, "8642");

    // The session is held by the first replica.
    TerminalClient session = TerminalClient.open(Stack.sessionOf(first), token);
    JsonNode sale =
        session.request(
            "purchase",
            Map.of(
                "amount",
                3000,
                "currency",
                "EUR",
                "card",
                Map.of(
                    "pan",
                    "4006090000000007",
                    "expiry",
                    "12/30",
                    "entryMode",
                    "CHIP",
                    "pinBlock",
                    "041234FFFFFFFFFF")));
    assertEquals("APPROVED", sale.path("status").asText(), sale.toString());

    // The back office approves a refund on the second replica: the first pushes it to the session.
    String approvalId =
        given()
            .auth()
            .oauth2(merchant)
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "originalTransactionId",
                    sale.path("transactionId").asText(),
                    "amount",
                    1000,
                    "supervisorCode",
                    "8642"))
            .post(second.url("/v1/terminals/" + terminalId + "/refund-approvals"))
            .then()
            .statusCode(201)
            .extract()
            .path("approval.approvalId");
    assertEquals(approvalId, session.awaitType("refund-approved").path("approvalId").asText());

    // Presence is the same from either replica.
    given()
        .auth()
        .oauth2(admin)
        .get(second.url("/v1/terminals/" + terminalId))
        .then()
        .statusCode(200)
        .body("online", equalTo(true));

    // An admin revokes the terminal on the second replica: the session on the first closes at once.
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "lost"))
        .post(second.url("/v1/terminals/" + terminalId + "/revoke"))
        .then()
        .statusCode(200);
    assertEquals(4403, session.awaitClose());
    assertEquals("revoked", session.closeReason());
  }
}
