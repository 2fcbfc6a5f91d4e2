package io.tasvie.gateway.payment;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.gateway.Concurrently;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class PaymentLifecycleTest {

  private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

  @Inject Database database;
  @Inject ObjectMapper mapper;

  Onboarded merchant;

  @BeforeEach
  void onboard() {
    merchant = Merchants.onboard();
  }

  @Test
  void payThenVerifyCapturesOnceAndPublishesBothEvents() throws Exception {
    try (TestKafka.Tail payments = TestKafka.tail("payments")) {
      UUID paymentId = Checkout.newPayment(merchant, 120_000);

      Checkout.pay(paymentId, Checkout.APPROVED_CARD).response().then().statusCode(303);
      Checkout.get(merchant, paymentId)
          .response()
          .then()
          .body("status", equalTo("AUTHORIZED"))
          .body("card.maskedNumber", equalTo("400609******0007"))
          .body("card.brand", equalTo("VISA"));

      ExtractableResponse<Response> verified = Checkout.verify(merchant, paymentId, 120_000);
      assertEquals(200, verified.statusCode(), verified.asString());
      assertEquals("VERIFIED", verified.path("result"));
      assertEquals("CAPTURED", verified.path("payment.status"));

      ExtractableResponse<Response> again = Checkout.verify(merchant, paymentId, 120_000);
      assertEquals(200, again.statusCode());
      assertEquals("ALREADY_VERIFIED", again.path("result"));
      assertEquals((String) verified.path("payment.capturedAt"), again.path("payment.capturedAt"));

      ConsumerRecord<String, String> authorized =
          payments.await(r -> isEvent(r, paymentId, "PaymentAuthorized"), EVENT_TIMEOUT);
      ConsumerRecord<String, String> captured =
          payments.await(r -> isEvent(r, paymentId, "PaymentCaptured"), EVENT_TIMEOUT);
      JsonNode body = mapper.readTree(captured.value());
      assertEquals(120_000, body.path("payment").path("amount").asLong());
      assertEquals("IRR", body.path("payment").path("currency").asText());
      assertEquals("ONLINE", body.path("payment").path("channel").asText());
      assertEquals(merchant.id().toString(), body.path("payment").path("merchantId").asText());
      assertEquals("400609******0007", body.path("payment").path("maskedCard").asText());
      assertFalse(authorized.value().contains(Checkout.APPROVED_CARD));
      assertFalse(captured.value().contains(Checkout.APPROVED_CARD));
      // Verifying again published nothing more.
      assertEquals(
          1,
          payments.drain(Duration.ofSeconds(1)).stream()
              .filter(r -> isEvent(r, paymentId, "PaymentCaptured"))
              .count());
    }
  }

  @Test
  void theCardNumberIsStoredNowhere() {
    UUID paymentId = Checkout.newPayment(merchant, 120_000);
    Checkout.pay(paymentId, Checkout.APPROVED_CARD).response().then().statusCode(303);

    assertEquals(
        0,
        database.count(
            "select count(*) from payment p where p::text like ?",
            "%" + Checkout.APPROVED_CARD + "%"));
    assertEquals(
        0,
        database.count(
            "select count(*) from outbox_event e where e.payload::text like ?",
            "%" + Checkout.APPROVED_CARD + "%"));
    assertEquals(
        1,
        database.count(
            "select count(*) from payment where id = ? and card_token like 'tok\\_%'"
                + " and card_bin = '400609' and card_last4 = '0007'",
            paymentId));
  }

  @Test
  void aWrongAmountCapturesNothing() {
    UUID paymentId = Checkout.newPayment(merchant, 120_000);
    Checkout.pay(paymentId, Checkout.APPROVED_CARD);

    Checkout.verify(merchant, paymentId, 100_000)
        .response()
        .then()
        .statusCode(422)
        .body("type", equalTo("urn:tasvie:problem:amount-mismatch"));
    Checkout.get(merchant, paymentId).response().then().body("status", equalTo("AUTHORIZED"));
  }

  @Test
  void anUnpaidPaymentCannotBeVerified() {
    UUID paymentId = Checkout.newPayment(merchant, 120_000);
    Checkout.verify(merchant, paymentId, 120_000)
        .response()
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:tasvie:problem:payment-not-authorized"));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "4000000000000002, declined",
    "4000000000009995, insufficient-funds",
    "4000000000000069, expired-card",
    "4000000000000010, do-not-honour",
    "4000000000000119, issuer-timeout",
  })
  void declineCardsAreDeclinedWithTheirReason(String card, String reason) {
    UUID paymentId = Checkout.newPayment(merchant, 120_000);

    Checkout.pay(paymentId, card).response().then().statusCode(303);

    Checkout.get(merchant, paymentId)
        .response()
        .then()
        .body("status", equalTo("DECLINED"))
        .body("declineReason", equalTo(reason))
        .body("authCode", equalTo(null));
    Checkout.verify(merchant, paymentId, 120_000).response().then().statusCode(409);
  }

  @Test
  void allSixTestCardsApprove() {
    for (String card :
        List.of(
            "4006090000000007",
            "4929131949828217",
            "4002880000000005",
            "5326100000000004",
            "67032000000000001",
            "4877000000000002")) {
      UUID paymentId = Checkout.newPayment(merchant, 120_000);
      Checkout.pay(paymentId, card).response().then().statusCode(303);
      Checkout.get(merchant, paymentId)
          .response()
          .then()
          .body("status", equalTo("AUTHORIZED"))
          .body("authCode", org.hamcrest.Matchers.matchesPattern("[0-9]{6}"))
          .body("rrn", org.hamcrest.Matchers.matchesPattern("[0-9]{12}"));
    }
  }

  @Test
  void aDoubleClickedPayButtonAuthorisesOnce() throws Exception {
    UUID paymentId = Checkout.newPayment(merchant, 120_000);
    Checkout.Form form = Checkout.openPage(paymentId);
    try (TestKafka.Tail payments = TestKafka.tail("payments")) {
      List<ExtractableResponse<Response>> answers =
          Concurrently.run(6, () -> Checkout.submit(paymentId, form, Checkout.APPROVED_CARD));

      answers.forEach(answer -> assertEquals(303, answer.statusCode()));
      payments.await(r -> isEvent(r, paymentId, "PaymentAuthorized"), EVENT_TIMEOUT);
      assertEquals(
          1,
          payments.drain(Duration.ofSeconds(2)).stream()
              .filter(r -> isEvent(r, paymentId, "PaymentAuthorized"))
              .count());
    }
  }

  @Test
  void partialRefundsNeverExceedTheCapturedAmount() throws Exception {
    UUID paymentId = capturedPayment(100_000);

    ExtractableResponse<Response> first = Checkout.refund(merchant, paymentId, 30_000);
    assertEquals(201, first.statusCode(), first.asString());
    assertEquals(30_000, (int) first.path("refundedTotal"));
    assertEquals(70_000, (int) first.path("refundableAmount"));

    Checkout.refund(merchant, paymentId, 70_001)
        .response()
        .then()
        .statusCode(422)
        .body("type", equalTo("urn:tasvie:problem:refund-exceeds-captured"))
        .body("refundable", equalTo(70_000));

    // Ten concurrent refunds of 10,000 against 70,000 left: exactly seven go through.
    List<ExtractableResponse<Response>> answers =
        Concurrently.run(10, () -> Checkout.refund(merchant, paymentId, 10_000));
    assertEquals(7, answers.stream().filter(a -> a.statusCode() == 201).count());
    assertEquals(3, answers.stream().filter(a -> a.statusCode() == 422).count());
    Checkout.get(merchant, paymentId).response().then().body("refundedAmount", equalTo(100_000));
    assertEquals(8, database.count("select count(*) from refund where payment_id = ?", paymentId));
  }

  @Test
  void aRefundIsPublished() throws Exception {
    UUID paymentId = capturedPayment(100_000);
    try (TestKafka.Tail payments = TestKafka.tail("payments")) {
      String refundId = Checkout.refund(merchant, paymentId, 40_000).path("refundId");

      ConsumerRecord<String, String> refunded =
          payments.await(r -> isEvent(r, paymentId, "PaymentRefunded"), EVENT_TIMEOUT);
      JsonNode body = mapper.readTree(refunded.value());
      assertEquals(refundId, body.path("refundId").asText());
      assertEquals(40_000, body.path("refundAmount").asLong());
      assertEquals(40_000, body.path("refundedTotal").asLong());
    }
  }

  @Test
  void anUncapturedPaymentCannotBeRefunded() {
    UUID paymentId = Checkout.newPayment(merchant, 100_000);
    Checkout.pay(paymentId, Checkout.APPROVED_CARD);
    Checkout.refund(merchant, paymentId, 1_000)
        .response()
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:tasvie:problem:payment-not-refundable"));
    assertEquals(0, database.count("select count(*) from refund where payment_id = ?", paymentId));
  }

  @Test
  void badRefundAmountsAreRefused() {
    UUID paymentId = capturedPayment(100_000);
    for (String body : List.of("{\"amount\":0}", "{\"amount\":-1}", "{\"amount\":1.5}", "{}")) {
      io.restassured.RestAssured.given()
          .auth()
          .oauth2(merchant.token())
          .contentType("application/json")
          .body(body)
          .post("/v1/payments/" + paymentId + "/refunds")
          .then()
          .statusCode(400);
    }
    assertEquals(0, database.count("select count(*) from refund where payment_id = ?", paymentId));
  }

  @Test
  void theMerchantReversesBeforeVerifying() throws Exception {
    UUID paymentId = Checkout.newPayment(merchant, 100_000);
    Checkout.pay(paymentId, Checkout.APPROVED_CARD);
    try (TestKafka.Tail payments = TestKafka.tail("payments")) {
      Checkout.reverse(merchant, paymentId)
          .response()
          .then()
          .statusCode(200)
          .body("status", equalTo("REVERSED"))
          .body("reversalReason", equalTo("MERCHANT"));
      Checkout.reverse(merchant, paymentId).response().then().statusCode(200);

      ConsumerRecord<String, String> reversed =
          payments.await(r -> isEvent(r, paymentId, "PaymentReversed"), EVENT_TIMEOUT);
      assertEquals("MERCHANT", mapper.readTree(reversed.value()).path("reason").asText());
    }
    Checkout.verify(merchant, paymentId, 100_000).response().then().statusCode(409);
  }

  @Test
  void aCapturedPaymentCannotBeReversed() {
    UUID paymentId = capturedPayment(100_000);
    Checkout.reverse(merchant, paymentId)
        .response()
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:tasvie:problem:payment-not-reversible"));
    Checkout.get(merchant, paymentId).response().then().body("status", equalTo("CAPTURED"));
  }

  private UUID capturedPayment(long amount) {
    UUID paymentId = Checkout.newPayment(merchant, amount);
    Checkout.pay(paymentId, Checkout.APPROVED_CARD).response().then().statusCode(303);
    Checkout.verify(merchant, paymentId, amount).response().then().statusCode(200);
    return paymentId;
  }

  private static boolean isEvent(
      ConsumerRecord<String, String> record, UUID paymentId, String type) {
    return paymentId.toString().equals(record.key())
        && type.equals(TestKafka.header(record, "ce_type"));
  }
}
