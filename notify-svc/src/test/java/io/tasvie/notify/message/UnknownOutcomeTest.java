package io.tasvie.notify.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tasvie.common.contract.ReceiptRequestedEvent;
import io.tasvie.common.testing.Database;
import io.tasvie.notify.testing.Events;
import io.tasvie.notify.testing.Messages;
import io.tasvie.notify.testing.MessagingServers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A submit whose response never came (the SMSC took it, the answer was lost): the message is not
 * sent again; the delivery receipt that arrives for it tells what became of it, and without one it
 * ends FAILED with the reason. The same resolution covers a crash between submit and record.
 */
@QuarkusTest
class UnknownOutcomeTest {

  @Inject Database database;

  @Test
  void aLateAnswerIsResolvedByTheDeliveryReceiptAndNeverSentTwice() throws Exception {
    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    String typed = Events.kosovoMobile();
    String e164 = "+" + typed.replace(" ", "");
    MessagingServers.smsc().answerLate(1, Duration.ofSeconds(3)); // the client waits 2 s
    ReceiptRequestedEvent request = Events.purchase(merchant, typed, 700, "EUR", "en");
    Events.receipt(request);

    JsonPath message = Messages.awaitStatus(request.transactionId(), "DELIVERED");
    assertNull(message.get("lastError")); // delivered: the unknown outcome is no error now
    assertEquals(1, message.getInt("attempts"));
    Thread.sleep(4_000); // several sweeps later: still one submit
    assertEquals(1, Messages.to(e164).size());
  }

  @Test
  void withoutAReceiptAnUnknownOutcomeEndsFailedAndIsNotResent() throws Exception {
    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    String typed = Events.kosovoMobile();
    String digits = typed.replace(" ", "");
    MessagingServers.smsc().noReceiptsFor(digits);
    MessagingServers.smsc().answerLate(1, Duration.ofSeconds(3));
    ReceiptRequestedEvent request = Events.purchase(merchant, typed, 800, "EUR", "en");
    Events.receipt(request);

    JsonPath message = Messages.awaitStatus(request.transactionId(), "FAILED");
    assertTrue(
        message.getString("lastError").contains("not resent"), message.getString("lastError"));
    assertEquals(1, message.getInt("attempts"));
    assertEquals(1, Messages.to("+" + digits).size());
  }
}
