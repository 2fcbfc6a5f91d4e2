package io.tasvie.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tasvie.common.testing.TerminalClient;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.common.testing.TestTokens;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A SoftPOS terminal's life across the four packaged services: the merchant onboarded on
 * gateway-svc, the terminal requested and approved on terminal-svc, its activation code e-mailed by
 * notify-svc over real SMTP, activation, purchases across the CVM limit over the WebSocket session,
 * a decline, a refund, a lost connection recovered, today's history, and the sales booked by
 * settlement-svc.
 */
class TerminalPaymentsIT {

  static final String VISA = "4006090000000007";
  static final String SUPERVISOR_CODE = "5791";

  static GreenMail mail;
  static ServiceProcess gateway;
  static ServiceProcess terminal;
  static ServiceProcess notify;
  static ServiceProcess settlement;

  @BeforeAll
  static void start() {
    mail = new GreenMail(new ServerSetup(ServiceProcess.freePort(), "127.0.0.1", "smtp"));
    mail.start();
    String kafka = TestKafka.bootstrapServers();
    gateway =
        ServiceProcess.start(
            "gateway-svc", kafka, ServiceProcess.consumerOf("settlements", "gateway-svc"));
    terminal =
        ServiceProcess.start(
            "terminal-svc", kafka, ServiceProcess.merchantsConsumer("terminal-svc"));
    Map<String, String> notifyEnv = new HashMap<>();
    for (String topic : List.of("merchants", "receipts", "terminals", "settlements")) {
      notifyEnv.putAll(ServiceProcess.consumerOf(topic, "notify-svc"));
    }
    notifyEnv.put("QUARKUS_MAILER_HOST", "127.0.0.1");
    notifyEnv.put("QUARKUS_MAILER_PORT", String.valueOf(mail.getSmtp().getPort()));
    notifyEnv.put("TASVIE_SMPP_PORT", String.valueOf(ServiceProcess.freePort()));
    notify = ServiceProcess.start("notify-svc", kafka, notifyEnv);
    settlement =
        ServiceProcess.start("settlement-svc", kafka, ServiceProcess.settlementConsumers());
    List.of(gateway, terminal, notify, settlement).forEach(Stack::awaitReady);
  }

  @AfterAll
  static void stop() {
    for (ServiceProcess service : new ServiceProcess[] {gateway, terminal, notify, settlement}) {
      if (service != null) {
        service.close();
      }
    }
    if (mail != null) {
      mail.stop();
    }
  }

  @Test
  void aSoftPosTerminalIsActivatedByEmailSellsRefundsRecoversAndIsSettled() throws Exception {
    String admin = Stack.adminToken(gateway);
    String merchantId =
        given()
            .auth()
            .oauth2(admin)
            .contentType(ContentType.JSON)
            .body(
                """
                {"name":"Kafe Prishtina","country":"XK","currency":"EUR","callbackDomains":["kafe.example"]}
                """)
            .post(gateway.url("/v1/merchants"))
            .then()
            .statusCode(201)
            .extract()
            .path("merchantId");
    String merchantNumber =
        given()
            .auth()
            .oauth2(admin)
            .get(gateway.url("/v1/merchants/" + merchantId))
            .path("merchantNumber");
    for (ServiceProcess service : List.of(terminal, notify, settlement)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  given()
                          .auth()
                          .oauth2(admin)
                          .get(service.url("/v1/merchants/" + merchantId))
                          .statusCode()
                      == 200);
    }

    // Request and approval; the activation code arrives by e-mail.
    String merchant = TestTokens.merchant(UUID.fromString(merchantId));
    String email = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@kafe.example";
    String deviceId = "pixel-" + UUID.randomUUID().toString().substring(0, 8);
    String ref = Stack.requestSoftPos(terminal, merchant, deviceId, email);
    String terminalId = Stack.approve(terminal, admin, ref);
    String code = activationCodeMailedTo(email, terminalId);

    String token = Stack.activate(terminal, merchantNumber, code, deviceId, SUPERVISOR_CODE);
    URI session = Stack.sessionOf(terminal);

