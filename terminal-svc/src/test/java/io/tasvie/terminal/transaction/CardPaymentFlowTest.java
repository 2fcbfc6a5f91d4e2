package io.tasvie.terminal.transaction;

import static io.restassured.RestAssured.given;
import static io.tasvie.terminal.testing.Terminals.SUPERVISOR_CODE;
import static io.tasvie.terminal.testing.Terminals.card;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TerminalClient;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.terminal.testing.Terminals;
import io.tasvie.terminal.testing.Terminals.Active;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Card-present sales on a SoftPOS terminal over the session, against the real database and broker:
 * purchases across the CVM limit, declines, resends, refunds, recovery and history.
 */
@QuarkusTest
class CardPaymentFlowTest {

  static final String VISA = "4006090000000007";
  static final String MASTERCARD = "5326100000000004";
  static final String INSUFFICIENT_FUNDS = "4000000000009995";

  @Inject Database database;

  static Map<String, Object> purchase(long amount, String pan, String entryMode, boolean pin) {
    return Map.of("amount", amount, "currency", "EUR", "card", card(pan, entryMode, pin));
  }

  @Test
  void aContactlessPurchaseBelowTheLimitIsApprovedWithAReceiptAndCaptured() {
    Active terminal = Terminals.softPos("EUR");
    try (TerminalClient session = terminal.session();
        TestKafka.Tail payments = TestKafka.tail("payments")) {
      JsonNode answer = session.request("purchase", purchase(2500, VISA, "CONTACTLESS", false));

      assertEquals("purchase.result", answer.path("type").asText());
      assertEquals("APPROVED", answer.path("status").asText());
      assertEquals("00", answer.path("responseCode").asText());
      assertEquals(6, answer.path("authCode").asText().length());
      assertEquals(12, answer.path("rrn").asText().length());
      JsonNode receipt = answer.path("receipt");
      assertEquals(terminal.merchant().name(), receipt.path("merchantName").asText());
      assertEquals(terminal.terminalId(), receipt.path("terminalId").asText());
      assertEquals("400609******0007", receipt.path("maskedCard").asText());
      assertEquals("VISA", receipt.path("cardType").asText());
      assertEquals("CONTACTLESS", receipt.path("entryMode").asText());
      assertEquals("PURCHASE", receipt.path("transactionType").asText());
      assertEquals("NONE", receipt.path("verification").asText());
      assertEquals(2500, receipt.path("amount").asLong());
      assertEquals("EUR", receipt.path("currency").asText());
      assertNotNull(receipt.get("dateTime"));

      String transactionId = answer.path("transactionId").asText();
      var captured =
          payments.await(
              r ->
                  transactionId.equals(r.key())
                      && "PaymentCaptured".equals(TestKafka.header(r, "ce_type")),
              Duration.ofSeconds(30));
      JsonNode event = Terminals.json(captured.value());
      assertEquals("SOFTPOS", event.path("payment").path("channel").asText());
      assertEquals(terminal.terminalId(), event.path("payment").path("terminalId").asText());
      assertEquals("400609******0007", event.path("payment").path("maskedCard").asText());
      assertFalse(captured.value().contains(VISA), "the clear PAN never reaches a topic");
      assertEquals(
          0,
          database.count(
              "select count(*) from card_transaction where card_token like ? or masked_card = ?",
              "%" + VISA + "%",
              VISA));
    }
  }

