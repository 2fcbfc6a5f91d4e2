package io.tasvie.gateway.payment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.gateway.Concurrently;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class PaymentResourceTest {

  @Inject Database database;

  Onboarded merchant;

  @BeforeEach
  void onboard() {
    merchant = Merchants.onboard();
  }

  @Test
  void createsAPaymentWithItsPageAndExpiry() {
    ExtractableResponse<Response> created =
        Checkout.create(merchant, Checkout.body("ORD-1", 120_000, "IRR"));

    assertEquals(201, created.statusCode(), created.asString());
    String paymentId = created.path("paymentId");
    assertTrue(created.header("Location").endsWith("/v1/payments/" + paymentId));
    assertEquals("CREATED", created.path("status"));
    assertEquals(120_000, (int) created.path("amount"));
    assertTrue(((String) created.path("paymentPageUrl")).endsWith("/pay/" + paymentId));
    assertTrue(created.path("expiresAt") != null);
    Checkout.get(merchant, UUID.fromString(paymentId))
        .response()
        .then()
        .statusCode(200)
        .body("merchantReference", equalTo("ORD-1"))
        .body("currency", equalTo("IRR"));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"admin", "finance", "wallet"})
  void anotherRolesTokenIsNotAMerchantToken(String role) {
    given()
        .auth()
        .oauth2(TestTokens.token(role))
        .contentType(ContentType.JSON)
        .body(Checkout.body("NOT-MINE", 50_000, "IRR"))
        .post("/v1/payments")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tasvie:problem:not-a-merchant-token"));
    given()
        .auth()
        .oauth2(TestTokens.token(role))
        .get("/v1/payments")
        .then()
        .statusCode(403)
        .body("type", equalTo("urn:tasvie:problem:not-a-merchant-token"));
  }

  @Test
  void euroAmountsAreCents() {
    ExtractableResponse<Response> created =
        Checkout.create(merchant, Checkout.body("EUR-1", 1250, "EUR"));
    assertEquals(201, created.statusCode(), created.asString());
    assertEquals("EUR", created.path("currency"));
  }

  @Test
  void theSameIdempotencyKeyAndBodyGiveTheFirstResponseAgain() {
    String body = Checkout.body("IDEM-1", 50_000, "IRR");
    ExtractableResponse<Response> first = createWithKey("key-1", body);
    ExtractableResponse<Response> again = createWithKey("key-1", body);

    assertEquals(201, first.statusCode(), first.asString());
    assertEquals(201, again.statusCode(), again.asString());
    assertEquals(first.asString(), again.asString());
    assertEquals("true", again.header("Idempotent-Replayed"));
    assertEquals(1, paymentsOfMerchant());
  }

  @Test
  void theSameIdempotencyKeyWithAnotherBodyIsRefused() {
    createWithKey("key-2", Checkout.body("IDEM-2", 50_000, "IRR"))
        .response()
        .then()
        .statusCode(201);

    createWithKey("key-2", Checkout.body("IDEM-2", 60_000, "IRR"))
        .response()
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tasvie:problem:idempotency-key-reused"));
    assertEquals(1, paymentsOfMerchant());
  }

  @Test
  void concurrentRetriesWithOneKeyCreateOnePayment() throws Exception {
    String body = Checkout.body("IDEM-3", 50_000, "IRR");
    List<ExtractableResponse<Response>> answers =
        Concurrently.run(8, () -> createWithKey("key-3", body));

    answers.forEach(answer -> assertEquals(201, answer.statusCode(), answer.asString()));
    assertEquals(1, answers.stream().map(a -> (String) a.path("paymentId")).distinct().count());
    assertEquals(1, paymentsOfMerchant());
  }

  @Test
  void aReusedMerchantReferenceIsAConflictNamingTheExistingPayment() {
    String first =
        Checkout.create(merchant, Checkout.body("DUP-1", 50_000, "IRR")).path("paymentId");

    Checkout.create(merchant, Checkout.body("DUP-1", 70_000, "IRR"))
        .response()
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:tasvie:problem:duplicate-merchant-reference"))
        .body("paymentId", equalTo(first));
    assertEquals(1, paymentsOfMerchant());
  }

  @Test
  void concurrentRequestsWithOneReferenceCreateOnePayment() throws Exception {
    String body = Checkout.body("RACE-1", 50_000, "IRR");
    List<ExtractableResponse<Response>> answers =
        Concurrently.run(6, () -> Checkout.create(merchant, body));

    assertEquals(1, answers.stream().filter(a -> a.statusCode() == 201).count());
    assertEquals(5, answers.stream().filter(a -> a.statusCode() == 409).count());
    assertEquals(1, paymentsOfMerchant());
  }

  @Test
  void anotherMerchantMayUseTheSameReference() {
    Onboarded other = Merchants.onboard("Other Shop", List.of("other.example.com"));
    Checkout.create(merchant, Checkout.body("SHARED-1", 50_000, "IRR"))
        .response()
        .then()
        .statusCode(201);
    ExtractableResponse<Response> created =
        Checkout.create(
            other,
            Checkout.body("SHARED-1", 50_000, "IRR")
                .replace("shop.example.ir", "other.example.com"));
    assertEquals(201, created.statusCode(), created.asString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "zero amount | {\"merchantReference\":\"R\",\"amount\":0,\"currency\":\"IRR\",\"redirectUrl\":\"https://shop.example.ir/b\"} | invalid-request",
        "negative amount | {\"merchantReference\":\"R\",\"amount\":-5,\"currency\":\"IRR\",\"redirectUrl\":\"https://shop.example.ir/b\"} | invalid-request",
        "fractional amount | {\"merchantReference\":\"R\",\"amount\":12000.5,\"currency\":\"IRR\",\"redirectUrl\":\"https://shop.example.ir/b\"} | malformed-request",
        "amount as a string | {\"merchantReference\":\"R\",\"amount\":\"120000\",\"currency\":\"IRR\",\"redirectUrl\":\"https://shop.example.ir/b\"} | malformed-request",
        "amount above the maximum | {\"merchantReference\":\"R\",\"amount\":5000000001,\"currency\":\"IRR\",\"redirectUrl\":\"https://shop.example.ir/b\"} | amount-above-maximum",
        "amount not above 10,000 rials | {\"merchantReference\":\"R\",\"amount\":10000,\"currency\":\"IRR\",\"redirectUrl\":\"https://shop.example.ir/b\"} | amount-below-minimum",
        "amount beyond a long | {\"merchantReference\":\"R\",\"amount\":99999999999999999999,\"currency\":\"IRR\",\"redirectUrl\":\"https://shop.example.ir/b\"} | malformed-request",
        "missing amount | {\"merchantReference\":\"R\",\"currency\":\"IRR\",\"redirectUrl\":\"https://shop.example.ir/b\"} | invalid-request",
        "missing currency | {\"merchantReference\":\"R\",\"amount\":50000,\"redirectUrl\":\"https://shop.example.ir/b\"} | invalid-request",
        "unknown currency | {\"merchantReference\":\"R\",\"amount\":50000,\"currency\":\"XYZ\",\"redirectUrl\":\"https://shop.example.ir/b\"} | unknown-currency",
        "lower-case currency | {\"merchantReference\":\"R\",\"amount\":50000,\"currency\":\"irr\",\"redirectUrl\":\"https://shop.example.ir/b\"} | unknown-currency",
        "currency not accepted | {\"merchantReference\":\"R\",\"amount\":50000,\"currency\":\"USD\",\"redirectUrl\":\"https://shop.example.ir/b\"} | unsupported-currency",
        "javascript redirect | {\"merchantReference\":\"R\",\"amount\":50000,\"currency\":\"IRR\",\"redirectUrl\":\"javascript:alert(1)\"} | invalid-redirect-url",
        "foreign redirect domain | {\"merchantReference\":\"R\",\"amount\":50000,\"currency\":\"IRR\",\"redirectUrl\":\"https://evil.example.com/b\"} | redirect-url-domain-not-registered",
        "look-alike domain | {\"merchantReference\":\"R\",\"amount\":50000,\"currency\":\"IRR\",\"redirectUrl\":\"https://evilshop.example.ir/b\"} | redirect-url-domain-not-registered",
        "user-info trick | {\"merchantReference\":\"R\",\"amount\":50000,\"currency\":\"IRR\",\"redirectUrl\":\"https://shop.example.ir@evil.com/b\"} | invalid-redirect-url",
        "reference with markup | {\"merchantReference\":\"<script>\",\"amount\":50000,\"currency\":\"IRR\",\"redirectUrl\":\"https://shop.example.ir/b\"} | invalid-request",
        "not JSON | {merchantReference: | malformed-request",
      })
  void badRequestsAreProblemsAndChangeNothing(String name, String body, String type) {
    Checkout.create(merchant, body)
        .response()
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tasvie:problem:" + type));
    assertEquals(0, paymentsOfMerchant());
  }

  @Test
  void aRedirectUrlOver2000CharactersIsRefused() {
    String url = "https://shop.example.ir/" + "a".repeat(2000);
    Checkout.create(
            merchant,
            "{\"merchantReference\":\"R\",\"amount\":50000,\"currency\":\"IRR\",\"redirectUrl\":\""
                + url
                + "\"}")
        .response()
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tasvie:problem:invalid-redirect-url"));
    assertEquals(0, paymentsOfMerchant());
  }

  @Test
  void aSubdomainOfACallbackDomainIsAccepted() {
    ExtractableResponse<Response> created =
        Checkout.create(
            merchant,
            "{\"merchantReference\":\"SUB-1\",\"amount\":50000,\"currency\":\"IRR\","
                + "\"redirectUrl\":\"https://www.shop.example.ir/back?x=1\"}");
    assertEquals(201, created.statusCode(), created.asString());
  }

  @Test
  void aMerchantCannotSeeOrTouchAnotherMerchantsPayment() {
    UUID paymentId = Checkout.newPayment(merchant, 50_000);
    Onboarded other = Merchants.onboard("Other Shop", List.of("other.example.com"));

    Checkout.get(other, paymentId)
        .response()
        .then()
        .statusCode(404)
        .body("type", equalTo("urn:tasvie:problem:payment-not-found"));
    Checkout.verify(other, paymentId, 50_000).response().then().statusCode(404);
    Checkout.reverse(other, paymentId).response().then().statusCode(404);
    Checkout.refund(other, paymentId, 1).response().then().statusCode(404);
    given()
        .auth()
        .oauth2(other.token())
        .get("/v1/payments")
        .then()
        .statusCode(200)
        .body("items", hasSize(0));
  }

  @Test
  void onlyMerchantTokensReachThePaymentsApi() {
    given().get("/v1/payments").then().statusCode(401);
    given().auth().oauth2(TestTokens.token("admin")).get("/v1/payments").then().statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.token("merchant"))
        .get("/v1/payments")
        .then()
        .statusCode(403)
        .body("type", equalTo("urn:tasvie:problem:not-a-merchant-token"));
  }

  @Test
  void listsPaymentsByStatusAndReferenceAPageAtATime() {
    UUID paid = Checkout.newPayment(merchant, 50_000);
    Checkout.pay(paid, Checkout.APPROVED_CARD).response().then().statusCode(303);
    for (int i = 0; i < 3; i++) {
      Checkout.newPayment(merchant, 60_000 + i);
    }

    given()
        .auth()
        .oauth2(merchant.token())
        .queryParam("status", "AUTHORIZED")
        .get("/v1/payments")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].paymentId", equalTo(paid.toString()))
        .body("items[0].card.maskedNumber", equalTo("400609******0007"));
    given()
        .auth()
        .oauth2(merchant.token())
        .queryParam("size", 2)
        .get("/v1/payments")
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("hasMore", equalTo(true));
    given()
        .auth()
        .oauth2(merchant.token())
        .queryParam("size", 2)
        .queryParam("page", 1)
        .get("/v1/payments")
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("hasMore", equalTo(false));
    String reference = Checkout.get(merchant, paid).path("merchantReference");
    given()
        .auth()
        .oauth2(merchant.token())
        .queryParam("merchantReference", reference)
        .get("/v1/payments")
        .then()
        .statusCode(200)
        .body("items", hasSize(1));
    given()
        .auth()
        .oauth2(merchant.token())
        .queryParam("size", 1000)
        .get("/v1/payments")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(merchant.token())
        .queryParam("status", "PAID")
        .get("/v1/payments")
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tasvie:problem:unknown-status"));
  }

  private ExtractableResponse<Response> createWithKey(String key, String body) {
    return given()
        .auth()
        .oauth2(merchant.token())
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/payments")
        .then()
        .extract();
  }

  private long paymentsOfMerchant() {
    return database.count("select count(*) from payment where merchant_id = ?", merchant.id());
  }
}
