package io.tasvie.gateway.savedcard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tasvie.common.testing.Database;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Saving a card with the payer's consent, paying with it again by CVC alone, deleting it. */
@QuarkusTest
class SavedCardTest {

  private static final Pattern SAVED = Pattern.compile("name=\"savedCardId\" value=\"([^\"]+)\"");

  @Inject Database database;

  Onboarded merchant;

  @BeforeEach
  void onboard() {
    merchant = Merchants.onboard();
    Merchants.configure(merchant, Map.of("saveCards", true));
  }

  @Test
  void aSavedCardPaysASecondTimeWithoutItsNumber() {
    String customer = "cust-" + UUID.randomUUID();
    UUID first = Checkout.newPayment(merchant, customer);
    String page = given().get("/pay/" + first + "?lang=en").then().extract().asString();
    assertTrue(page.contains("id=\"saveCard\""), "the page offers to save the card");

    Checkout.submit(first, Checkout.openPage(first), withConsent(Checkout.APPROVED_CARD))
        .response()
        .then()
        .statusCode(303);
    Checkout.get(merchant, first).response().then().body("status", equalTo("AUTHORIZED"));
    assertEquals(1, saved(customer));
    assertEquals(
        0,
        database.count(
            "select count(*) from saved_card t where t::text like ?",
            "%" + Checkout.APPROVED_CARD + "%"));

    UUID second = Checkout.newPayment(merchant, customer);
    String secondPage = given().get("/pay/" + second + "?lang=en").then().extract().asString();
    assertTrue(secondPage.contains("400609******0007"), secondPage);
    assertFalse(secondPage.contains(Checkout.APPROVED_CARD));
    String cardId = savedCardId(secondPage);

    // Without the CVC it is refused and nothing is charged.
    Checkout.submit(second, Checkout.openPage(second), Map.of("savedCardId", cardId))
        .response()
        .then()
        .statusCode(400)
        .body(containsString("security code"));
    Checkout.get(merchant, second).response().then().body("status", equalTo("CREATED"));

    Map<String, String> fields = Map.of("savedCardId", cardId, "cvc", "321");
    assertFalse(fields.containsKey("cardNumber") || fields.containsValue(Checkout.APPROVED_CARD));
    Checkout.submit(second, Checkout.openPage(second), fields).response().then().statusCode(303);
    Checkout.get(merchant, second)
        .response()
        .then()
        .body("status", equalTo("AUTHORIZED"))
        .body("card.maskedNumber", equalTo("400609******0007"));
    Checkout.verify(merchant, second, 120_000).response().then().statusCode(200);
    assertEquals(1, saved(customer), "the same card is kept once");

    given()
        .auth()
        .oauth2(merchant.token())
        .get("/v1/merchants/" + merchant.id() + "/customers/" + customer + "/cards")
        .then()
        .statusCode(200)
        .body("size()", equalTo(1))
        .body("[0].maskedNumber", equalTo("400609******0007"))
        .body("[0].brand", equalTo("VISA"))
        .body("[0].expiry", equalTo("2030-12"));
  }

  @Test
  void anotherCustomersCardCannotBeUsed() {
    String owner = "cust-" + UUID.randomUUID();
    String cardId = saveACard(owner);
    UUID strangers = Checkout.newPayment(merchant, "cust-" + UUID.randomUUID());

    Checkout.submit(
            strangers, Checkout.openPage(strangers), Map.of("savedCardId", cardId, "cvc", "123"))
        .response()
        .then()
        .statusCode(400)
        .body(containsString("This saved card cannot be used"));
    Checkout.submit(
            strangers,
            Checkout.openPage(strangers),
            Map.of("savedCardId", "not-a-card", "cvc", "123"))
        .response()
        .then()
        .statusCode(400);
    Checkout.get(merchant, strangers).response().then().body("status", equalTo("CREATED"));
  }

  @Test
  void nothingIsSavedWithoutConsentACustomerOrTheSetting() {
    String customer = "cust-" + UUID.randomUUID();
    UUID noConsent = Checkout.newPayment(merchant, customer);
    Checkout.pay(noConsent, Checkout.APPROVED_CARD).response().then().statusCode(303);
    UUID declined = Checkout.newPayment(merchant, customer);
    Checkout.submit(declined, Checkout.openPage(declined), withConsent("4000000000000002"))
        .response()
        .then()
        .statusCode(303);
    assertEquals(0, saved(customer), "no consent, or declined: nothing kept");

    UUID anonymous = Checkout.newPayment(merchant, 120_000);
    given()
        .get("/pay/" + anonymous + "?lang=en")
        .then()
        .body(not(containsString("id=\"saveCard\"")));

    Merchants.configure(merchant, Map.of("saveCards", false));
    UUID off = Checkout.newPayment(merchant, customer);
    given().get("/pay/" + off + "?lang=en").then().body(not(containsString("id=\"saveCard\"")));
    Checkout.submit(off, Checkout.openPage(off), withConsent(Checkout.APPROVED_CARD))
        .response()
        .then()
        .statusCode(303);
    assertEquals(0, saved(customer), "the merchant's setting is off: consent alone keeps nothing");
  }

  @Test
  void theCustomerOrTheMerchantDeletesASavedCard() {
    String customer = "cust-" + UUID.randomUUID();
    String cardId = saveACard(customer);
    UUID next = Checkout.newPayment(merchant, customer);
    Checkout.Form form = Checkout.openPage(next);

    given()
        .redirects()
        .follow(false)
        .cookie("tasvie_form", form.cookie())
        .formParam("csrf", form.csrf())
        .post("/pay/" + next + "/cards/" + cardId + "/delete")
        .then()
        .statusCode(303);
    assertEquals(0, saved(customer));
    given().get("/pay/" + next + "?lang=en").then().body(not(containsString(cardId)));

    String again = saveACard(customer);
    Onboarded other = Merchants.onboard("Other Shop", List.of("other.example.ir"));
    String path = "/v1/merchants/" + merchant.id() + "/customers/" + customer + "/cards/" + again;
    given().auth().oauth2(other.token()).delete(path).then().statusCode(404);
    given().auth().oauth2(merchant.token()).delete(path).then().statusCode(204);
    given().auth().oauth2(merchant.token()).delete(path).then().statusCode(404);
    assertEquals(0, saved(customer));
  }

  /** Pays a payment of {@code customer} with the approving card and consent; the card's id. */
  private String saveACard(String customer) {
    UUID paymentId = Checkout.newPayment(merchant, customer);
    Checkout.submit(paymentId, Checkout.openPage(paymentId), withConsent(Checkout.APPROVED_CARD))
        .response()
        .then()
        .statusCode(303);
    return savedCardId(
        given()
            .get("/pay/" + Checkout.newPayment(merchant, customer) + "?lang=en")
            .then()
            .extract()
            .asString());
  }

  private static String savedCardId(String page) {
    Matcher id = SAVED.matcher(page);
    assertTrue(id.find(), page);
    return id.group(1);
  }

  private static Map<String, String> withConsent(String card) {
    return Map.of("cardNumber", card, "expiry", "12/30", "cvc", "123", "saveCard", "yes");
  }

  private long saved(String customer) {
    return database.count(
        "select count(*) from saved_card where merchant_id = ? and customer_id = ?",
        merchant.id(),
        customer);
  }
}