  @Test
  void aboveTheCvmLimitContactlessNeedsThePinUnderTheSameTransaction() {
    Active terminal = Terminals.softPos("EUR");
    try (TerminalClient session = terminal.session()) {
      JsonNode first = session.request("purchase", purchase(4001, VISA, "CONTACTLESS", false));
      assertEquals("PIN_REQUIRED", first.path("status").asText());
      assertEquals(4000, first.path("cvmLimit").asLong());
      String transactionId = first.path("transactionId").asText();

      // Meanwhile the terminal is busy: a second purchase names the one waiting for its PIN.
      JsonNode busy = session.request("purchase", purchase(100, VISA, "CHIP", false));
      assertEquals("error", busy.path("type").asText());
      assertEquals("BUSY", busy.path("code").asText());
      assertEquals(transactionId, busy.path("activeTransactionId").asText());

      // The retry without a PIN, or with another card, is refused and changes nothing.
      Map<String, Object> noPin = new HashMap<>(purchase(4001, VISA, "CONTACTLESS", false));
      noPin.put("transactionId", transactionId);
      assertEquals("PIN_REQUIRED", session.request("purchase", noPin).path("code").asText());
      Map<String, Object> otherCard =
          new HashMap<>(purchase(4001, MASTERCARD, "CONTACTLESS", true));
      otherCard.put("transactionId", transactionId);
      assertEquals("CARD_MISMATCH", session.request("purchase", otherCard).path("code").asText());

      Map<String, Object> withPin = new HashMap<>(purchase(4001, VISA, "CONTACTLESS", true));
      withPin.put("transactionId", transactionId);
      JsonNode approved = session.request("purchase", withPin);
      assertEquals("APPROVED", approved.path("status").asText());
      assertEquals(transactionId, approved.path("transactionId").asText());
      assertEquals("PIN", approved.path("receipt").path("verification").asText());
      assertEquals(1, transactions(terminal));

      // Chip with PIN at the same amount never asks again; a merchant's own limit applies.
      assertEquals(
          "APPROVED",
          session.request("purchase", purchase(4001, VISA, "CHIP", true)).path("status").asText());
      given()
          .auth()
          .oauth2(TestTokens.merchant(terminal.merchant().id()))
          .contentType(ContentType.JSON)
          .body(Map.of("cvmLimits", Map.of("EUR", 5000)))
          .put("/v1/merchants/{id}/terminal-settings", terminal.merchant().id())
          .then()
          .statusCode(200);
      assertEquals(
          "APPROVED",
          session
              .request("purchase", purchase(4500, VISA, "CONTACTLESS", false))
              .path("status")
              .asText());
    }
  }

  @Test
  void aPurchaseWaitingForItsPinIsCancelledByTheCashierOrByTheSweep() {
    Active terminal = Terminals.softPos("EUR");
    try (TerminalClient session = terminal.session()) {
      String first =
          session
              .request("purchase", purchase(5000, VISA, "CONTACTLESS", false))
              .path("transactionId")
              .asText();
      JsonNode cancelled = session.request("cancel", Map.of("transactionId", first));
      assertEquals("cancel.result", cancelled.path("type").asText());
      assertEquals("CANCELLED", cancelled.path("transaction").path("status").asText());
      assertEquals("NOTHING_TO_CANCEL", session.request("cancel", Map.of()).path("code").asText());

      // Left waiting past the PIN timeout (its clock set back here), the sweep cancels it.
      String second =
          session
              .request("purchase", purchase(5000, VISA, "CONTACTLESS", false))
              .path("transactionId")
              .asText();
      database.update(
          "update card_transaction set updated_at = now() - interval '10 minutes'"
              + " where id = cast(? as uuid)",
          second);
      JsonNode last = settledLast(session);
      assertEquals(second, last.path("transaction").path("transactionId").asText());
      assertEquals("CANCELLED", last.path("transaction").path("status").asText());
      assertEquals("pin-timeout", last.path("transaction").path("responseCode").asText());
    }
  }

  @Test
  void aPurchaseLeftAtTheAcquirerByACrashIsReversedAndFreesTheTerminal() {
    Active terminal = Terminals.softPos("EUR");
    // What a process killed between asking the acquirer and recording its answer leaves behind.
    database.update(
        "insert into card_transaction (id, terminal_id, merchant_id, type, status, channel, amount,"
            + " currency, card_token, masked_card, card_brand, entry_mode, created_at, updated_at)"
            + " select gen_random_uuid(), id, merchant_id, 'PURCHASE', 'IN_PROGRESS', 'SOFTPOS', 800,"
            + " 'EUR', 'tok_x', '400609******0007', 'VISA', 'CHIP', now() - interval '5 minutes',"
            + " now() - interval '5 minutes' from terminal where id = cast(? as uuid)",
        terminal.ref());
    try (TerminalClient session = terminal.session()) {
      JsonNode last = settledLast(session);
      assertEquals("REVERSED", last.path("transaction").path("status").asText());
      assertEquals("no-outcome-reversed", last.path("transaction").path("responseCode").asText());
      assertEquals(
          "APPROVED",
          session.request("purchase", purchase(800, VISA, "CHIP", true)).path("status").asText());
    }
  }

