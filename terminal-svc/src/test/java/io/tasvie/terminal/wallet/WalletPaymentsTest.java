package io.tasvie.terminal.wallet;

import static io.restassured.RestAssured.given;
import static io.tasvie.terminal.testing.Terminals.card;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TerminalClient;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.terminal.testing.Terminals;
import io.tasvie.terminal.testing.Terminals.Active;
import io.tasvie.terminal.testing.Terminals.Merchant;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Wallet payments at a till: the till's session on one side, the wallet app's API on the other. */
@QuarkusTest
class WalletPaymentsTest {

  @Inject Database database;

  static String qr() {
    return "QR-" + UUID.randomUUID().toString().substring(0, 12);
  }

  static Response wallet(String user, String method, String path, Object... params) {
    var request = given().auth().oauth2(Terminals.walletUser(user)).contentType(ContentType.JSON);
    return method.equals("GET") ? request.get(path, params) : request.post(path, params);
  }

  static Response checkIn(String user, String qrId) {
    return given()
        .auth()
        .oauth2(Terminals.walletUser(user))
        .contentType(ContentType.JSON)
        .body(Map.of("qrId", qrId))
        .post("/v1/wallet/check-ins");
  }

  static JsonNode start(TerminalClient till, long amount) {
    return till.request(
        "wallet-payment",
        Map.of("amount", amount, "currency", "EUR", "orderReference", "R-" + amount));
  }

  @Test
  void aWalletUserPaysATillEndToEndAndTheTillIsToldEachStep() {
    Merchant merchant = Terminals.merchant("EUR");
    String qrId = qr();
    Active till = Terminals.till(merchant, qrId);
    String user = "wallet-" + UUID.randomUUID();
    try (TerminalClient session = till.session();
        TestKafka.Tail payments = TestKafka.tail("payments")) {
      wallet(user, "GET", "/v1/tills/{qr}", qrId)
          .then()
          .statusCode(200)
          .body("merchantName", equalTo(merchant.name()))
          .body("terminalId", equalTo(till.terminalId()));

      JsonNode started = start(session, 1250);
      assertEquals("wallet-payment.result", started.path("type").asText());
      assertEquals("INITIATED", started.path("status").asText());
      String paymentId = started.path("paymentId").asText();
      JsonNode busy = start(session, 500);
      assertEquals("BUSY", busy.path("code").asText());
      assertEquals(paymentId, busy.path("activePaymentId").asText());

      checkIn(user, qrId).then().statusCode(200).body("status", equalTo("ISSUED_TO_USER"));
      assertEquals(
          "ISSUED_TO_USER", session.awaitType("wallet-payment.status").path("status").asText());
      wallet("intruder-" + UUID.randomUUID(), "POST", "/v1/wallet/payments/{id}/confirm", paymentId)
          .then()
          .statusCode(404);
      wallet(user, "POST", "/v1/wallet/payments/{id}/confirm", paymentId)
          .then()
          .statusCode(200)
          .body("status", equalTo("CAPTURED"));
      wallet(user, "POST", "/v1/wallet/payments/{id}/confirm", paymentId) // a retry
          .then()
          .statusCode(200)
          .body("status", equalTo("CAPTURED"));
      JsonNode captured = awaitStatus(session, "CAPTURED");
      assertEquals(1250, captured.path("amount").asLong());

      var event =
          payments.await(
              r ->
                  paymentId.equals(r.key())
                      && "PaymentCaptured".equals(TestKafka.header(r, "ce_type")),
              Duration.ofSeconds(30));
      assertEquals(
          "WALLET", Terminals.json(event.value()).path("payment").path("channel").asText());

      JsonNode completed = session.request("wallet-complete-sale", Map.of("paymentId", paymentId));
      assertTrue(completed.path("saleCompleted").asBoolean());
      assertEquals(
          "SALE_ALREADY_COMPLETED",
          session
              .request("wallet-complete-sale", Map.of("paymentId", paymentId))
              .path("code")
              .asText());
      assertEquals(
          100_000_000 - 1250,
          database.count("select balance from wallet_account where wallet_user = ?", user));
    }
  }

  @Test
  void rejectionCancellationAndExpiryEachReachTheTill() {
    Merchant merchant = Terminals.merchant("EUR");
    String qrId = qr();
    Active till = Terminals.till(merchant, qrId);
    String user = "wallet-" + UUID.randomUUID();
    try (TerminalClient session = till.session()) {
      String rejected = start(session, 800).path("paymentId").asText();
      checkIn(user, qrId).then().statusCode(200);
      wallet(user, "POST", "/v1/wallet/payments/{id}/reject", rejected).then().statusCode(200);
      awaitStatus(session, "CANCELLED_BY_USER");

      String cancelled = start(session, 900).path("paymentId").asText();
      JsonNode answer = session.request("wallet-cancel", Map.of("paymentId", cancelled));
      assertEquals("CANCELLED_BY_CLIENT", answer.path("status").asText());
      checkIn(user, qrId).then().statusCode(409).body("type", endsWith("nothing-to-pay"));

      String expiring = start(session, 1000).path("paymentId").asText();
      checkIn(user, qrId).then().statusCode(200);
      database.update(
          "update wallet_payment set expires_at = now() - interval '1 second' where id = cast(? as uuid)",
          expiring);
      awaitStatus(session, "EXPIRED_AND_CANCELLED");
      wallet(user, "POST", "/v1/wallet/payments/{id}/confirm", expiring).then().statusCode(409);
      assertEquals(
          0, database.count("select count(*) from wallet_account where wallet_user = ?", user));
    }
  }

