package io.tasvie.gateway.page;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HostedPageTest {

  Onboarded merchant;
  UUID paymentId;

  @BeforeEach
  void createPayment() {
    merchant = Merchants.onboard("Ketab <b>Shop</b>", java.util.List.of("shop.example.ir"));
    paymentId =
        UUID.fromString(
            Checkout.create(
                    merchant,
                    "{\"merchantReference\":\"R-"
                        + UUID.randomUUID()
                        + "\",\"amount\":1250000,\"currency\":\"IRR\","
                        + "\"payerName\":\"<script>alert('x')</script>\","
                        + "\"description\":\"\\\"><img src=x onerror=alert(1)>\","
                        + "\"redirectUrl\":\"https://shop.example.ir/back\"}")
                .path("paymentId"));
  }

  @Test
  void thePageIsServedWithSecurityHeadersAndACardForm() {
    given()
        .get("/pay/" + paymentId + "?lang=en")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
        .header("Content-Security-Policy", containsString("script-src 'self'"))
        .header("X-Frame-Options", "DENY")
        .header("Cache-Control", "no-store")
        .header("Set-Cookie", containsString("HttpOnly"))
        .header("Set-Cookie", containsString("SameSite=Strict"))
        .body(containsString("autocomplete=\"cc-number\""))
        .body(containsString("autocomplete=\"cc-exp\""))
        .body(containsString("autocomplete=\"cc-csc\""))
        .body(containsString("autocomplete=\"cc-name\""))
        .body(containsString("<button type=\"submit\""))
        .body(containsString("1,250,000 IRR"));
  }

  @Test
  void timesAreShownInTheMerchantsZoneNamedInEitherLanguage() {
    java.time.Instant expiresAt =
        java.time.Instant.parse(Checkout.get(merchant, paymentId).path("expiresAt"));
    String tehran =
        java.time.format.DateTimeFormatter.ofPattern("HH:mm")
            .format(expiresAt.atZone(java.time.ZoneId.of("Asia/Tehran")));

    given()
        .get("/pay/" + paymentId + "?lang=en")
        .then()
        .statusCode(200)
        .body(containsString("at " + tehran + " (Iran Standard Time)"));
    given()
        .get("/pay/" + paymentId + "?lang=fa")
        .then()
        .statusCode(200)
        .body(containsString("(وقت عادی ایران)"));
  }

  @Test
  void duringMaintenanceAnOpenPaymentShowsTheNoticeNotTheForm() {
    Merchants.configure(merchant, Map.of("maintenance", true));

    given()
        .get("/pay/" + paymentId + "?lang=en")
        .then()
        .statusCode(200)
        .body(containsString("id=\"maintenance\""))
        .body(containsString("paused for maintenance"))
        .body(not(containsString("id=\"card-form\"")))
        .body(not(containsString("name=\"cardNumber\"")));

    Merchants.configure(merchant, Map.of("maintenance", false));
    given()
        .get("/pay/" + paymentId + "?lang=en")
        .then()
        .statusCode(200)
        .body(containsString("id=\"card-form\""));
  }

  @Test
  void whatTheMerchantTypedIsShownNeverRun() {
    given()
        .get("/pay/" + paymentId + "?lang=en")
        .then()
        .statusCode(200)
        .body(not(containsString("<script>alert")))
        .body(not(containsString("<img src=x")))
        .body(not(containsString("<b>Shop")))
        .body(containsString("&lt;script&gt;alert("))
        .body(containsString("Ketab &lt;b&gt;Shop&lt;/b&gt;"));
  }

  @Test
  void persianIsRightToLeftWithPersianDigitsAndTheJalaliCalendar() {
    String page =
        given()
            .header("Accept-Language", "fa-IR,fa;q=0.9,en;q=0.5")
            .get("/pay/" + paymentId)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    org.junit.jupiter.api.Assertions.assertTrue(page.contains("dir=\"rtl\""));
    org.junit.jupiter.api.Assertions.assertTrue(page.contains("۱٬۲۵۰٬۰۰۰ ریال"), page);
    // A Jalali month name, e.g. آذر, and a Jalali year (14xx), in Persian digits.
    org.junit.jupiter.api.Assertions.assertTrue(page.matches("(?s).*۱۴[۰-۹]{2}.*"), page);

    given()
        .header("Accept-Language", "fa")
        .get("/pay/" + paymentId + "?lang=en")
        .then()
        .body(containsString("dir=\"ltr\""))
        .body(containsString("Card number"));
  }

  @Test
  void aPostWithoutTheFormTokenChargesNothing() {
    Checkout.Form form = Checkout.openPage(paymentId);
    Checkout.submit(paymentId, new Checkout.Form(form.cookie(), "forged"), Checkout.APPROVED_CARD)
        .response()
        .then()
        .statusCode(400)
        .body(containsString("The form has expired"));
    Checkout.submit(
            paymentId, new Checkout.Form("another-cookie", form.csrf()), Checkout.APPROVED_CARD)
        .response()
        .then()
        .statusCode(400);
    Checkout.get(merchant, paymentId).response().then().body("status", equalTo("CREATED"));
  }

  @Test
  void cardErrorsAreShownOnTheFormAndChargeNothing() {
    Checkout.Form form = Checkout.openPage(paymentId);
    Map<String, String> badLuhn =
        Map.of("cardNumber", "4006090000000008", "expiry", "12/30", "cvc", "123");
    Map<String, String> pastExpiry =
        Map.of("cardNumber", Checkout.APPROVED_CARD, "expiry", "01/20", "cvc", "123");
    Map<String, String> badMonth =
        Map.of("cardNumber", Checkout.APPROVED_CARD, "expiry", "13/30", "cvc", "123");
    Map<String, String> badCvc =
        Map.of("cardNumber", Checkout.APPROVED_CARD, "expiry", "12/30", "cvc", "12a");

    Checkout.submit(paymentId, form, badLuhn)
        .response()
        .then()
        .statusCode(400)
        .body(containsString("The card number is not valid."));
    Checkout.submit(paymentId, form, pastExpiry)
        .response()
        .then()
        .statusCode(400)
        .body(containsString("The expiry date is not valid or has passed."));
    Checkout.submit(paymentId, form, badMonth)
        .response()
        .then()
        .statusCode(400)
        .body(containsString("The expiry date is not valid or has passed."));
    Checkout.submit(paymentId, form, badCvc)
        .response()
        .then()
        .statusCode(400)
        .body(containsString("The security code must be 3 or 4 digits."));
    Checkout.get(merchant, paymentId).response().then().body("status", equalTo("CREATED"));
  }

  @Test
  void afterPayingThePageIsTheInvoiceWithASignedReturnToTheMerchant() {
    Checkout.pay(paymentId, Checkout.APPROVED_CARD)
        .response()
        .then()
        .statusCode(303)
        .header("Location", containsString("/pay/" + paymentId));

    String page =
        given()
            .get("/pay/" + paymentId + "?lang=en")
            .then()
            .statusCode(200)
            .body(containsString("Payment successful"))
            .body(containsString("400609******0007"))
            .body(not(containsString(Checkout.APPROVED_CARD)))
            .body(containsString("https://shop.example.ir/back?Res=R-"))
            .body(containsString("Status=OK"))
            .body(containsString("http-equiv=\"refresh\""))
            .extract()
            .asString();
    String signature = page.replaceAll("(?s).*&amp;Sig=([A-Za-z0-9._-]+).*", "$1");
    assertEquals(3, signature.split("\\.").length, "the status is a signed JWT");
  }

  @Test
  void aDeclinedCardShowsWhy() {
    Checkout.pay(paymentId, "4000000000009995").response().then().statusCode(303);
    given()
        .get("/pay/" + paymentId + "?lang=en")
        .then()
        .body(containsString("Payment failed"))
        .body(containsString("There are not enough funds on the card."))
        .body(containsString("Status=NOK"));
  }

  @Test
  void anUnknownPaymentIsAReadablePage() {
    given()
        .get("/pay/" + UUID.randomUUID() + "?lang=en")
        .then()
        .statusCode(404)
        .contentType(containsString("text/html"))
        .body(containsString("No such payment."));
    given()
        .get("/pay/not-a-uuid?lang=en")
        .then()
        .statusCode(404)
        .body(containsString("No such payment."));
  }

  @Test
  void aFormOver64KibIsRefused() {
    given()
        .contentType(ContentType.URLENC)
        .formParam("cardNumber", "4".repeat(70_000))
        .post("/pay/" + paymentId)
        .then()
        .statusCode(413);
    Checkout.get(merchant, paymentId).response().then().body("status", equalTo("CREATED"));
  }
}