  @Test
  void aDecliningCardIsDeclinedWithItsResponseCodeAndNotCaptured() {
    Active terminal = Terminals.softPos("EUR");
    try (TerminalClient session = terminal.session()) {
      JsonNode answer =
          session.request("purchase", purchase(1500, INSUFFICIENT_FUNDS, "CHIP", true));
      assertEquals("DECLINED", answer.path("status").asText());
      assertEquals("51", answer.path("responseCode").asText());
      assertEquals("insufficient-funds", answer.path("declineReason").asText());
      assertEquals("DECLINED", answer.path("receipt").path("status").asText());
      assertEquals(
          0,
          database.count(
              "select count(*) from outbox_event where event_type = 'PaymentCaptured'"
                  + " and event_key = ?",
              answer.path("transactionId").asText()));
    }
  }

  @Test
  void aResentPurchaseIsAnsweredWithTheFirstAnswerAndChargedOnce() {
    Active terminal = Terminals.softPos("EUR");
    String id = UUID.randomUUID().toString();
    JsonNode first;
    try (TerminalClient session = terminal.session()) {
      first = session.request("purchase", id, purchase(1200, VISA, "CHIP", true));
      JsonNode again = session.request("purchase", id, purchase(1200, VISA, "CHIP", true));
      assertEquals(first, again);
      assertEquals(1, transactions(terminal));
    }
    // Even on a new session after a reconnect.
    try (TerminalClient session = terminal.session()) {
      JsonNode afterReconnect = session.request("purchase", id, purchase(1200, VISA, "CHIP", true));
      assertEquals(first, afterReconnect);
      assertEquals(1, transactions(terminal));
    }
  }

  @Test
  void aTerminalThatLostItsConnectionMidPurchaseRecoversWithLastTransaction() {
    Active terminal = Terminals.softPos("EUR");
    TerminalClient lost = terminal.session();
    String id = UUID.randomUUID().toString();
    lost.send("purchase", id, purchase(3300, VISA, "CHIP", true));
    lost.abort();

    try (TerminalClient session = terminal.session()) {
      JsonNode last = settledLast(session);
      JsonNode transaction = last.path("transaction");
      assertEquals("APPROVED", transaction.path("status").asText());
      assertEquals(3300, transaction.path("amount").asLong());
      assertEquals(terminal.terminalId(), transaction.path("terminalId").asText());
      // Resending the lost request returns its outcome rather than charging again.
      JsonNode resent = session.request("purchase", id, purchase(3300, VISA, "CHIP", true));
      assertEquals(
          transaction.path("transactionId").asText(), resent.path("transactionId").asText());
      assertEquals(1, transactions(terminal));
    }
  }

  @Test
  void refundsNeedTheSupervisorCodeTheSameCardAndNeverExceedThePurchase() {
    Active terminal = Terminals.softPos("EUR");
    try (TerminalClient session = terminal.session();
        TestKafka.Tail payments = TestKafka.tail("payments")) {
      String purchaseId = sale(session, 3000);

      JsonNode wrongCard =
          session.request("refund", refund(purchaseId, 1000, MASTERCARD, SUPERVISOR_CODE));
      assertEquals("CARD_MISMATCH", wrongCard.path("code").asText());
      JsonNode wrongCode = session.request("refund", refund(purchaseId, 1000, VISA, "0000"));
      assertEquals("SUPERVISOR_CODE_WRONG", wrongCode.path("code").asText());
      assertEquals(4, wrongCode.path("attemptsLeft").asInt());

      JsonNode partial = session.request("refund", refund(purchaseId, 1000, VISA, SUPERVISOR_CODE));
      assertEquals("refund.result", partial.path("type").asText());
      assertEquals("APPROVED", partial.path("status").asText());
      assertEquals(1000, partial.path("refundedTotal").asLong());
      assertEquals(2000, partial.path("remaining").asLong());
      assertEquals("REFUND", partial.path("receipt").path("transactionType").asText());
      assertEquals(purchaseId, partial.path("receipt").path("originalTransactionId").asText());

      JsonNode tooMuch = session.request("refund", refund(purchaseId, 2001, VISA, SUPERVISOR_CODE));
      assertEquals("REFUND_EXCEEDS_REMAINDER", tooMuch.path("code").asText());
      assertEquals(2000, tooMuch.path("remaining").asLong());
      JsonNode rest = session.request("refund", refund(purchaseId, 2000, VISA, SUPERVISOR_CODE));
      assertEquals(0, rest.path("remaining").asLong());

      var refunds =
          payments.drain(Duration.ofSeconds(3)).stream()
              .filter(r -> purchaseId.equals(r.key()))
              .filter(r -> "PaymentRefunded".equals(TestKafka.header(r, "ce_type")))
              .map(r -> Terminals.json(r.value()))
              .toList();
      assertEquals(2, refunds.size(), refunds.toString());
      JsonNode refunded = refunds.get(1);
      assertEquals(3000, refunded.path("refundedTotal").asLong(), refunded.toString());
      assertEquals(2000, refunded.path("refundAmount").asLong());
    }
  }

