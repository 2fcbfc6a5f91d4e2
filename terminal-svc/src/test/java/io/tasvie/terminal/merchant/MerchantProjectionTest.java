package io.tasvie.terminal.merchant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.common.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** terminal-svc keeps its merchant projection from MerchantRegistered events on the real broker. */
@QuarkusTest
class MerchantProjectionTest {

  private static final String DLQ = "merchants.dlq.terminal-svc-test";

  static String registered(UUID merchantId, String number, String name) {
    return """
        {"merchantId":"%s","merchantNumber":"%s","name":"%s","country":"IR","currency":"IRR",
         "callbackDomains":["shop.example.ir"],"registeredAt":"%s"}
        """
        .formatted(merchantId, number, name, Instant.now());
  }

  static String number() {
    return String.valueOf(90_000_000 + (int) (Math.random() * 9_999_999));
  }

  /** Sends a MerchantRegistered event as gateway-svc's relay would. */
  static void publish(String key, String eventId, String body) {
    TestKafka.sendEvent("merchants", key, eventId, "MerchantRegistered", body);
  }

  static void awaitProjected(UUID merchantId, String name) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(TestTokens.token("admin"))
                    .get("/v1/merchants/{id}", merchantId)
                    .then()
                    .statusCode(200)
                    .body("name", equalTo(name)));
  }

  @Test
  void projectsARegisteredMerchant() {
    UUID merchantId = UUID.randomUUID();
    String number = number();
    publish(
        merchantId.toString(),
        UUID.randomUUID().toString(),
        registered(merchantId, number, "Ketab Shop"));

    awaitProjected(merchantId, "Ketab Shop");
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .get("/v1/merchants/{id}", merchantId)
        .then()
        .body("merchantNumber", equalTo(number))
        .body("currency", equalTo("IRR"));
  }

  @Test
  void theSameEventDeliveredTwiceHasOneSideEffect() {
    UUID merchantId = UUID.randomUUID();
    String eventId = UUID.randomUUID().toString();
    String number = number();
    try (TestKafka.Tail dlq = TestKafka.tail(DLQ)) {
      publish(merchantId.toString(), eventId, registered(merchantId, number, "First"));
      awaitProjected(merchantId, "First");
      // A redelivery of the same event id (here with a changed body, which a replay could carry)
      // must not be applied again.
      publish(merchantId.toString(), eventId, registered(merchantId, number, "Second"));
      UUID marker = UUID.randomUUID();
      publish(
          merchantId.toString(),
          UUID.randomUUID().toString(),
          registered(marker, number(), "Marker"));
      awaitProjected(marker, "Marker"); // same key, same partition: the duplicate came before it

      given()
          .auth()
          .oauth2(TestTokens.token("admin"))
          .get("/v1/merchants/{id}", merchantId)
          .then()
          .statusCode(200)
          .body("name", equalTo("First"));
      assertTrue(
          dlq.drain(Duration.ofSeconds(1)).stream()
              .noneMatch(r -> eventId.equals(TestKafka.header(r, "ce_id"))),
          "the duplicate was skipped, not dead-lettered");
    }
  }

  @Test
  void poisonMessagesAreDeadLetteredAndTheConsumerGoesOn() {
    String notJson = "poison-" + UUID.randomUUID();
    String noHeaders = "poison-" + UUID.randomUUID();
    String noIds = "poison-" + UUID.randomUUID();
    try (TestKafka.Tail dlq = TestKafka.tail(DLQ)) {
      publish(notJson, UUID.randomUUID().toString(), "{this is not json");
      TestKafka.send(
          "merchants", noHeaders, registered(UUID.randomUUID(), number(), "X"), Map.of());
      publish(noIds, UUID.randomUUID().toString(), "{\"name\":\"no ids\"}");
      UUID after = UUID.randomUUID();
      publish(
          after.toString(),
          UUID.randomUUID().toString(),
          registered(after, number(), "After the poison"));

      for (String key : List.of(notJson, noHeaders, noIds)) {
        ConsumerRecord<String, String> dead =
            dlq.await(r -> key.equals(r.key()), Duration.ofSeconds(30));
        assertTrue(TestKafka.header(dead, "dead-letter-reason") != null);
      }
      awaitProjected(after, "After the poison");
      assertEquals(
          3,
          dlq.drain(Duration.ofMillis(500)).stream()
              .filter(r -> List.of(notJson, noHeaders, noIds).contains(r.key()))
              .count());
    }
  }
}
