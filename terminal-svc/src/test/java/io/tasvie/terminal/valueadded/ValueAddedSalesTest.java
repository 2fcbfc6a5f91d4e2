package io.tasvie.terminal.valueadded;

import static io.tasvie.terminal.testing.Terminals.card;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TerminalClient;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.terminal.testing.Terminals;
import io.tasvie.terminal.testing.Terminals.Active;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Top-ups, internet packages and bills sold on a paired Bluetooth reader and paid by card: checked
 * before the card is charged, fulfilled by the sandbox operator after, and reversed when it fails.
 */
@QuarkusTest
class ValueAddedSalesTest {

  static final String MASTERCARD = "5326100000000004";

  @Inject Database database;

  static Map<String, Object> paid(Map<String, Object> fields) {
    Map<String, Object> frame = new HashMap<>(fields);
    frame.put("card", card(MASTERCARD, "SWIPE", true));
    return frame;
  }

  @Test
  void aTopUpIsChargedFulfilledCapturedForTheOperatorAndReceipted() {
    Active reader = Terminals.pairedReader(Terminals.merchant("IRR"));
    try (TerminalClient session = reader.session();
        TestKafka.Tail payments = TestKafka.tail("payments")) {
      JsonNode answer =
          session.request(
              "topup",
              paid(
                  Map.of(
                      "operator", "MCI",
                      "mobileNumber", "0912 123 4567",
                      "amount", 200_000,
                      "chargeType", "NORMAL")));
      assertEquals("topup.result", answer.path("type").asText());
      assertEquals("APPROVED", answer.path("status").asText(), answer.toString());
      JsonNode receipt = answer.path("receipt");
      assertEquals("TOP_UP", receipt.path("transactionType").asText());
      assertTrue(receipt.path("fulfilmentReference").asText().startsWith("SBX"));
      assertEquals("09121234567", receipt.path("product").path("mobileNumber").asText());
      assertEquals("MCI", receipt.path("product").path("operator").asText());

      String id = answer.path("transactionId").asText();
      var captured =
          payments.await(
              r -> id.equals(r.key()) && "PaymentCaptured".equals(TestKafka.header(r, "ce_type")),
              Duration.ofSeconds(30));
      JsonNode facts = Terminals.json(captured.value()).path("payment");
      assertEquals("TOPUP", facts.path("channel").asText());
      assertEquals("OPERATOR", facts.path("owedTo").asText());
      assertEquals(200_000, facts.path("amount").asLong());

      JsonNode history = session.request("history", Map.of());
      assertEquals(200_000, history.path("totals").get(0).path("purchases").asLong());
      assertEquals("TOP_UP", history.path("items").get(0).path("transactionType").asText());
    }
  }

  @Test
  void topUpsOutsideTheOperatorsRulesAreRefusedBeforeTheCardIsCharged() {
    Active reader = Terminals.pairedReader(Terminals.merchant("IRR"));
    try (TerminalClient session = reader.session()) {
      assertEquals(
          "INVALID_TOP_UP_AMOUNT",
          code(
              session,
              "topup",
              Map.of("operator", "MCI", "mobileNumber", "09121234567", "amount", 150_000)));
      assertEquals(
          "INVALID_TOP_UP_AMOUNT",
          code(
              session,
              "topup",
              Map.of("operator", "MTN", "mobileNumber", "09351234567", "amount", 55_555)));
      JsonNode other =
          session.request(
              "topup",
              paid(Map.of("operator", "MCI", "mobileNumber", "09351234567", "amount", 100_000)));
      assertEquals("OPERATOR_MISMATCH", other.path("code").asText());
      assertEquals("MTN", other.path("operator").asText());
      assertEquals(
          "INVALID_MOBILE_NUMBER",
          code(
              session,
              "topup",
              Map.of("operator", "MCI", "mobileNumber", "021 8888 1234", "amount", 100_000)));
      assertEquals(
          "CHARGE_TYPE_NOT_OFFERED",
          code(
              session,
              "topup",
              Map.of(
                  "operator",
                  "MCI",
                  "mobileNumber",
                  "09121234567",
                  "amount",
                  100_000,
                  "chargeType",
                  "AMAZING")));
      assertEquals(
          "UNKNOWN_OPERATOR",
          code(
              session,
              "topup",
              Map.of("operator", "ACME", "mobileNumber", "09121234567", "amount", 100_000)));
      assertEquals(
          "APPROVED",
          session
              .request(
                  "topup",
                  paid(
                      Map.of(
                          "operator",
                          "RTL",
                          "mobileNumber",
                          "0921 123 4567",
                          "amount",
                          70_000,
                          "chargeType",
                          "AMAZING")))
              .path("status")
              .asText());
    }
    assertEquals(
        1,
        database.count(
            "select count(*) from card_transaction where terminal_id = cast(? as uuid)",
            reader.ref()));
  }

