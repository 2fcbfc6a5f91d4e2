package io.tasvie.gateway.payment.service;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The sweep, with the windows shortened to seconds. */
@QuarkusTest
@TestProfile(VerifyWindowTest.ShortWindows.class)
class VerifyWindowTest {

  public static class ShortWindows implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "tasvie.checkout.verify-window", "PT2S",
          "tasvie.checkout.payment-lifetime", "PT3S",
          "tasvie.checkout.sweep-interval", "PT0.5S",
          "tasvie.checkout.idempotency-key-ttl", "PT1H");
    }
  }

  @Inject ObjectMapper mapper;
  @Inject Database database;

  @Test
  void anUnverifiedPaymentIsReversedWhenTheWindowCloses() throws Exception {
    Onboarded merchant = Merchants.onboard();
    UUID paymentId = Checkout.newPayment(merchant, 120_000);
    try (TestKafka.Tail payments = TestKafka.tail("payments")) {
      Checkout.pay(paymentId, Checkout.APPROVED_CARD).response().then().statusCode(303);

      ConsumerRecord<String, String> reversed =
          payments.await(
              r ->
                  paymentId.toString().equals(r.key())
                      && "PaymentReversed".equals(TestKafka.header(r, "ce_type")),
              Duration.ofSeconds(20));
      assertEquals(
          "VERIFY_WINDOW_EXPIRED", mapper.readTree(reversed.value()).path("reason").asText());
    }
    Checkout.get(merchant, paymentId)
        .response()
        .then()
        .body("status", equalTo("REVERSED"))
        .body("reversalReason", equalTo("VERIFY_WINDOW_EXPIRED"));
    // Verifying late captures nothing.
    Checkout.verify(merchant, paymentId, 120_000)
        .response()
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:tasvie:problem:payment-not-authorized"));
  }

  @Test
  void idempotencyKeysAreForgottenAfterTheirTimeToLive() {
    Onboarded merchant = Merchants.onboard();
    database.update(
        "insert into idempotency_key (merchant_id, idempotency_key, fingerprint, created_at)"
            + " values (?, 'old', 'x', now() - interval '2 hours'),"
            + " (?, 'fresh', 'x', now() - interval '10 minutes')",
        merchant.id(),
        merchant.id());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                database.count(
                        "select count(*) from idempotency_key where merchant_id = ? and idempotency_key = 'old'",
                        merchant.id())
                    == 0);
    assertEquals(
        1,
        database.count(
            "select count(*) from idempotency_key where merchant_id = ? and idempotency_key = 'fresh'",
            merchant.id()));
  }

  @Test
  void anUnpaidPaymentExpiresAndItsPageSaysSo() {
    Onboarded merchant = Merchants.onboard();
    UUID paymentId = Checkout.newPayment(merchant, 120_000);
    Checkout.Form form = Checkout.openPage(paymentId);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                Checkout.get(merchant, paymentId)
                    .response()
                    .then()
                    .body("status", equalTo("EXPIRED")));

    // A payer who submits the card after expiry is shown the expiry, not charged.
    Checkout.submit(paymentId, form, Checkout.APPROVED_CARD).response().then().statusCode(303);
    Checkout.get(merchant, paymentId).response().then().body("status", equalTo("EXPIRED"));
    io.restassured.RestAssured.given()
        .get("/pay/" + paymentId + "?lang=en")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.containsString("This payment has expired"));
  }
}
