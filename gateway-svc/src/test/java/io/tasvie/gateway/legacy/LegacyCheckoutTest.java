package io.tasvie.gateway.legacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tasvie.common.testing.Database;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The legacy form POST to /Payment.aspx, as a merchant site written for the old gateway sends it.
 */
@QuarkusTest
class LegacyCheckoutTest {

  @Inject Database database;

  Onboarded merchant;

  @BeforeEach
  void onboard() {
    merchant = Merchants.onboard();
  }

  @Test
  void theFormCreatesThePaymentAndSendsThePayerToThePage() {
    ExtractableResponse<Response> answer = post(form("1001", "120000"));

    assertEquals(303, answer.statusCode(), answer.asString());
    String location = answer.header("Location");
    org.hamcrest.MatcherAssert.assertThat(location, matchesPattern(".*/pay/[0-9a-f-]{36}"));
    given()
        .get(location + "?lang=en")
        .then()
        .statusCode(200)
        .body(containsString("Ketab Shop"))
        .body(containsString("120,000 IRR"))
        .body(containsString("Sara"));
    assertEquals(
        1,
        database.count(
            "select count(*) from payment where merchant_id = ? and merchant_reference = '1001'"
                + " and origin = 'LEGACY_FORM' and currency = 'IRR'",
            merchant.id()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown ID | ID | 99999999 | No gateway account",
        "missing ID | ID | '' | No gateway account",
        "Amnt of 10,000 rials | Amnt | 10000 | at least 10001",
        "Amnt zero | Amnt | 0 | at least 10001",
        "Amnt negative | Amnt | -120000 | at least 10001",
        "Amnt not a number | Amnt | 12O000 | whole number of rials",
        "Amnt with decimals | Amnt | 120000.50 | whole number of rials",
        "javascript RedirectURL | RedirectURL | javascript:alert(document.cookie) | http or https",
        "foreign RedirectURL | RedirectURL | https://evil.example.com/back | is not one of the merchant",
        "missing RedirectURL | RedirectURL | '' | redirect URL is required",
        "Res with markup | Res | <script>alert(1)</script> | Res must be",
      })
  void logicalErrorsAreShownOnAReadablePageAndChangeNothing(
      String name, String field, String value, String message) {
    Map<String, String> fields = form("2001", "120000");
    fields.put(field, value);

    post(fields)
        .response()
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
        .body(containsString(message))
        .body(org.hamcrest.Matchers.not(containsString("<script>alert(1)")));
    assertEquals(
        0, database.count("select count(*) from payment where merchant_id = ?", merchant.id()));
  }

  @Test
  void aRedirectUrlOver2000CharactersIsRefused() {
    Map<String, String> fields = form("3001", "120000");
    fields.put("RedirectURL", "https://shop.example.ir/" + "x".repeat(2000));
    post(fields).response().then().statusCode(400).body(containsString("longer than 2000"));
  }

  @Test
  void aReusedResIsRefused() {
    post(form("4001", "120000")).response().then().statusCode(303);
    post(form("4001", "130000"))
        .response()
        .then()
        .statusCode(400)
        .body(containsString("merchantReference 4001 exists already"));
    assertEquals(
        1, database.count("select count(*) from payment where merchant_id = ?", merchant.id()));
  }

  @Test
  void theErrorPageSpeaksPersianToPersianBrowsers() {
    Map<String, String> fields = form("5001", "100");
    given()
        .header("Accept-Language", "fa-IR")
        .contentType(ContentType.URLENC)
        .formParams(fields)
        .redirects()
        .follow(false)
        .post("/Payment.aspx")
        .then()
        .statusCode(400)
        .body(containsString("dir=\"rtl\""))
        .body(containsString("پرداخت ممکن نیست"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unsigned | signature-required | 401 | accepts only signed requests | امضای فروشگاه",
        "below the minimum | amount-below-minimum | 400 | at least 10001 | خارج از محدوده",
        "in maintenance | checkout-in-maintenance | 503 | paused card payments | برای نگهداری",
      })
  void aRefusalPageSpeaksOneLanguageAndNamesTheProblemCode(
      String name, String code, int status, String english, String persian) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("requireSignedRequests", code.equals("signature-required"));
    settings.put("maintenance", code.equals("checkout-in-maintenance"));
    Merchants.configure(merchant, settings);
    Map<String, String> fields = form("G-" + code, code.startsWith("amount") ? "100" : "120000");

    String en = page("en", fields, status);
    assertTrue(en.contains("lang=\"en\""), en);
    assertTrue(en.contains("Payment not possible"), en);
    assertTrue(en.contains(english), en);
    assertTrue(en.contains(">" + code + "<"), en);
    assertFalse(en.matches("(?s).*[\\u0600-\\u06FF].*"), "no Persian on the English page: " + en);

    String fa = page("fa-IR", fields, status);
    assertTrue(fa.contains("lang=\"fa\""), fa);
    assertTrue(fa.contains("پرداخت ممکن نیست"), fa);
    assertTrue(fa.contains(persian), fa);
    assertTrue(fa.contains(">" + code + "<"), fa);
    assertFalse(fa.contains(english), "no English sentence on the Persian page: " + fa);
    assertEquals(
        0, database.count("select count(*) from payment where merchant_id = ?", merchant.id()));
  }

  private static String page(String language, Map<String, String> fields, int status) {
    return given()
        .header("Accept-Language", language)
        .contentType(ContentType.URLENC)
        .formParams(fields)
        .redirects()
        .follow(false)
        .post("/Payment.aspx")
        .then()
        .statusCode(status)
        .contentType(containsString("text/html"))
        .extract()
        .asString();
  }

  @Test
  void aFormOver64KibIsRefused() {
    Map<String, String> fields = form("6001", "120000");
    fields.put("Dsc", "d".repeat(70_000));
    post(fields).response().then().statusCode(413);
    assertEquals(
        0, database.count("select count(*) from payment where merchant_id = ?", merchant.id()));
  }

  private Map<String, String> form(String res, String amnt) {
    Map<String, String> fields = new HashMap<>();
    fields.put("ID", merchant.number());
    fields.put("Res", res);
    fields.put("Amnt", amnt);
    fields.put("Nam", "Sara");
    fields.put("Dsc", "Two books");
    fields.put("RedirectURL", "https://shop.example.ir/back");
    return fields;
  }

  private static ExtractableResponse<Response> post(Map<String, String> fields) {
    return given()
        .header("Accept-Language", "en")
        .contentType(ContentType.URLENC)
        .formParams(fields)
        .redirects()
        .follow(false)
        .post("/Payment.aspx")
        .then()
        .extract();
  }
}