  @Test
  void whenTheOperatorFailsAfterTheChargeTheCardIsReversedAndNothingIsCaptured() {
    Active reader = Terminals.pairedReader(Terminals.merchant("IRR"));
    try (TerminalClient session = reader.session()) {
      JsonNode answer =
          session.request(
              "topup",
              paid(Map.of("operator", "MCI", "mobileNumber", "09121230000", "amount", 100_000)));
      assertEquals("REVERSED", answer.path("status").asText(), answer.toString());
      assertEquals("operator-unavailable", answer.path("declineReason").asText());
      assertFalse(answer.path("authCode").isNull()); // it was approved, then reversed
      assertEquals(
          0,
          database.count(
              "select count(*) from outbox_event where event_key = ? and event_type = 'PaymentCaptured'",
              answer.path("transactionId").asText()));
      assertEquals(0, session.request("history", Map.of()).path("totals").size());
    }
  }

  @Test
  void internetPackagesAreListedAndBought() {
    Active reader = Terminals.pairedReader(Terminals.merchant("IRR"));
    try (TerminalClient session = reader.session()) {
      JsonNode list = session.request("internet-packages", Map.of("operator", "MTN"));
      assertEquals(2, list.path("packages").size());
      JsonNode first = list.path("packages").get(0);
      assertEquals("MTN-1D-2GB", first.path("id").asText());
      assertEquals(2048, first.path("volumeMb").asInt());

      JsonNode bought =
          session.request(
              "internet-package",
              paid(Map.of("packageId", "MTN-1D-2GB", "mobileNumber", "09351234567")));
      assertEquals("APPROVED", bought.path("status").asText(), bought.toString());
      assertEquals(110_000, bought.path("receipt").path("amount").asLong());
      assertEquals("INTERNET_PACKAGE", bought.path("receipt").path("transactionType").asText());
      assertEquals(
          "OPERATOR_MISMATCH",
          code(
              session,
              "internet-package",
              Map.of("packageId", "MTN-1D-2GB", "mobileNumber", "09121234567")));
      assertEquals(
          "INTERNET_PACKAGE_NOT_FOUND",
          code(
              session,
              "internet-package",
              Map.of("packageId", "NOPE", "mobileNumber", "09351234567")));
    }
  }

  @Test
  void aBillIsInquiredPaidOnceAndItsAmountComesFromThePaymentId() {
    Active reader = Terminals.pairedReader(Terminals.merchant("IRR"));
    try (TerminalClient session = reader.session()) {
      Map<String, Object> bill = Map.of("billId", "1117753200140", "paymentId", "12070160");
      JsonNode info = session.request("bill-info", bill);
      assertEquals("FIXED_PHONE", info.path("billType").asText());
      assertEquals(120_000, info.path("amount").asLong());
      assertFalse(info.path("paid").asBoolean());

      Map<String, Object> typedAmount = new HashMap<>(bill);
      typedAmount.put("amount", 1);
      assertEquals("INVALID_FIELD", code(session, "bill-payment", typedAmount));

      JsonNode paidBill = session.request("bill-payment", paid(bill));
      assertEquals("APPROVED", paidBill.path("status").asText(), paidBill.toString());
      assertEquals(120_000, paidBill.path("receipt").path("amount").asLong());
      assertEquals("BILL_PAYMENT", paidBill.path("receipt").path("transactionType").asText());
      assertTrue(session.request("bill-info", bill).path("paid").asBoolean());

      // The same bill again, by its IDs or by its barcode: refused before the card is charged.
      assertEquals("BILL_ALREADY_PAID", code(session, "bill-payment", bill));
      assertEquals(
          "BILL_ALREADY_PAID",
          code(session, "bill-payment", Map.of("barcode", "11177532001400000012070160")));
      assertEquals(
          "INVALID_PAYMENT_ID",
          code(
              session, "bill-payment", Map.of("billId", "1117753200140", "paymentId", "12070161")));
      assertEquals(
          "INVALID_BILL_ID",
          code(
              session, "bill-payment", Map.of("billId", "11177532001A0", "paymentId", "12070160")));
      assertEquals(
          1,
          database.count(
              "select count(*) from card_transaction where terminal_id = cast(? as uuid)",
              reader.ref()));

      // A bill the biller refuses: charged, then reversed.
      JsonNode refused =
          session.request(
              "bill-payment", paid(Map.of("billId", "9990000001220", "paymentId", "25050371")));
      assertEquals("REVERSED", refused.path("status").asText());
      assertEquals("biller-refused", refused.path("declineReason").asText());
      assertFalse(
          session
              .request("bill-info", Map.of("billId", "9990000001220", "paymentId", "25050371"))
              .path("paid")
              .asBoolean());
    }
  }

  private static String code(TerminalClient session, String type, Map<String, Object> fields) {
    return session.request(type, paid(fields)).path("code").asText();
  }
}
