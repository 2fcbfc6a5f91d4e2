package io.tasvie.gateway.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.tasvie.common.testing.Database;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import io.tasvie.gateway.signing.Published;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications to a merchant's server: a local receiver that fails the first attempts, the retry
 * schedule (shortened to 1 s, 2 s in the test profile), signatures checked with the published key.
 */
@QuarkusTest
class NotificationTest {

  @Inject Database database;
  @Inject ObjectMapper mapper;

  record Received(Instant at, Map<String, List<String>> headers, String body) {}

  HttpServer receiver;
  final List<Received> received = new CopyOnWriteArrayList<>();

  /** How many requests fail (500) before the receiver answers 204; -1: all fail. */
  final AtomicInteger failFirst = new AtomicInteger();

  Onboarded merchant;

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          received.add(
              new Received(
                  Instant.now(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          int left = failFirst.getAndDecrement();
          exchange.sendResponseHeaders(left != 0 ? 500 : 204, -1);
          exchange.close();
        });
    receiver.start();
    merchant = Merchants.onboard();
    Merchants.configure(
        merchant,
        Map.of(
            "notifyUrl",
            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?shop=ketab"));
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  @Test
  void aNotificationIsRetriedOnTheScheduleAndSignedWithThePublishedKey() throws Exception {
    failFirst.set(2);
    UUID paymentId = Checkout.newPayment(merchant, 120_000);
    Checkout.pay(paymentId, Checkout.APPROVED_CARD).response().then().statusCode(303);

    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 3);
    Thread.sleep(500); // nothing more may come once it was taken
    assertEquals(3, received.size());
    String id = header(received.get(0), "Tasvie-Notification-Id");
    for (Received attempt : received) {
      assertEquals(id, header(attempt, "Tasvie-Notification-Id"));
      assertEquals(received.get(0).body(), attempt.body());
    }
    // The waits follow the schedule: at least 1 s, then at least 2 s.
    assertTrue(Duration.between(received.get(0).at(), received.get(1).at()).toMillis() >= 900);
    assertTrue(Duration.between(received.get(1).at(), received.get(2).at()).toMillis() >= 1900);

    Received delivered = received.get(2);
    assertEquals("1", header(delivered, "Tasvie-Key-Index"));
    String canonical =
        "tasvie-v1\nPOST\n/hook?shop=ketab\n"
            + Published.sha256Hex(delivered.body().getBytes(StandardCharsets.UTF_8));
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(Published.key("1"));
    verifier.update(canonical.getBytes(StandardCharsets.UTF_8));
    assertTrue(
        verifier.verify(Base64.getDecoder().decode(header(delivered, "Tasvie-Signature"))),
        "the signature verifies with the key of /.well-known/tasvie-keys");

    JsonNode body = mapper.readTree(delivered.body());
    assertEquals(id, body.path("id").asText());
    assertEquals("PaymentAuthorized", body.path("type").asText());
    assertEquals(merchant.id().toString(), body.path("merchantId").asText());
    assertEquals(paymentId.toString(), body.path("data").path("paymentId").asText());
    assertEquals("400609******0007", body.path("data").path("payment").path("maskedCard").asText());
    assertFalse(delivered.body().contains(Checkout.APPROVED_CARD));

    given()
        .auth()
        .oauth2(merchant.token())
        .get("/v1/merchants/" + merchant.id() + "/notifications?paymentId=" + paymentId)
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("items[0].notificationId", equalTo(id))
        .body("items[0].status", equalTo("DELIVERED"))
        .body("items[0].attempts", equalTo(3))
        .body("items[0].history.statusCode", equalTo(List.of(500, 500, 204)))
        .body("items[0].history[0].error", equalTo("HTTP 500"));

    // Verifying sends the next one, taken at once.
    Checkout.verify(merchant, paymentId, 120_000).response().then().statusCode(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 4);
    assertEquals("PaymentCaptured", mapper.readTree(received.get(3).body()).path("type").asText());
  }

  @Test
  void aNotificationThatKeepsFailingIsGivenUpAndCanBeRedelivered() throws Exception {
    failFirst.set(-1);
    UUID paymentId = Checkout.newPayment(merchant, 120_000);
    Checkout.pay(paymentId, Checkout.APPROVED_CARD).response().then().statusCode(303);
    String base = "/v1/merchants/" + merchant.id() + "/notifications";

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "FAILED"
                    .equals(
                        given()
                            .auth()
                            .oauth2(merchant.token())
                            .get(base + "?status=FAILED")
                            .path("items[0].status")));
    Thread.sleep(2_500);
    assertEquals(3, received.size(), "one attempt and two retries, then no more");
    String id = given().auth().oauth2(merchant.token()).get(base).path("items[0].notificationId");

    // Another merchant cannot see or redeliver it.
    Onboarded other = Merchants.onboard("Other Shop", List.of("other.example.ir"));
    given()
        .auth()
        .oauth2(other.token())
        .post(base + "/" + id + "/redeliver")
        .then()
        .statusCode(404);
    given().auth().oauth2(other.token()).get(base).then().statusCode(404);

    failFirst.set(0);
    given()
        .auth()
        .oauth2(merchant.token())
        .post(base + "/" + id + "/redeliver")
        .then()
        .statusCode(202)
        .body("status", equalTo("PENDING"));
    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 4);
    assertEquals(id, header(received.get(3), "Tasvie-Notification-Id"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(merchant.token())
                    .get(base + "/" + id)
                    .then()
                    .body("status", equalTo("DELIVERED"))
                    .body("attempts", equalTo(4)));
    given().auth().oauth2(merchant.token()).get(base + "?status=SENT").then().statusCode(400);
  }

  @Test
  void withoutANotifyUrlNothingIsQueued() {
    Onboarded quiet = Merchants.onboard("Quiet Shop", List.of("shop.example.ir"));
    UUID paymentId = Checkout.newPayment(quiet, 120_000);
    Checkout.pay(paymentId, Checkout.APPROVED_CARD).response().then().statusCode(303);

    assertEquals(
        0,
        database.count(
            "select count(*) from merchant_notification where merchant_id = ?", quiet.id()));
  }

  private static String header(Received received, String name) {
    return received.headers().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().get(0))
        .findFirst()
        .orElse(null);
  }
}
