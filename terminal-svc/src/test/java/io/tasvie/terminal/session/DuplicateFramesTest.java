package io.tasvie.terminal.session;

import static io.tasvie.terminal.testing.Terminals.card;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TerminalClient;
import io.tasvie.terminal.testing.Terminals;
import io.tasvie.terminal.testing.Terminals.Active;
import io.tasvie.terminal.testing.Terminals.Merchant;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A request frame that arrives twice at once (the app resent it, the network duplicated it) is done
 * once: the second copy is answered IN_PROGRESS or with the first copy's stored answer, never by a
 * second charge, and the terminal is free for its next sale.
 */
@QuarkusTest
class DuplicateFramesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String VISA = "4006090000000007";
  private static final String MASTERCARD = "5326100000000004";

  @Inject Database database;

  @Test
  void twoCopiesOfAPurchaseWrittenBackToBackChargeOnce() {
    Active terminal = Terminals.softPos("EUR");
    int rounds = 20;
    try (TerminalClient session = terminal.session()) {
      for (int round = 0; round < rounds; round++) {
        String id = "dup-" + round + "-" + UUID.randomUUID();
        List<JsonNode> answers =
            twice(
                session,
                "purchase",
                id,
                Map.of(
                    "amount", 1000 + round, "currency", "EUR", "card", card(VISA, "CHIP", true)));
        JsonNode result = oneResultAndAtMostOneInProgress("purchase", answers);
        assertEquals("APPROVED", result.path("status").asText(), result.toString());
        assertEquals(result, settled(session, "purchase", id, Map.of()));
      }
      assertOneTransactionPerRoundAndNoneActive(terminal, rounds);
      // The terminal is free: the next purchase is not BUSY.
      JsonNode next =
          session.request(
              "purchase",
              Map.of("amount", 777, "currency", "EUR", "card", card(VISA, "CHIP", true)));
      assertEquals("APPROVED", next.path("status").asText(), next.toString());
    }
  }

  /**
   * A terminal holds one session: a second one replaces the first. The copy sent on the old session
   * and the copy sent on the new one are still done once.
   */
  @Test
  void copiesSentOnTheOldAndTheNewSessionChargeOnce() {
    Active terminal = Terminals.softPos("EUR");
    int rounds = 5;
    TerminalClient old = terminal.session();
    for (int round = 0; round < rounds; round++) {
      String id = "re-" + round + "-" + UUID.randomUUID();
      String frame =
          frame(
              "purchase",
              id,
              Map.of("amount", 500 + round, "currency", "EUR", "card", card(VISA, "CHIP", true)));
      old.sendRaw(frame);
      TerminalClient current = terminal.session();
      current.sendRaw(frame);
      JsonNode answer = current.awaitId(id);
      if (!"purchase.result".equals(answer.path("type").asText())) {
        assertEquals("IN_PROGRESS", answer.path("code").asText(), answer.toString());
      }
      JsonNode result = settled(current, "purchase", id, Map.of());
      assertEquals("APPROVED", result.path("status").asText(), result.toString());
      old = current;
    }
    old.close();
    assertOneTransactionPerRoundAndNoneActive(terminal, rounds);
  }

  @Test
  void copiesOfARefundAreRefundedOnce() {
    Active terminal = Terminals.softPos("EUR");
    int rounds = 10;
    try (TerminalClient session = terminal.session()) {
      JsonNode purchase =
          session.request(
              "purchase",
              Map.of("amount", 10_000, "currency", "EUR", "card", card(VISA, "CHIP", true)));
      assertEquals("APPROVED", purchase.path("status").asText(), purchase.toString());
      String original = purchase.path("transactionId").asText();
      for (int round = 0; round < rounds; round++) {
        String id = "refund-" + round + "-" + UUID.randomUUID();
        Map<String, Object> refund =
            Map.of(
                "originalTransactionId",
                original,
                "amount",
                100,
                "supervisorCode",
                Terminals.SUPERVISOR_CODE,
                "card",
                card(VISA, "CONTACTLESS", false));
        JsonNode result =
            oneResultAndAtMostOneInProgress("refund", twice(session, "refund", id, refund));
        assertEquals("APPROVED", result.path("status").asText(), result.toString());
        assertEquals(100L * (round + 1), result.path("refundedTotal").asLong(), result.toString());
      }
      assertEquals(
          rounds,
          database.count(
              "select count(*) from card_transaction where original_id = cast(? as uuid)",
              original));
      assertEquals(
          100L * rounds,
          database.count(
              "select refunded_total from card_transaction where id = cast(? as uuid)", original));
    }
  }

  @Test
  void copiesOfATopUpAndOfABillPaymentAreSoldOnce() {
    Active reader = Terminals.pairedReader(Terminals.merchant("IRR"));
    int rounds = 5;
    try (TerminalClient session = reader.session()) {
      for (int round = 0; round < rounds; round++) {
        String id = "topup-" + round + "-" + UUID.randomUUID();
        Map<String, Object> topUp =
            Map.of(
                "operator",
                "MCI",
                "mobileNumber",
                "0912 123 456" + (round + 1),
                "amount",
                100_000,
                "card",
                card(MASTERCARD, "SWIPE", true));
        JsonNode result =
            oneResultAndAtMostOneInProgress("topup", twice(session, "topup", id, topUp));
        assertEquals("APPROVED", result.path("status").asText(), result.toString());
      }
      String[] bill = bill();
      String id = "bill-" + UUID.randomUUID();
      Map<String, Object> payment = new HashMap<>();
      payment.put("billId", bill[0]);
      payment.put("paymentId", bill[1]);
      payment.put("card", card(MASTERCARD, "SWIPE", true));
      JsonNode paid =
          oneResultAndAtMostOneInProgress(
              "bill-payment", twice(session, "bill-payment", id, payment));
      assertEquals("APPROVED", paid.path("status").asText(), paid.toString());
      assertEquals(paid, settled(session, "bill-payment", id, payment));
    }
    assertOneTransactionPerRoundAndNoneActive(reader, rounds + 1);
  }

  @Test
  void copiesOfAWalletPaymentAndOfItsCancelAreDoneOnce() {
    Merchant merchant = Terminals.merchant("EUR");
    Active till = Terminals.till(merchant, "QR-" + UUID.randomUUID().toString().substring(0, 12));
    int rounds = 8;
    try (TerminalClient session = till.session()) {
      for (int round = 0; round < rounds; round++) {
        String startId = "w-" + round + "-" + UUID.randomUUID();
        JsonNode started =
            oneResultAndAtMostOneInProgress(
                "wallet-payment",
                twice(
                    session,
                    "wallet-payment",
                    startId,
                    Map.of("amount", 1250 + round, "currency", "EUR")));
        assertEquals("INITIATED", started.path("status").asText(), started.toString());
        String paymentId = started.path("paymentId").asText();
        String cancelId = "wc-" + round + "-" + UUID.randomUUID();
        JsonNode cancelled =
            oneResultAndAtMostOneInProgress(
                "wallet-cancel",
                twice(session, "wallet-cancel", cancelId, Map.of("paymentId", paymentId)));
        assertEquals(
            "CANCELLED_BY_CLIENT", cancelled.path("status").asText(), cancelled.toString());
      }
    }
    assertEquals(
        rounds,
        database.count(
            "select count(*) from wallet_payment where terminal_id = cast(? as uuid)", till.ref()));
  }

  /** A claim left by a replica that died mid-request is taken over once it is old enough. */
  @Test
  void aClaimLeftByADeadReplicaIsTakenOverOnceStale() {
    Active terminal = Terminals.softPos("EUR");
    String fresh = "fresh-" + UUID.randomUUID();
    String stale = "stale-" + UUID.randomUUID();
    database.update(
        "insert into terminal_message (terminal_id, message_id, type, claim, claimed_at,"
            + " created_at) values (cast(? as uuid), ?, 'purchase', gen_random_uuid(), now(),"
            + " now())",
        terminal.ref(),
        fresh);
    database.update(
        "insert into terminal_message (terminal_id, message_id, type, claim, claimed_at,"
            + " created_at) values (cast(? as uuid), ?, 'purchase', gen_random_uuid(),"
            + " now() - interval '1 hour', now() - interval '1 hour')",
        terminal.ref(),
        stale);
    Map<String, Object> purchase =
        Map.of("amount", 900, "currency", "EUR", "card", card(VISA, "CHIP", true));
    try (TerminalClient session = terminal.session()) {
      assertEquals(
          "IN_PROGRESS", session.request("purchase", fresh, purchase).path("code").asText());
      JsonNode taken = session.request("purchase", stale, purchase);
      assertEquals("APPROVED", taken.path("status").asText(), taken.toString());
      assertEquals(taken, session.request("purchase", stale, purchase));
    }
    // The fresh claim stands unanswered until it is stale in turn.
    database.update("delete from terminal_message where message_id = ?", fresh);
    assertOneTransactionPerRoundAndNoneActive(terminal, 1);
  }

  /** Both copies, written to the socket one right after the other. */
  private static List<JsonNode> twice(
      TerminalClient session, String type, String id, Map<String, ?> fields) {
    String frame = frame(type, id, fields);
    session.sendRaw(frame);
    session.sendRaw(frame);
    return List.of(session.awaitId(id), session.awaitId(id));
  }

  private static String frame(String type, String id, Map<String, ?> fields) {
    ObjectNode frame = MAPPER.valueToTree(fields);
    frame.put("type", type);
    frame.put("id", id);
    return frame.toString();
  }

  /**
   * One copy is answered with the result; the other with the same result (stored) or IN_PROGRESS.
   */
  private static JsonNode oneResultAndAtMostOneInProgress(String type, List<JsonNode> answers) {
    List<JsonNode> results = new ArrayList<>();
    for (JsonNode answer : answers) {
      if ((type + ".result").equals(answer.path("type").asText())) {
        results.add(answer);
      } else if (!"IN_PROGRESS".equals(answer.path("code").asText())) {
        fail("a copy was answered neither the result nor IN_PROGRESS: " + answers);
      }
    }
    if (results.isEmpty()) {
      fail("no copy was answered with the result: " + answers);
    }
    if (results.size() == 2) {
      assertEquals(results.get(0), results.get(1), "both copies answered, differently");
    }
    return results.get(0);
  }

  /** The id asked again until it is no longer IN_PROGRESS: its stored answer. */
  private static JsonNode settled(
      TerminalClient session, String type, String id, Map<String, ?> fields) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              last[0] = session.request(type, id, fields);
              return !"IN_PROGRESS".equals(last[0].path("code").asText());
            });
    return last[0];
  }

  private void assertOneTransactionPerRoundAndNoneActive(Active terminal, int rounds) {
    assertEquals(
        rounds,
        database.count(
            "select count(*) from card_transaction where terminal_id = cast(? as uuid)",
            terminal.ref()),
        "one transaction per request id");
    assertEquals(
        0,
        database.count(
            "select count(*) from card_transaction where terminal_id = cast(? as uuid)"
                + " and status in ('IN_PROGRESS', 'PIN_REQUIRED')",
            terminal.ref()),
        "no transaction left in progress");
    assertTrue(
        database.count(
                "select count(*) from terminal_message where terminal_id = cast(? as uuid)"
                    + " and answer is null",
                terminal.ref())
            == 0,
        "every claimed id has its answer");
  }

  /** A fresh, valid bill (gas, 120,000 rials): ID and payment ID with their mod-11 digits. */
  private static String[] bill() {
    String body = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
    String billId = body + "3" + checkDigit(body + "3");
    String payment = "120701";
    String first = payment + checkDigit(payment);
    return new String[] {billId, first + checkDigit(billId + first)};
  }

  private static int checkDigit(String digits) {
    int sum = 0;
    for (int i = digits.length() - 1, weight = 2; i >= 0; i--) {
      sum += (digits.charAt(i) - '0') * weight;
      weight = weight == 7 ? 2 : weight + 1;
    }
    int remainder = sum % 11;
    return remainder < 2 ? 0 : 11 - remainder;
  }
}
