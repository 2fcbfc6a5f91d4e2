package io.tasvie.notify.activation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tasvie.common.contract.ActivationCodeIssuedEvent;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.notify.testing.Events;
import io.tasvie.notify.testing.Messages;
import io.tasvie.notify.testing.MessagingServers;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Activation codes by e-mail over SMTP to a real (GreenMail) server. */
@QuarkusTest
class ActivationEmailTest {

  @Inject Database database;

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void theCodeArrivesByEmailInTheMerchantsLanguageAndIsNeitherShownNorKept() throws Exception {
    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    String terminal = "TM" + (100_000 + (int) (Math.random() * 800_000));
    String address = "owner-" + UUID.randomUUID() + "@Dyqani.Example";
    Events.activation(
        new ActivationCodeIssuedEvent(
            merchant,
            terminal,
            address,
            "483-921",
            null,
            Instant.parse("2026-12-01T10:00:00Z"),
            Instant.now()));

    String normalised = address.substring(0, address.indexOf('@')) + "@dyqani.example";
    MimeMessage mail = awaitMail(normalised);
    assertEquals("Kodi i aktivizimit për terminalin " + terminal, mail.getSubject());
    String body = GreenMailUtil.getBody(mail);
    assertTrue(body.contains("483-921"), body);
    assertTrue(mail.getHeader("Message-ID")[0].endsWith("@tasvie>"));

    JsonPath message = Messages.awaitNewest("recipient", normalised, "SUBMITTED");
    assertEquals("ACTIVATION_CODE", message.getString("kind"));
    assertEquals(null, message.getString("text")); // the code is never shown
    assertEquals(
        "<" + message.getString("messageId") + "@tasvie>", message.getString("providerMessageId"));
    assertEquals(
        0,
        database.count(
            "select count(*) from message where id = ? and body like '%483-921%'",
            UUID.fromString(message.getString("messageId"))));
  }

  @Test
  void anAddressWithoutADomainOrWithAnInjectedHeaderIsRejectedAndNothingIsSent() throws Exception {
    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    int before = MessagingServers.mail().getReceivedMessages().length;
    for (String bad :
        List.of(
            "owner@localhost", "owner@example.com\r\nBcc: all@example.com", "a b@example.com")) {
      String terminal = "TM" + (100_000 + (int) (Math.random() * 800_000));
      Events.activation(
          new ActivationCodeIssuedEvent(
              merchant,
              terminal,
              bad,
              "111111",
              "en",
              Instant.now().plusSeconds(600),
              Instant.now()));
      await()
          .atMost(WAIT)
          .until(
              () ->
                  database.count(
                          "select count(*) from message where terminal_id = ? and status ="
                              + " 'REJECTED' and last_error like 'email is not an address%'"
                              + " and body = ''",
                          terminal)
                      == 1);
    }
    Thread.sleep(1_000);
    assertEquals(before, MessagingServers.mail().getReceivedMessages().length);
  }

  @Test
  void anEventWithoutItsCodeIsDeadLetteredWithTheReason() {
    try (var dlq = TestKafka.tail("terminals.dlq.notify-svc-test")) {
      String id = UUID.randomUUID().toString();
      TestKafka.sendEvent(
          ActivationCodeIssuedEvent.TOPIC,
          "TM000001",
          id,
          "ActivationCodeIssued",
          "{\"merchantId\":\""
              + UUID.randomUUID()
              + "\",\"terminalId\":\"TM000001\","
              + "\"email\":\"a@example.com\",\"expiresAt\":\"2026-12-01T10:00:00Z\"}");
      var dead = dlq.await(r -> id.equals(TestKafka.header(r, "ce_id")), WAIT);
      assertTrue(TestKafka.header(dead, "dead-letter-reason").contains("activationCode"));
    }
  }

  private static MimeMessage awaitMail(String to) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                Arrays.stream(MessagingServers.mail().getReceivedMessages())
                    .anyMatch(m -> sentTo(m, to)));
    return Arrays.stream(MessagingServers.mail().getReceivedMessages())
        .filter(m -> sentTo(m, to))
        .findFirst()
        .orElseThrow();
  }

  private static boolean sentTo(MimeMessage message, String to) {
    try {
      return Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equals(to));
    } catch (jakarta.mail.MessagingException e) {
      return false;
    }
  }
}