  @Test
  void aTillThatDiedMidPaymentRecoversAndCompletesTheSaleOrRefundsItOnce() {
    Merchant merchant = Terminals.merchant("EUR");
    String qrId = qr();
    Active till = Terminals.till(merchant, qrId);
    String user = "wallet-" + UUID.randomUUID();
    TerminalClient dying = till.session();
    String first = start(dying, 2000).path("paymentId").asText();
    dying.abort(); // power cut at the till
    checkIn(user, qrId).then().statusCode(200);
    wallet(user, "POST", "/v1/wallet/payments/{id}/confirm", first).then().statusCode(200);

    try (TerminalClient session = till.session();
        TestKafka.Tail payments = TestKafka.tail("payments")) {
      JsonNode last = session.request("last-transaction", Map.of());
      assertFalse(last.path("active").asBoolean());
      assertEquals(first, last.path("payment").path("paymentId").asText());
      assertEquals("CAPTURED", last.path("payment").path("status").asText());
      assertFalse(last.path("payment").path("saleCompleted").asBoolean());

      // The cashier refunds this one instead of completing a sale with it; partly, then the rest.
      JsonNode part = session.request("wallet-refund", Map.of("paymentId", first, "amount", 500));
      assertEquals(1500, part.path("remaining").asLong());
      JsonNode tooMuch =
          session.request("wallet-refund", Map.of("paymentId", first, "amount", 1501));
      assertEquals("REFUND_EXCEEDS_REMAINDER", tooMuch.path("code").asText());
      assertEquals(
          0,
          session
              .request("wallet-refund", Map.of("paymentId", first, "amount", 1500))
              .path("remaining")
              .asLong());
      payments.await(
          r -> first.equals(r.key()) && "PaymentRefunded".equals(TestKafka.header(r, "ce_type")),
          Duration.ofSeconds(30));
      assertEquals(
          100_000_000,
          database.count("select balance from wallet_account where wallet_user = ?", user));

      // The next one completes the sale, once.
      String second = start(session, 700).path("paymentId").asText();
      checkIn(user, qrId).then().statusCode(200);
      wallet(user, "POST", "/v1/wallet/payments/{id}/confirm", second).then().statusCode(200);
      assertTrue(
          session
              .request("wallet-complete-sale", Map.of("paymentId", second))
              .path("saleCompleted")
              .asBoolean());
      assertEquals(
          "SALE_ALREADY_COMPLETED",
          session
              .request("wallet-complete-sale", Map.of("paymentId", second))
              .path("code")
              .asText());
    }
  }

  @Test
  void splitTendersCashBackUnknownTillsAndCardPurchasesAreRefused() {
    Merchant merchant = Terminals.merchant("EUR");
    String qrId = qr();
    Active till = Terminals.till(merchant, qrId);
    Active softPos = Terminals.softPos(merchant);
    String cardPurchase;
    try (TerminalClient card = softPos.session()) {
      cardPurchase =
          card.request(
                  "purchase",
                  Map.of(
                      "amount",
                      600,
                      "currency",
                      "EUR",
                      "card",
                      card("4006090000000007", "CHIP", true)))
              .path("transactionId")
              .asText();
    }
    try (TerminalClient session = till.session()) {
      assertEquals(
          "CASH_BACK_NOT_ALLOWED",
          session
              .request(
                  "wallet-payment", Map.of("amount", 1000, "currency", "EUR", "cashBack", 2000))
              .path("code")
              .asText());
      assertEquals(
          "SPLIT_TENDER_NOT_ALLOWED",
          session
              .request(
                  "wallet-payment", Map.of("amount", 1000, "currency", "EUR", "otherTender", 400))
              .path("code")
              .asText());
      assertEquals(
          "NOT_A_WALLET_PAYMENT",
          session
              .request("wallet-refund", Map.of("paymentId", cardPurchase, "amount", 100))
              .path("code")
              .asText());
      assertEquals(
          "WALLET_PAYMENT_NOT_FOUND",
          session
              .request(
                  "wallet-refund", Map.of("paymentId", UUID.randomUUID().toString(), "amount", 100))
              .path("code")
              .asText());
    }
    checkIn("someone", "QR-UNKNOWN-" + UUID.randomUUID()).then().statusCode(404);
    wallet("someone", "GET", "/v1/tills/{qr}", "QR-UNKNOWN").then().statusCode(404);
    // A second till with the same QR code id is refused.
    given()
        .auth()
        .oauth2(io.tasvie.common.testing.TestTokens.merchant(merchant.id()))
        .contentType(ContentType.JSON)
        .body(Map.of("kind", "TILL", "qrId", qrId, "email", "owner@example.com"))
        .post("/v1/terminals")
        .then()
        .statusCode(409)
        .body("type", endsWith("device-already-registered"));
    // A wallet payment is a till's: a card terminal cannot start one.
    try (TerminalClient card = softPos.session()) {
      assertEquals("NOT_A_TILL", start(card, 100).path("code").asText());
    }
    assertEquals(
        0,
        database.count(
            "select count(*) from wallet_payment where terminal_id = cast(? as uuid)", till.ref()));
  }

  private static JsonNode awaitStatus(TerminalClient session, String status) {
    JsonNode push = session.awaitType("wallet-payment.status");
    while (!status.equals(push.path("status").asText())) {
      push = session.awaitType("wallet-payment.status");
    }
    return push;
  }
}
