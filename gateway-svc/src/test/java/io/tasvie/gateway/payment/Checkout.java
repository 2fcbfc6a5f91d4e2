package io.tasvie.gateway.payment;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tasvie.gateway.Merchants.Onboarded;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a checkout over HTTP: the merchant's API calls and the payer's page, as a browser would.
 */
public final class Checkout {

  public static final String APPROVED_CARD = "4006090000000007";
  public static final String RETURN_URL = "https://shop.example.ir/back";

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private Checkout() {}

  public static String body(String reference, long amount, String currency) {
    return "{\"merchantReference\":\""
        + reference
        + "\",\"amount\":"
        + amount
        + ",\"currency\":\""
        + currency
        + "\",\"payerName\":\"Sara\",\"description\":\"Two books\",\"redirectUrl\":\""
        + RETURN_URL
        + "\"}";
  }

  public static ExtractableResponse<Response> create(Onboarded merchant, String body) {
    return given()
        .auth()
        .oauth2(merchant.token())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/payments")
        .then()
        .extract();
  }

  /** A new IRR payment of {@code amount}; fails the test unless it was created. */
  public static UUID newPayment(Onboarded merchant, long amount) {
    ExtractableResponse<Response> created =
        create(merchant, body("ORD-" + UUID.randomUUID(), amount, "IRR"));
    if (created.statusCode() != 201) {
      throw new AssertionError("payment not created: " + created.asString());
    }
    return UUID.fromString(created.path("paymentId"));
  }

  /** A new IRR payment of 120,000 rials for the merchant's customer {@code customerId}. */
  public static UUID newPayment(Onboarded merchant, String customerId) {
    String body =
        body("ORD-" + UUID.randomUUID(), 120_000, "IRR")
            .replace("}", ",\"customerId\":\"" + customerId + "\"}");
    ExtractableResponse<Response> created = create(merchant, body);
    if (created.statusCode() != 201) {
      throw new AssertionError("payment not created: " + created.asString());
    }
    return UUID.fromString(created.path("paymentId"));
  }

  /** The page's form token and the cookie it belongs to. */
  public record Form(String cookie, String csrf) {}

  /** The id of the merchant's payment with this merchant reference. */
  public static UUID paymentId(Onboarded merchant, String merchantReference) {
    return UUID.fromString(
        given()
            .auth()
            .oauth2(merchant.token())
            .queryParam("merchantReference", merchantReference)
            .get("/v1/payments")
            .then()
            .statusCode(200)
            .extract()
            .path("items[0].paymentId"));
  }

  public static Form openPage(UUID paymentId) {
    ExtractableResponse<Response> page =
        given().get("/pay/" + paymentId + "?lang=en").then().statusCode(200).extract();
    Matcher csrf = CSRF.matcher(page.asString());
    if (!csrf.find()) {
      throw new AssertionError("no card form on the page: " + page.asString());
    }
    return new Form(page.cookie("tasvie_form"), csrf.group(1));
  }

  public static ExtractableResponse<Response> submit(UUID paymentId, Form form, String card) {
    return submit(
        paymentId,
        form,
        Map.of("cardNumber", card, "expiry", "12/30", "cvc", "123", "cardholder", "Sara Ahmadi"));
  }

  public static ExtractableResponse<Response> submit(
      UUID paymentId, Form form, Map<String, String> fields) {
    return given()
        .redirects()
        .follow(false)
        .cookie("tasvie_form", form.cookie())
        .formParam("csrf", form.csrf())
        .formParam("lang", "en")
        .formParams(fields)
        .post("/pay/" + paymentId)
        .then()
        .extract();
  }

  /** Opens the page and pays with {@code card}; answers the pay POST (303 when it went through). */
  public static ExtractableResponse<Response> pay(UUID paymentId, String card) {
    return submit(paymentId, openPage(paymentId), card);
  }

  public static ExtractableResponse<Response> get(Onboarded merchant, UUID paymentId) {
    return given()
        .auth()
        .oauth2(merchant.token())
        .get("/v1/payments/" + paymentId)
        .then()
        .extract();
  }

  public static ExtractableResponse<Response> verify(
      Onboarded merchant, UUID paymentId, long amount) {
    return given()
        .auth()
        .oauth2(merchant.token())
        .contentType(ContentType.JSON)
        .body("{\"amount\":" + amount + "}")
        .post("/v1/payments/" + paymentId + "/verify")
        .then()
        .extract();
  }

  public static ExtractableResponse<Response> refund(
      Onboarded merchant, UUID paymentId, long amount) {
    return given()
        .auth()
        .oauth2(merchant.token())
        .contentType(ContentType.JSON)
        .body("{\"amount\":" + amount + ",\"reason\":\"returned goods\"}")
        .post("/v1/payments/" + paymentId + "/refunds")
        .then()
        .extract();
  }

  public static ExtractableResponse<Response> reverse(Onboarded merchant, UUID paymentId) {
    return given()
        .auth()
        .oauth2(merchant.token())
        .post("/v1/payments/" + paymentId + "/reverse")
        .then()
        .extract();
  }
}