  @Test
  void fiveWrongSupervisorCodesLockRefunds() {
    Active terminal = Terminals.softPos("EUR");
    try (TerminalClient session = terminal.session()) {
      String purchaseId = sale(session, 900);
      for (int i = 0; i < 4; i++) {
        assertEquals(
            "SUPERVISOR_CODE_WRONG",
            session.request("refund", refund(purchaseId, 100, VISA, "1111")).path("code").asText());
      }
      JsonNode locked = session.request("refund", refund(purchaseId, 100, VISA, "1111"));
      assertEquals("REFUNDS_LOCKED", locked.path("code").asText());
      // Now even the right code is refused until the lock ends.
      JsonNode stillLocked =
          session.request("refund", refund(purchaseId, 100, VISA, SUPERVISOR_CODE));
      assertEquals("REFUNDS_LOCKED", stillLocked.path("code").asText());
      assertEquals(
          0,
          database.count(
              "select count(*) from card_transaction where original_id = cast(? as uuid)",
              purchaseId));
    }
  }

  @Test
  void aTransactionOfAnotherMerchantCannotBeRefundedOrReceipted() {
    Active mine = Terminals.softPos("EUR");
    Active theirs = Terminals.softPos("EUR");
    String theirPurchase;
    try (TerminalClient session = theirs.session()) {
      theirPurchase = sale(session, 700);
    }
    try (TerminalClient session = mine.session()) {
      assertEquals(
          "TRANSACTION_NOT_FOUND",
          session
              .request("refund", refund(theirPurchase, 100, VISA, SUPERVISOR_CODE))
              .path("code")
              .asText());
      assertEquals(
          "TRANSACTION_NOT_FOUND",
          session
              .request(
                  "receipt-sms",
                  Map.of("transactionId", theirPurchase, "phoneNumber", "383 44 123 456"))
              .path("code")
              .asText());
    }
  }

  @Test
  void todaysHistoryCountsAndSumsTheApprovedTransactions() {
    Active terminal = Terminals.softPos("EUR");
    Active colleague = Terminals.softPos(terminal.merchant());
    try (TerminalClient session = terminal.session();
        TerminalClient other = colleague.session()) {
      String first = sale(session, 1000);
      session.request("purchase", purchase(2500, VISA, "CHIP", true));
      session.request("purchase", purchase(999, INSUFFICIENT_FUNDS, "CHIP", true));
      session.request("refund", refund(first, 400, VISA, SUPERVISOR_CODE));
      other.request("purchase", purchase(5000, VISA, "CHIP", true));

      JsonNode device = session.request("history", Map.of());
      assertEquals("device", device.path("scope").asText());
      assertEquals(4, device.path("count").asInt());
      JsonNode totals = device.path("totals").get(0);
      assertEquals("EUR", totals.path("currency").asText());
      assertEquals(3, totals.path("count").asInt());
      assertEquals(3500, totals.path("purchases").asLong());
      assertEquals(400, totals.path("refunds").asLong());
      assertEquals(3100, totals.path("net").asLong());
      assertEquals(4, device.path("items").size());

      JsonNode withoutCode = session.request("history", Map.of("scope", "merchant"));
      assertEquals("MISSING_SUPERVISOR_CODE", withoutCode.path("code").asText());
      JsonNode merchant =
          session.request(
              "history", Map.of("scope", "merchant", "supervisorCode", SUPERVISOR_CODE));
      assertEquals(8100, merchant.path("totals").get(0).path("net").asLong());

      given()
          .auth()
          .oauth2(TestTokens.merchant(terminal.merchant().id()))
          .get("/v1/merchants/{id}/transactions", terminal.merchant().id())
          .then()
          .statusCode(200)
          .body("count", equalTo(5))
          .body("totals[0].net", equalTo(8100));
      given()
          .auth()
          .oauth2(TestTokens.merchant(UUID.randomUUID()))
          .get("/v1/merchants/{id}/transactions", terminal.merchant().id())
          .then()
          .statusCode(404);
    }
  }

