package io.tasvie.gateway.settings;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each payment-method setting, its bad values, its audit trail, and what it does to checkout. */
@QuarkusTest
class SettingsTest {

  private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);
  private static final String REAL_LOOKING_CARD = "4111111111111111";

  @Inject Database database;
  @Inject ObjectMapper mapper;

  Onboarded merchant;

  @BeforeEach
  void onboard() {
    merchant = Merchants.onboard();
  }

  @Test
  void aNewMerchantStartsInTheSandboxWithNothingSet() {
    get(merchant.token(), merchant.id())
        .then()
        .statusCode(200)
        .body("environment", equalTo("SANDBOX"))
        .body("maintenance", equalTo(false))
        .body("saveCards", equalTo(false))
        .body("requireSignedRequests", equalTo(false))
        .body("minAmount", equalTo(null))
        .body("discount", equalTo(null))
        .body("callbackDomains", equalTo(List.of("shop.example.ir", "localhost")))
        .body("sandboxChecks.verifiedPayment", equalTo(false))
        .body("sandboxChecks.refund", equalTo(false));
  }

  @Test
  void aChangeIsSavedAuditedAndPublishedOnce() throws Exception {
    Map<String, Object> settings = settings();
    settings.put("storeId", "store-7");
    settings.put("walletNumber", "40117123456");
    settings.put("minAmount", 20_000);
    settings.put("maxAmount", 2_000_000);
    settings.put("discount", Map.of("type", "PERCENT", "percent", 2.5, "cap", 4_000));
    settings.put("notifyUrl", "http://localhost:8999/notify");
    settings.put("callbackDomains", List.of("Shop.Example.IR", "pay.example.ir"));
    try (TestKafka.Tail merchants = TestKafka.tail("merchants")) {
      put(merchant.token(), merchant.id(), settings)
          .then()
          .statusCode(200)
          .body("storeId", equalTo("store-7"))
          .body("discount.type", equalTo("PERCENT"))
          .body("discount.percent", equalTo(2.5f))
          .body("discount.cap", equalTo(4000))
          // As README's example shows it: no "amount" for a percentage.
          .body("discount", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("amount")))
          .body("callbackDomains", equalTo(List.of("shop.example.ir", "pay.example.ir")));

      ConsumerRecord<String, String> event =
          merchants.await(
              r ->
                  merchant.id().toString().equals(r.key())
                      && "MerchantSettingsChanged".equals(TestKafka.header(r, "ce_type")),
              EVENT_TIMEOUT);
      JsonNode body = mapper.readTree(event.value());
      assertEquals(merchant.number(), body.path("changedBy").asText());
      assertEquals("merchant", body.path("role").asText());
      Map<String, JsonNode> changes = new HashMap<>();
      body.path("changes").forEach(c -> changes.put(c.path("field").asText(), c));
      assertEquals(
          java.util.Set.of(
              "storeId",
              "walletNumber",
              "minAmount",
              "maxAmount",
              "discount",
              "notifyUrl",
              "callbackDomains"),
          changes.keySet());
      assertEquals("2.5% capped at 4000", changes.get("discount").path("to").asText());
      assertTrue(changes.get("discount").path("from").isNull());
      assertEquals(
          "shop.example.ir,localhost", changes.get("callbackDomains").path("from").asText());

      // The same settings again change nothing: no audit entry, no event.
      put(merchant.token(), merchant.id(), settings).then().statusCode(200);
      assertEquals(
          1,
          merchants.drain(Duration.ofSeconds(1)).stream()
              .filter(r -> merchant.id().toString().equals(r.key()))
              .filter(r -> "MerchantSettingsChanged".equals(TestKafka.header(r, "ce_type")))
              .count());
    }
    given()
        .auth()
        .oauth2(merchant.token())
        .get("/v1/merchants/" + merchant.id() + "/settings/changes")
        .then()
        .statusCode(200)
        .body("size()", equalTo(1))
        .body("[0].changedBy", equalTo(merchant.number()))
        .body("[0].role", equalTo("merchant"))
        .body("[0].changes.find { it.field == 'minAmount' }.to", equalTo("20000"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "min-above-max | {\"minAmount\":50000,\"maxAmount\":40000}",
        "amount-limit-out-of-range | {\"minAmount\":5000}",
        "amount-limit-out-of-range | {\"maxAmount\":9000000000}",
        "discount-above-100-percent | {\"discount\":{\"type\":\"PERCENT\",\"percent\":100.5}}",
        "discount-above-100-percent | {\"discount\":{\"type\":\"PERCENT\",\"percent\":100}}",
        "invalid-discount | {\"discount\":{\"type\":\"PERCENT\",\"percent\":2.125}}",
        "invalid-discount | {\"discount\":{\"type\":\"FIXED\",\"percent\":5}}",
        "discount-above-amount | {\"minAmount\":20000,\"discount\":{\"type\":\"FIXED\",\"amount\":20000}}",
        "invalid-request | {\"discount\":{\"type\":\"FIXED\",\"amount\":-5}}",
        "invalid-request | {\"minAmount\":0}",
        "invalid-request | {\"callbackDomains\":[\"shop.example.ir/evil\"]}",
        "invalid-request | {\"callbackDomains\":[]}",
        "invalid-request | {\"storeId\":\"store 7; drop\"}",
        "invalid-notify-url | {\"notifyUrl\":\"ftp://shop.example.ir/notify\"}",
        "invalid-notify-url | {\"notifyUrl\":\"https://user:pw@shop.example.ir/notify\"}",
        "invalid-notify-url | {\"notifyUrl\":\"notify\"}",
        "malformed-request | {\"environment\":\"LIVE\"}",
      })
  void badSettingsAreRefusedAndChangeNothing(String type, String change) throws Exception {
    Map<String, Object> settings = settings();
    settings.putAll(mapper.readValue(change, Map.class));
    String before = get(merchant.token(), merchant.id()).asString();

    put(merchant.token(), merchant.id(), settings)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tasvie:problem:" + type));

    assertEquals(before, get(merchant.token(), merchant.id()).asString());
    assertEquals(0, changes(merchant.id()));
  }

  @Test
  void aMerchantCannotReadOrChangeAnotherMerchantsSettings() {
    Onboarded other = Merchants.onboard("Other Shop", List.of("other.example.ir"));
    Map<String, Object> settings = settings();
    settings.put("maintenance", true);

    put(other.token(), merchant.id(), settings).then().statusCode(404);
    get(other.token(), merchant.id()).then().statusCode(404);

    get(merchant.token(), merchant.id()).then().body("maintenance", equalTo(false));
    assertEquals(0, changes(merchant.id()));
  }

  @Test
  void productionNeedsAnAdminAndACompleteSandboxRun() {
    Map<String, Object> production = settings();
    production.put("environment", "PRODUCTION");

    put(merchant.token(), merchant.id(), production)
        .then()
        .statusCode(403)
        .body("type", equalTo("urn:tasvie:problem:environment-needs-admin"));
    put(admin(), merchant.id(), production)
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:tasvie:problem:sandbox-checks-incomplete"))
        .body("missing", equalTo(List.of("verified-payment", "refund")));

    // A sandbox payment paid and verified, but not yet refunded, is not enough.
    UUID paymentId = Checkout.newPayment(merchant, 120_000);
    Checkout.pay(paymentId, Checkout.APPROVED_CARD).response().then().statusCode(303);
    Checkout.verify(merchant, paymentId, 120_000).response().then().statusCode(200);
    put(admin(), merchant.id(), production)
        .then()
        .statusCode(409)
        .body("missing", equalTo(List.of("refund")));
    assertEquals(0, changes(merchant.id()));

    Checkout.refund(merchant, paymentId, 20_000).response().then().statusCode(201);
    put(admin(), merchant.id(), production)
        .then()
        .statusCode(200)
        .body("environment", equalTo("PRODUCTION"))
        .body("sandboxChecks.verifiedPayment", equalTo(true))
        .body("sandboxChecks.refund", equalTo(true));
    given()
        .auth()
        .oauth2(admin())
        .get("/v1/merchants/" + merchant.id() + "/settings/changes")
        .then()
        .body("[0].role", equalTo("admin"))
        .body("[0].changes[0].field", equalTo("environment"))
        .body("[0].changes[0].from", equalTo("SANDBOX"))
        .body("[0].changes[0].to", equalTo("PRODUCTION"));

    // The merchant's own later PUT without environment keeps it in production.
    Map<String, Object> later = settings();
    later.put("storeId", "store-8");
    put(merchant.token(), merchant.id(), later)
        .then()
        .statusCode(200)
        .body("environment", equalTo("PRODUCTION"));

    // In production a test card is refused before any acquirer; the payment stays payable.
    UUID live = Checkout.newPayment(merchant, 120_000);
    Checkout.get(merchant, live).response().then().body("environment", equalTo("PRODUCTION"));
    Checkout.pay(live, Checkout.APPROVED_CARD)
        .response()
        .then()
        .statusCode(422)
        .body(containsString("Test cards cannot be used for real payments"));
    Checkout.get(merchant, live).response().then().body("status", equalTo("CREATED"));
  }

  @Test
  void theSandboxRefusesRealLookingCards() {
    UUID paymentId = Checkout.newPayment(merchant, 120_000);

    Checkout.pay(paymentId, REAL_LOOKING_CARD)
        .response()
        .then()
        .statusCode(422)
        .body(containsString("only test cards are accepted"));

    Checkout.get(merchant, paymentId)
        .response()
        .then()
        .body("status", equalTo("CREATED"))
        .body("environment", equalTo("SANDBOX"))
        .body("card", equalTo(null));
    Checkout.pay(paymentId, Checkout.APPROVED_CARD).response().then().statusCode(303);
  }

  @ParameterizedTest
  @CsvSource({
    "http://shop.example.ir/notify, notify-url-not-https",
    "https://127.0.0.1/notify, notify-url-not-public",
    "https://10.20.30.40/notify, notify-url-not-public",
    "https://192.168.1.10:8443/notify, notify-url-not-public",
    "https://169.254.169.254/latest/meta-data, notify-url-not-public",
    "https://100.64.0.1/notify, notify-url-not-public",
    "https://[::1]/notify, notify-url-not-public",
    "https://[fd00::1]/notify, notify-url-not-public",
    "https://localhost/notify, notify-url-not-public",
    "https://shop.internal/notify, notify-url-not-public",
    "https://0.0.0.0/notify, notify-url-not-public",
  })
  void inProductionTheNotifyUrlMustBeHttpsAndPublic(String url, String type) {
    database.update(
        "update merchant_settings set environment = 'PRODUCTION' where merchant_id = ?",
        merchant.id());
    Map<String, Object> settings = settings();
    settings.put("notifyUrl", url);

    put(merchant.token(), merchant.id(), settings)
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tasvie:problem:" + type));

    get(merchant.token(), merchant.id()).then().body("notifyUrl", equalTo(null));
    settings.put("notifyUrl", "https://shop.example.ir/tasvie/notify");
    put(merchant.token(), merchant.id(), settings)
        .then()
        .statusCode(200)
        .body("notifyUrl", equalTo("https://shop.example.ir/tasvie/notify"));
  }

  @Test
  void theSandboxTakesALocalNotifyUrl() {
    Map<String, Object> settings = settings();
    settings.put("notifyUrl", "http://127.0.0.1:9999/notify");

    put(merchant.token(), merchant.id(), settings)
        .then()
        .statusCode(200)
        .body("notifyUrl", equalTo("http://127.0.0.1:9999/notify"));
  }

  @Test
  void cardPaymentIsOfferedOnlyBetweenTheMerchantsMinimumAndMaximum() {
    Map<String, Object> settings = settings();
    settings.put("minAmount", 20_000);
    settings.put("maxAmount", 1_000_000);
    put(merchant.token(), merchant.id(), settings).then().statusCode(200);

    Checkout.create(merchant, Checkout.body("LOW-" + UUID.randomUUID(), 15_000, "IRR"))
        .response()
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tasvie:problem:order-below-card-minimum"));
    Checkout.create(merchant, Checkout.body("HIGH-" + UUID.randomUUID(), 1_000_001, "IRR"))
        .response()
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tasvie:problem:order-above-card-maximum"));
    given()
        .formParams(legacyForm("LEGACY-LOW", "15000"))
        .redirects()
        .follow(false)
        .post("/Payment.aspx")
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        // A Persian page (no Accept-Language, rials): its sentence and the problem code.
        .body(containsString("پرداخت کارتی برای این مبلغ"))
        .body(containsString("order-below-card-minimum"));
    assertEquals(
        0, database.count("select count(*) from payment where merchant_id = ?", merchant.id()));

    Checkout.create(merchant, Checkout.body("OK-" + UUID.randomUUID(), 20_000, "IRR"))
        .response()
        .then()
        .statusCode(201);
  }

  @Test
  void aCardDiscountIsChargedShownVerifiedAndRefundedOnTheChargedAmount() throws Exception {
    Map<String, Object> settings = settings();
    settings.put("discount", Map.of("type", "PERCENT", "percent", 10, "cap", 5_000));
    put(merchant.token(), merchant.id(), settings).then().statusCode(200);

    try (TestKafka.Tail payments = TestKafka.tail("payments")) {
      UUID paymentId = Checkout.newPayment(merchant, 120_000);
      Checkout.get(merchant, paymentId)
          .response()
          .then()
          .body("orderAmount", equalTo(120_000))
          .body("discountAmount", equalTo(5_000))
          .body("amount", equalTo(115_000));
      String page = given().get("/pay/" + paymentId + "?lang=en").then().extract().asString();
      assertTrue(page.contains("id=\"order-amount\">120,000 IRR<"), page);
      assertTrue(page.contains("id=\"discount\">−5,000 IRR<"), page);
      assertTrue(page.contains("id=\"amount\">115,000 IRR<"), page);

      Checkout.pay(paymentId, Checkout.APPROVED_CARD).response().then().statusCode(303);
      ConsumerRecord<String, String> authorized =
          payments.await(
              r ->
                  paymentId.toString().equals(r.key())
                      && "PaymentAuthorized".equals(TestKafka.header(r, "ce_type")),
              EVENT_TIMEOUT);
      assertEquals(
          115_000, mapper.readTree(authorized.value()).path("payment").path("amount").asLong());

      // The merchant verifies the order amount it asked for.
      Checkout.verify(merchant, paymentId, 115_000).response().then().statusCode(422);
      Checkout.verify(merchant, paymentId, 120_000)
          .response()
          .then()
          .statusCode(200)
          .body("result", equalTo("VERIFIED"));
      Checkout.refund(merchant, paymentId, 115_001)
          .response()
          .then()
          .statusCode(422)
          .body("refundable", equalTo(115_000));
      Checkout.refund(merchant, paymentId, 115_000).response().then().statusCode(201);
    }

    // A fixed discount that would leave less than the smallest charge refuses the payment.
    settings.put("discount", Map.of("type", "FIXED", "amount", 5_000));
    put(merchant.token(), merchant.id(), settings).then().statusCode(200);
    Checkout.create(merchant, Checkout.body("SMALL-" + UUID.randomUUID(), 12_000, "IRR"))
        .response()
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tasvie:problem:discount-above-amount"));
    UUID fixed = Checkout.newPayment(merchant, 50_000);
    Checkout.get(merchant, fixed).response().then().body("amount", equalTo(45_000));
  }

  @Test
  void maintenanceRefusesNewPaymentsButLetsAuthorisedOnesBeVerified() {
    UUID authorised = Checkout.newPayment(merchant, 120_000);
    Checkout.pay(authorised, Checkout.APPROVED_CARD).response().then().statusCode(303);
    UUID inFlight = Checkout.newPayment(merchant, 80_000);
    Checkout.Form form = Checkout.openPage(inFlight);

    Map<String, Object> settings = settings();
    settings.put("maintenance", true);
    put(merchant.token(), merchant.id(), settings).then().statusCode(200);

    Checkout.create(merchant, Checkout.body("MAINT-" + UUID.randomUUID(), 50_000, "IRR"))
        .response()
        .then()
        .statusCode(503)
        .body("type", equalTo("urn:tasvie:problem:checkout-in-maintenance"));
    given()
        .formParams(legacyForm("MAINT-LEGACY", "50000"))
        .redirects()
        .follow(false)
        .post("/Payment.aspx")
        .then()
        .statusCode(503)
        .body(containsString("maintenance"));
    // The payer who opened the page before maintenance began is told, and nothing is charged.
    Checkout.submit(inFlight, form, Checkout.APPROVED_CARD)
        .response()
        .then()
        .statusCode(503)
        .body(containsString("paused for maintenance"));
    Checkout.get(merchant, inFlight).response().then().body("status", equalTo("CREATED"));

    Checkout.verify(merchant, authorised, 120_000)
        .response()
        .then()
        .body("result", equalTo("VERIFIED"));

    settings.put("maintenance", false);
    put(merchant.token(), merchant.id(), settings).then().statusCode(200);
    Checkout.pay(inFlight, Checkout.APPROVED_CARD).response().then().statusCode(303);
  }

  private Map<String, Object> legacyForm(String res, String amount) {
    return Map.of(
        "ID",
        merchant.number(),
        "Res",
        res + "-" + UUID.randomUUID().toString().substring(0, 8),
        "Amnt",
        amount,
        "RedirectURL",
        Checkout.RETURN_URL);
  }

  /** The settings a new merchant has, as a PUT body to change. */
  private Map<String, Object> settings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("maintenance", false);
    settings.put("saveCards", false);
    settings.put("requireSignedRequests", false);
    settings.put("callbackDomains", List.of("shop.example.ir", "localhost"));
    return settings;
  }

  private long changes(UUID merchantId) {
    return database.count(
        "select count(*) from merchant_settings_change where merchant_id = ?", merchantId);
  }

  private static String admin() {
    return TestTokens.token("admin");
  }

  private static Response get(String token, UUID merchantId) {
    return given().auth().oauth2(token).get("/v1/merchants/" + merchantId + "/settings");
  }

  private static Response put(String token, UUID merchantId, Map<String, Object> settings) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(settings)
        .put("/v1/merchants/" + merchantId + "/settings");
  }
}
