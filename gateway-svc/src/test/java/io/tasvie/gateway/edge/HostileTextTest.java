package io.tasvie.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.Problems;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text the database cannot hold or that forges log lines (NUL, other C0 controls, lone surrogates)
 * and parameters that do not parse are refused with 400 {@code invalid-request} naming the field,
 * and change nothing.
 */
@QuarkusTest
class HostileTextTest {

  @Inject Database database;

  Onboarded merchant;

  @BeforeEach
  void onboard() {
    merchant = Merchants.onboard();
  }

  @ParameterizedTest
  @CsvSource({
    "payerName, \\u0000",
    "payerName, a\\u0000b",
    "description, \\u0007bell",
    "description, \\ud800x",
    "merchantReference, \\udc00",
    "payerName, \\u007f"
  })
  void aPaymentWithDirtyTextIsRefusedAndNotCreated(String field, String jsonEscaped) {
    String body =
        Checkout.body("ORD-" + UUID.randomUUID(), 50_000, "IRR")
            .replace("\"" + field + "\":\"", "\"" + field + "\":\"" + jsonEscaped);
    long before = payments();

    Problems.invalidField(Checkout.create(merchant, body).response().then(), field);

    assertEquals(before, payments());
  }

  @Test
  void tabsAndNewlinesInADescriptionAreKept() {
    String body =
        Checkout.body("ORD-" + UUID.randomUUID(), 50_000, "IRR")
            .replace("\"Two books\"", "\"Two books\\n\\tand a pen\"");
    Checkout.create(merchant, body)
        .response()
        .then()
        .statusCode(201)
        .body("description", equalTo("Two books\n\tand a pen"));
  }

  @Test
  void aMerchantNameWithNulIsRefused() {
    long before = database.count("SELECT count(*) FROM merchant");
    Problems.invalidField(
        given()
            .auth()
            .oauth2(TestTokens.token("admin"))
            .contentType(ContentType.JSON)
            .body(Merchants.VALID.replace("Ketab Shop", "Ketab\\u0000Shop"))
            .post("/v1/merchants")
            .then(),
        "name");
    assertEquals(before, database.count("SELECT count(*) FROM merchant"));
  }

  @Test
  void aRefundReasonWithNulIsRefused() {
    UUID payment = Checkout.newPayment(merchant, 50_000);
    Problems.invalidField(
        given()
            .auth()
            .oauth2(merchant.token())
            .contentType(ContentType.JSON)
            .body("{\"amount\":1000,\"reason\":\"a\\u0000b\"}")
            .post("/v1/payments/" + payment + "/refunds")
            .then(),
        "reason");
  }

  @Test
  void aQueryParameterWithNulIsRefused() {
    Problems.invalidField(
        given()
            .auth()
            .oauth2(merchant.token())
            .urlEncodingEnabled(false)
            .get("/v1/payments?merchantReference=a%00b")
            .then(),
        "query parameter merchantReference");
  }

  @ParameterizedTest
  @ValueSource(strings = {"from=yesterday", "to=2026-13-45", "page=abc", "size=ten"})
  void aMalformedQueryParameterIs400NamingIt(String query) {
    Problems.invalidField(
        given().auth().oauth2(merchant.token()).get("/v1/payments?" + query).then(),
        "query parameter " + query.substring(0, query.indexOf('=')));
  }

  @Test
  void aMalformedPathParameterIs400NamingIt() {
    Problems.invalidField(
        given().auth().oauth2(merchant.token()).get("/v1/payments/not-a-uuid").then(),
        "path parameter paymentId");
    Problems.invalidField(
        given()
            .auth()
            .oauth2(merchant.token())
            .get("/v1/merchants/" + merchant.id() + "/notifications?page=abc")
            .then(),
        "query parameter page");
  }

  @Test
  void anUnknownPathIsStillNotFound() {
    given()
        .auth()
        .oauth2(merchant.token())
        .get("/v1/payments/" + UUID.randomUUID())
        .then()
        .statusCode(404);
  }

  private long payments() {
    return database.count("SELECT count(*) FROM payment WHERE merchant_id = ?", merchant.id());
  }
}