    try (TerminalClient client = TerminalClient.open(session, token)) {
      // 25.00 EUR contactless: no PIN. 45.00 EUR contactless: the PIN, under the same transaction.
      JsonNode small = client.request("purchase", purchase(2500, VISA, "CONTACTLESS", false, null));
      assertEquals("APPROVED", small.path("status").asText(), small.toString());
      JsonNode pinRequired =
          client.request("purchase", purchase(4500, VISA, "CONTACTLESS", false, null));
      assertEquals("PIN_REQUIRED", pinRequired.path("status").asText());
      String large = pinRequired.path("transactionId").asText();
      JsonNode withPin =
          client.request("purchase", purchase(4500, VISA, "CONTACTLESS", true, large));
      assertEquals("APPROVED", withPin.path("status").asText());
      assertEquals("PIN", withPin.path("receipt").path("verification").asText());
      assertEquals("Kafe Prishtina", withPin.path("receipt").path("merchantName").asText());

      JsonNode declined =
          client.request("purchase", purchase(1000, "4000000000000002", "CHIP", true, null));
      assertEquals("DECLINED", declined.path("status").asText());
      assertEquals("57", declined.path("responseCode").asText());

      JsonNode refund =
          client.request(
              "refund",
              Map.of(
                  "originalTransactionId",
                  large,
                  "amount",
                  1500,
                  "supervisorCode",
                  SUPERVISOR_CODE,
                  "card",
                  card(VISA, "CONTACTLESS", false)));
      assertEquals("APPROVED", refund.path("status").asText(), refund.toString());
      assertEquals(3000, refund.path("remaining").asLong());
    }

    // The connection drops right after a purchase is sent; the new session finds its outcome.
    TerminalClient lost = TerminalClient.open(session, token);
    lost.send("purchase", UUID.randomUUID().toString(), purchase(1200, VISA, "CHIP", true, null));
    lost.abort();
    try (TerminalClient client = TerminalClient.open(session, token)) {
      JsonNode last =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () -> client.request("last-transaction", Map.of()),
                  frame -> !frame.path("active").asBoolean(true));
      assertEquals("APPROVED", last.path("transaction").path("status").asText());
      assertEquals(1200, last.path("transaction").path("amount").asLong());

      JsonNode history = client.request("history", Map.of());
      JsonNode totals = history.path("totals").get(0);
      assertEquals(5, history.path("count").asInt()); // 3 sales, 1 decline, 1 refund
      assertEquals(2500 + 4500 + 1200, totals.path("purchases").asLong());
      assertEquals(1500, totals.path("refunds").asLong());
      assertEquals(2500 + 4500 + 1200 - 1500, totals.path("net").asLong());
    }

    // settlement-svc booked the card-present sales and the refund from the payments topic.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              JsonPath batches =
                  given()
                      .auth()
                      .oauth2(merchant)
                      .queryParam("merchantId", merchantId)
                      .get(settlement.url("/v1/settlement-batches"))
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath();
              long captured =
                  batches.getList("capturedAmount", Long.class).stream()
                      .mapToLong(Long::longValue)
                      .sum();
              long refunded =
                  batches.getList("refundedAmount", Long.class).stream()
                      .mapToLong(Long::longValue)
                      .sum();
              assertEquals(2500 + 4500 + 1200, captured, batches.prettify());
              assertEquals(1500, refunded);
            });
  }

  private static String activationCodeMailedTo(String email, String terminalId) throws Exception {
    MimeMessage message =
        await().atMost(Duration.ofSeconds(60)).until(() -> mailTo(email), found -> found != null);
    assertTrue(message.getSubject().contains(terminalId), message.getSubject());
    Matcher code =
        Pattern.compile("\\b[A-HJ-NP-Z2-9]{10}\\b").matcher(GreenMailUtil.getBody(message));
    assertTrue(code.find(), GreenMailUtil.getBody(message));
    return code.group();
  }

  private static MimeMessage mailTo(String email) throws Exception {
    for (MimeMessage message : mail.getReceivedMessages()) {
      for (var recipient : message.getAllRecipients()) {
        if (recipient.toString().contains(email)) {
          return message;
        }
      }
    }
    return null;
  }

  private static Map<String, Object> card(String pan, String entryMode, boolean pin) {
    Map<String, Object> card =
        new HashMap<>(Map.of("pan", pan, "expiry", "11/29", "entryMode", entryMode));
    if (pin) {
      card.put("pinBlock", "0412AC89FFFFFFFF");
    }
    return card;
  }

  private static Map<String, Object> purchase(
      long amount, String pan, String entryMode, boolean pin, String transactionId) {
    Map<String, Object> purchase = new HashMap<>();
    purchase.put("amount", amount);
    purchase.put("currency", "EUR");
    purchase.put("card", card(pan, entryMode, pin));
    if (transactionId != null) {
      purchase.put("transactionId", transactionId);
    }
    return purchase;
  }
}
