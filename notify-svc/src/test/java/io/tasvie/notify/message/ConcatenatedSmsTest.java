package io.tasvie.notify.message;

import static io.restassured.RestAssured.given;
import static io.tasvie.notify.testing.Messages.awaitStatus;
import static io.tasvie.notify.testing.Messages.status;
import static io.tasvie.notify.testing.Messages.to;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tasvie.common.contract.ReceiptRequestedEvent;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.notify.testing.Events;
import io.tasvie.notify.testing.MessagingServers;
import io.tasvie.smsc.LocalSmsc;
import io.tasvie.smsc.LocalSmsc.ReceiptParts;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

/**
 * Long receipts go as concatenated parts, and each part has an outcome of its own: an SMSC that
 * takes part 1 and refuses part 2 leaves a PARTLY_SENT message that says which part the handset
 * has; an SMSC that sends one delivery receipt per message (for its first or last part) delivers
 * the message by that receipt once the other parts' receipts have not come within the window.
 */
@QuarkusTest
class ConcatenatedSmsTest {

  @Inject Database database;

  @Test
  void partOneTakenAndPartTwoRefusedLeavesAPartlySentMessageAndAResendSendsTheWholeText() {
    UUID merchant = Events.merchant(database, "کتاب‌فروشی", "IR", "IRR");
    String typed = iranMobile();
    String e164 = "+98" + typed.substring(1);
    MessagingServers.smsc().refusePart(e164.substring(1), 2, SMPPConstant.STAT_ESME_RSUBMITFAIL);
    ReceiptRequestedEvent request = Events.purchase(merchant, typed, 1_250_000, "IRR", null);
    Events.receipt(request);

    JsonPath message = awaitStatus(request.transactionId(), "PARTLY_SENT");
    int segments = message.getInt("segments");
    assertTrue(segments > 1, "a Persian receipt is longer than 70 UCS-2 units");
    assertEquals(1, message.getInt("attempts"));
    assertNotNull(message.get("failedAt"));
    assertTrue(
        message.getString("lastError").startsWith("part 2 of " + segments + " refused"),
        message.getString("lastError"));
    assertTrue(message.getString("lastError").contains("ESME_RSUBMITFAIL"));
    assertEquals(segments, message.getList("parts").size());
    String first = message.getString("parts[0].providerMessageId");
    assertTrue(first.matches("\\d+"), first);
    assertEquals(first, message.getString("providerMessageId"));
    assertEquals(1, message.getInt("parts[0].part"));
    assertEquals(2, message.getInt("parts[1].part"));
    assertEquals("REFUSED", message.getString("parts[1].status"));
    assertNull(message.get("parts[1].providerMessageId"));
    assertTrue(message.getString("parts[1].error").contains("ESME_RSUBMITFAIL"));
    for (int part = 2; part < segments; part++) {
      assertEquals("NOT_SENT", message.getString("parts[" + part + "].status"));
    }

    // The handset got part 1, and its delivery receipt shows on that part, not on the message.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> "DELIVERED".equals(status(request.transactionId()).getString("parts[0].status")));
    assertEquals("PARTLY_SENT", status(request.transactionId()).getString("status"));
    List<LocalSmsc.Message> received = to(e164);
    assertEquals(1, received.size());
    assertEquals(List.of(first), received.get(0).messageIds());
    assertTrue(message.getString("text").startsWith(received.get(0).text()));

    // A resend is a new message with the whole text, every part sent again.
    String original = message.getString("messageId");
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .post("/v1/messages/" + original + "/resend")
        .then()
        .statusCode(201);
    JsonPath resent = awaitStatus(request.transactionId(), "DELIVERED");
    assertEquals(original, resent.getString("resendOf"));
    assertEquals(message.getString("text"), resent.getString("text"));
    assertEquals(segments, resent.getList("parts").size());
    await() // every part's own receipt (the message may be delivered by the first one)
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                status(request.transactionId()).getList("parts.status").stream()
                    .allMatch("DELIVERED"::equals));
    received = to(e164);
    assertEquals(2, received.size());
    assertEquals(resent.getString("text"), received.get(1).text());
    assertEquals(segments, received.get(1).messageIds().size());
  }

  @Test
  void anSmscThatSendsOneReceiptPerMessageDeliversTheMessageByIt() {
    UUID merchant = Events.merchant(database, "کتاب‌فروشی", "IR", "IRR");
    for (ReceiptParts reported : List.of(ReceiptParts.LAST, ReceiptParts.FIRST)) {
      String typed = iranMobile();
      String e164 = "+98" + typed.substring(1);
      MessagingServers.smsc().receiptParts(e164.substring(1), reported);
      ReceiptRequestedEvent request = Events.purchase(merchant, typed, 1_250_000, "IRR", null);
      Events.receipt(request);

      JsonPath message = awaitStatus(request.transactionId(), "DELIVERED");
      int segments = message.getInt("segments");
      assertTrue(segments > 1);
      assertNull(message.get("lastError"));
      assertNotNull(message.get("deliveredAt"));
      int withReceipt = reported == ReceiptParts.FIRST ? 0 : segments - 1;
      for (int part = 0; part < segments; part++) {
        assertEquals(
            part == withReceipt ? "DELIVERED" : "SUBMITTED",
            message.getString("parts[" + part + "].status"),
            reported + " part " + (part + 1));
      }
      assertEquals(
          1,
          database.count(
              "select count(*) from delivery_receipt where message_id = ?",
              UUID.fromString(message.getString("messageId"))));
      assertEquals(1, to(e164).size());
    }
  }

  /** An Iranian mobile number (MCI 0912), as a cashier types it. */
  private static String iranMobile() {
    return String.format("0912%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }
}