  @Test
  void anSmsReceiptIsRequestedAsAnEvent() {
    Active terminal = Terminals.softPos("EUR");
    try (TerminalClient session = terminal.session();
        TestKafka.Tail receipts = TestKafka.tail("receipts")) {
      String purchaseId = sale(session, 1750);
      JsonNode bad =
          session.request(
              "receipt-sms", Map.of("transactionId", purchaseId, "phoneNumber", "call me"));
      assertEquals("INVALID_PHONE_NUMBER", bad.path("code").asText());

      JsonNode answer =
          session.request(
              "receipt-sms", Map.of("transactionId", purchaseId, "phoneNumber", "383 44 123 456"));
      assertEquals("REQUESTED", answer.path("status").asText());
      var record = receipts.await(r -> purchaseId.equals(r.key()), Duration.ofSeconds(30));
      JsonNode event = Terminals.json(record.value());
      assertEquals("383 44 123 456", event.path("phoneNumber").asText());
      assertEquals(terminal.terminalId(), event.path("terminalId").asText());
      assertEquals(1750, event.path("amount").asLong());
      assertEquals("400609******0007", event.path("maskedCard").asText());
    }
  }

  @Test
  void aRefundApprovedInTheBackOfficeReachesTheTerminalsSession() {
    Active terminal = Terminals.softPos("EUR");
    try (TerminalClient session = terminal.session()) {
      String purchaseId = sale(session, 2200);

      approveRefund(terminal, purchaseId, 2201)
          .then()
          .statusCode(409)
          .body("type", endsWith("refund-exceeds-remainder"));
      String approvalId =
          approveRefund(terminal, purchaseId, 1000)
              .then()
              .statusCode(201)
              .body("delivered", equalTo(true))
              .extract()
              .path("approval.approvalId");

      JsonNode pushed = session.awaitType("refund-approved");
      assertEquals(approvalId, pushed.path("approvalId").asText());
      assertEquals(purchaseId, pushed.path("originalTransactionId").asText());
      assertEquals(1000, pushed.path("amount").asLong());

      Map<String, Object> byApproval = new HashMap<>();
      byApproval.put("originalTransactionId", purchaseId);
      byApproval.put("amount", 1000);
      byApproval.put("approvalId", approvalId);
      byApproval.put("card", card(VISA, "CONTACTLESS", false));
      JsonNode refunded = session.request("refund", byApproval);
      assertEquals("APPROVED", refunded.path("status").asText());
      assertEquals(1200, refunded.path("remaining").asLong());
      // An approval is used once.
      assertEquals(
          "APPROVAL_NOT_USABLE", session.request("refund", byApproval).path("code").asText());
    }
  }

  /** The latest transaction once it is no longer active (a sweep or a lost answer settled it). */
  static JsonNode settledLast(TerminalClient session) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> session.request("last-transaction", Map.of()),
            frame -> !frame.path("active").asBoolean(true));
  }

  static Response approveRefund(Active terminal, String purchaseId, long amount) {
    return given()
        .auth()
        .oauth2(TestTokens.merchant(terminal.merchant().id()))
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "originalTransactionId",
                purchaseId,
                "amount",
                amount,
                "supervisorCode",
                SUPERVISOR_CODE))
        .post("/v1/terminals/{id}/refund-approvals", terminal.terminalId());
  }

  /** An approved chip-and-PIN sale with the Visa test card; its transaction id. */
  static String sale(TerminalClient session, long amount) {
    return session
        .request("purchase", purchase(amount, VISA, "CHIP", true))
        .path("transactionId")
        .asText();
  }

  long transactions(Active terminal) {
    return database.count(
        "select count(*) from card_transaction where terminal_id = cast(? as uuid)",
        terminal.ref());
  }

  static Map<String, Object> refund(String originalId, long amount, String pan, String code) {
    return Map.of(
        "originalTransactionId", originalId,
        "amount", amount,
        "supervisorCode", code,
        "card", card(pan, "CONTACTLESS", false));
  }
}
