package io.tasvie.notify.message;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tasvie.common.contract.ActivationCodeIssuedEvent;
import io.tasvie.common.contract.ReceiptRequestedEvent;
import io.tasvie.common.contract.SettlementScheduledEvent;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.notify.testing.Events;
import io.tasvie.notify.testing.Messages;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The message API: status, lookups, resends, tenancy, and the merchant's messaging settings. */
@QuarkusTest
class MessageResourceTest {

  @Inject Database database;

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aMerchantFindsItsReceiptByTransactionOrByTheNumberAsTypedAndNeverAnothersMessages() {
    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    UUID other = Events.merchant(database, "Tjetri", "XK", "EUR");
    String typed = Events.kosovoMobile();
    ReceiptRequestedEvent request = Events.purchase(merchant, typed, 990, "EUR", null);
    Events.receipt(request);
    String id = Messages.awaitStatus(request.transactionId(), "DELIVERED").getString("messageId");

    given()
        .auth()
        .oauth2(TestTokens.merchant(merchant))
        .get("/v1/messages/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("DELIVERED"))
        .body("deliveredAt", org.hamcrest.Matchers.notNullValue())
        .body("submittedAt", org.hamcrest.Matchers.notNullValue());
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchant))
        .queryParam("recipient", "0" + typed.substring(4)) // 044 …, as a cashier types it
        .get("/v1/messages")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].messageId", equalTo(id));

    // another merchant: not found, and not in its lists
    given()
        .auth()
        .oauth2(TestTokens.merchant(other))
        .get("/v1/messages/" + id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(TestTokens.merchant(other))
        .queryParam("transactionId", request.transactionId())
        .get("/v1/messages")
        .then()
        .statusCode(200)
        .body("items", hasSize(0));
    given().get("/v1/messages/" + id).then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.token("finance"))
        .get("/v1/messages/" + id)
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchant))
        .queryParam("status", "SENT")
        .get("/v1/messages")
        .then()
        .statusCode(400)
        .body("type", containsString("unknown-status"));
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchant))
        .queryParam("recipient", "044 ABC")
        .get("/v1/messages")
        .then()
        .statusCode(400)
        .body("type", containsString("invalid-recipient"));
  }

  @Test
  void aResendIsANewMessageThatCarriesTheSettlementDateOnceItIsKnown() {
    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    ReceiptRequestedEvent request =
        Events.purchase(merchant, Events.kosovoMobile(), 1500, "EUR", "en");
    Events.receipt(request);
    JsonPath original = Messages.awaitStatus(request.transactionId(), "DELIVERED");
    assertTrue(!original.getString("text").contains("Settles"));

    Events.send(
        SettlementScheduledEvent.TOPIC,
        request.transactionId().toString(),
        UUID.randomUUID().toString(),
        "SettlementScheduled",
        new SettlementScheduledEvent(
            request.transactionId(),
            merchant,
            "SOFTPOS",
            LocalDate.parse("2026-11-27"),
            "1405-09-06",
            "10000000017",
            Instant.now()));
    await()
        .atMost(WAIT)
        .until(
            () ->
                database.count(
                        "select count(*) from transaction_settlement where transaction_id = ?",
                        request.transactionId())
                    == 1);

    String newNumber = Events.kosovoMobile();
    JsonPath resent =
        given()
            .auth()
            .oauth2(TestTokens.merchant(merchant))
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", "resend-1")
            .body("{\"phoneNumber\":\"" + newNumber + "\",\"language\":\"sq\"}")
            .post("/v1/messages/" + original.getString("messageId") + "/resend")
            .then()
            .statusCode(201)
            .header("Location", containsString("/v1/messages/"))
            .body("resendOf", equalTo(original.getString("messageId")))
            .body("recipient", equalTo("+" + newNumber.replace(" ", "")))
            .body("language", equalTo("sq"))
            .extract()
            .jsonPath();
    assertNotEquals(original.getString("messageId"), resent.getString("messageId"));
    assertTrue(resent.getString("text").contains("Shlyerja 27.11.26"), resent.getString("text"));

    // the same key again: the same resend, not a third message
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchant))
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", "resend-1")
        .body("{\"phoneNumber\":\"" + newNumber + "\",\"language\":\"sq\"}")
        .post("/v1/messages/" + original.getString("messageId") + "/resend")
        .then()
        .statusCode(201)
        .body("messageId", equalTo(resent.getString("messageId")));
    await().atMost(WAIT).until(() -> Messages.to("+" + newNumber.replace(" ", "")).size() == 1);
    assertEquals(
        3,
        database.count(
                "select count(*) from message where transaction_id = ?", request.transactionId())
            + 1);
  }

  @Test
  void aResendWithABadNumberOrOfAnotherMerchantsOrOfAnActivationCodeChangesNothing() {
    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    UUID other = Events.merchant(database, "Tjetri", "XK", "EUR");
    ReceiptRequestedEvent request =
        Events.purchase(merchant, Events.kosovoMobile(), 1500, "EUR", "en");
    Events.receipt(request);
    String id = Messages.awaitStatus(request.transactionId(), "DELIVERED").getString("messageId");
    // this merchant's only: other services' tests publish on the same broker meanwhile
    long before = database.count("select count(*) from message where merchant_id = ?", merchant);

    for (String bad : new String[] {"038 200 100", "044 12", "+46 70 123 45 67", "044<script>"}) {
      given()
          .auth()
          .oauth2(TestTokens.merchant(merchant))
          .contentType(ContentType.JSON)
          .body("{\"phoneNumber\":\"" + bad + "\"}")
          .post("/v1/messages/" + id + "/resend")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("type", containsString("invalid-phone-number"));
    }
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchant))
        .contentType(ContentType.JSON)
        .body("{\"language\":\"xx\"}")
        .post("/v1/messages/" + id + "/resend")
        .then()
        .statusCode(400)
        .body("type", containsString("unsupported-language"));
    given()
        .auth()
        .oauth2(TestTokens.merchant(other))
        .post("/v1/messages/" + id + "/resend")
        .then()
        .statusCode(404);

    String terminal = "TM" + (100_000 + (int) (Math.random() * 800_000));
    Events.activation(
        new ActivationCodeIssuedEvent(
            merchant,
            terminal,
            "o@dyqani.example",
            "246810",
            "en",
            Instant.now().plusSeconds(600),
            Instant.now()));
    await()
        .atMost(WAIT)
        .until(
            () ->
                database.count("select count(*) from message where terminal_id = ?", terminal)
                    == 1);
    String activation =
        given()
            .auth()
            .oauth2(TestTokens.merchant(merchant))
            .queryParam("recipient", "o@dyqani.example")
            .get("/v1/messages")
            .then()
            .extract()
            .jsonPath()
            .getString("items[0].messageId");
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchant))
        .post("/v1/messages/" + activation + "/resend")
        .then()
        .statusCode(409)
        .body("type", containsString("not-resendable"));
    assertEquals(
        before + 1, // the activation e-mail, nothing else
        database.count("select count(*) from message where merchant_id = ?", merchant));
  }

  @Test
  void messagingSettingsChooseLanguageSenderAndServedCountries() {
    UUID merchant = Events.merchant(database, "Butik", "XK", "EUR");
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchant))
        .contentType(ContentType.JSON)
        .body("{\"language\":\"de\"}")
        .put("/v1/merchants/" + merchant + "/messaging")
        .then()
        .statusCode(400)
        .body("type", containsString("unsupported-language"));
    for (String body :
        new String[] {
          "{\"smsSender\":\"ThisIsTooLongASender\"}",
          "{\"smsSender\":\"Bad\\r\\nSender\"}",
          "{\"servedCountries\":[\"ZZ\"]}",
          "{\"language\":\"EN\"}"
        }) {
      given()
          .auth()
          .oauth2(TestTokens.merchant(merchant))
          .contentType(ContentType.JSON)
          .body(body)
          .put("/v1/merchants/" + merchant + "/messaging")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    UUID other = Events.merchant(database, "Tjetri", "XK", "EUR");
    given()
        .auth()
        .oauth2(TestTokens.merchant(other))
        .contentType(ContentType.JSON)
        .body("{\"language\":\"en\"}")
        .put("/v1/merchants/" + merchant + "/messaging")
        .then()
        .statusCode(404);
    assertEquals(
        0,
        database.count("select count(*) from merchant_messaging where merchant_id = ?", merchant));

    given()
        .auth()
        .oauth2(TestTokens.merchant(merchant))
        .contentType(ContentType.JSON)
        .body("{\"language\":\"el\",\"smsSender\":\"Butik\",\"servedCountries\":[\"SE\"]}")
        .put("/v1/merchants/" + merchant + "/messaging")
        .then()
        .statusCode(200)
        .body("language", equalTo("el"))
        .body("servedCountries", hasSize(1));
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .get("/v1/merchants/" + merchant + "/messaging")
        .then()
        .statusCode(200)
        .body("smsSender", equalTo("Butik"));

    ReceiptRequestedEvent swedish =
        Events.purchase(merchant, "+46 70 123 45 67", 1500, "EUR", null);
    Events.receipt(swedish);
    JsonPath message = Messages.awaitStatus(swedish.transactionId(), "DELIVERED");
    assertEquals("el", message.getString("language"));
    assertEquals("Butik", message.getString("sender"));
    var received = Messages.to("+46701234567");
    assertEquals("Butik", received.get(received.size() - 1).source());
  }
}
