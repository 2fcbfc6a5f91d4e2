package io.tasvie.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.restassured.path.json.JsonPath;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.smsc.LocalSmsc;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged notify-svc killed (SIGKILL) after the SMSC took a receipt SMS and before notify-svc
 * recorded the answer: after the restart the message is resolved by its delivery receipt, which the
 * SMSC held while nobody was bound, and the customer got exactly one SMS.
 */
class NotifyCrashIT {

  private LocalSmsc smsc;
  private ServiceProcess notify;

  @BeforeEach
  void startSmsc() throws Exception {
    smsc =
        LocalSmsc.start(
            new LocalSmsc.Config(
                ServiceProcess.freePort(), "tasvie", "tasvie", Duration.ofSeconds(2)));
  }

  @AfterEach
  void stop() {
    if (notify != null) {
      notify.close();
    }
    smsc.close();
  }

  @Test
  void aKillBetweenSubmitAndRecordSendsNoSecondSms() throws Exception {
    notify = startNotify(true);
    UUID merchant = UUID.randomUUID();
    TestKafka.sendEvent(
        "merchants",
        merchant.toString(),
        UUID.randomUUID().toString(),
        "MerchantRegistered",
        "{\"merchantId\":\""
            + merchant
            + "\",\"merchantNumber\":\"10000099\",\"name\":\"Dyqani\","
            + "\"country\":\"XK\",\"currency\":\"EUR\",\"callbackDomains\":[],\"registeredAt\":\""
            + Instant.now()
            + "\"}");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                given()
                        .auth()
                        .oauth2(TestTokens.token("admin"))
                        .get(notify.url("/v1/merchants/" + merchant))
                        .statusCode()
                    == 200);
    String digits = String.format("38344%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    UUID transaction = UUID.randomUUID();
    smsc.answerLate(1, Duration.ofSeconds(60)); // taken at once, answered never (in time)
    String receiptEvent =
        "{\"merchantId\":\""
            + merchant
            + "\",\"transactionId\":\""
            + transaction
            + "\","
            + "\"terminalId\":\"TM000016\",\"phoneNumber\":\"+"
            + digits
            + "\",\"language\":\"en\","
            + "\"transactionType\":\"PURCHASE\",\"amount\":4550,\"currency\":\"EUR\","
            + "\"maskedCard\":\"400609******0007\",\"cardBrand\":\"VISA\",\"authCode\":\"012345\","
            + "\"rrn\":\"257991144702\",\"transactionAt\":\"2026-11-25T08:30:00Z\","
            + "\"occurredAt\":\""
            + Instant.now()
            + "\"}";
    TestKafka.sendEvent(
        "receipts",
        transaction.toString(),
        UUID.randomUUID().toString(),
        "ReceiptRequested",
        receiptEvent);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> smsc.submits().stream().anyMatch(s -> s.destination().equals(digits)));
    notify.kill(); // the submit is out, its response not yet in

    notify = startNotify(false);
    Stack.awaitReady(notify);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> "DELIVERED".equals(message(transaction).getString("items[0].status")));
    JsonPath message = message(transaction);
    // the unknown submit outcome was resolved by the receipt; a delivered message keeps no error
    assertNull(message.getString("items[0].lastError"), message.getString("items[0].lastError"));
    Thread.sleep(3_000);
    assertEquals(1, smsc.submits().stream().filter(s -> s.destination().equals(digits)).count());
    assertEquals(1, message.getList("items").size());
  }

  private JsonPath message(UUID transaction) {
    return given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .queryParam("transactionId", transaction)
        .get(notify.url("/v1/messages"))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private ServiceProcess startNotify(boolean fresh) {
    Map<String, String> env = new HashMap<>();
    for (String topic : new String[] {"merchants", "receipts", "terminals", "settlements"}) {
      env.putAll(ServiceProcess.consumerOf(topic, "notify-svc"));
    }
    if (!fresh) { // same groups as before the kill, and the database as it was left
      env.putAll(groups);
      env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "false");
    } else {
      groups.clear();
      env.forEach(
          (k, v) -> {
            if (k.endsWith("_GROUP_ID")) {
              groups.put(k, v);
            }
          });
      // requests of earlier runs stay unread: only the merchants are read from the beginning
      for (String topic : new String[] {"receipts", "terminals", "settlements"}) {
        ServiceProcess.startAtEnd(
            env.get("MP_MESSAGING_INCOMING_" + topic.toUpperCase() + "_GROUP_ID"), topic);
      }
    }
    env.put("TASVIE_SMPP_PORT", Integer.toString(smsc.port()));
    env.put("TASVIE_SMPP_RESPONSE_TIMEOUT", "30s");
    env.put("TASVIE_SMPP_REBIND_MAX", "1s");
    env.put("TASVIE_NOTIFY_UNKNOWN_AFTER", "2s");
    env.put("TASVIE_NOTIFY_DISPATCH_SWEEP_INTERVAL", "500ms");
    env.put("QUARKUS_MAILER_PORT", Integer.toString(ServiceProcess.freePort()));
    ServiceProcess started = ServiceProcess.start("notify-svc", TestKafka.bootstrapServers(), env);
    Stack.awaitReady(started);
    return started;
  }

  private final Map<String, String> groups = new HashMap<>();
}
