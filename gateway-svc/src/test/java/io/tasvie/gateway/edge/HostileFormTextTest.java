package io.tasvie.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tasvie.common.testing.Database;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text the rule refuses (NUL, other C0 controls but tab/CR/LF, DEL, lone surrogates) in a field of
 * any form endpoint is refused the way that endpoint answers, names the field, and creates nothing.
 */
@QuarkusTest
class HostileFormTextTest {

  @Inject Database database;

  Onboarded merchant;

  @BeforeEach
  void onboard() {
    merchant = Merchants.onboard();
  }

  @ParameterizedTest
  // A lone surrogate cannot travel in a UTF-8 form at all (JSON's escaped one is common's part).
  @ValueSource(strings = {"a\u0000b", "a\u0007b", "a\u001bb", "a\u007fb"})
  void theTokenEndpointAnswersInvalidRequestNamingTheField(String clientId) {
    given()
        .formParam("grant_type", "client_credentials")
        .formParam("client_id", clientId)
        .formParam("client_secret", "x")
        .post("/v1/auth/token")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tasvie:problem:invalid-request"))
        .body("error", equalTo("invalid_request"))
        .body("violations[0].field", equalTo("client_id"));
  }

  @Test
  void aSecretWithNulInBasicAuthenticationIsRefusedToo() {
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString((merchant.number() + ":se\u0000cret").getBytes());
    given()
        .header("Authorization", "Basic " + basic)
        .formParam("grant_type", "client_credentials")
        .post("/v1/auth/token")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("client_secret"));
  }

  @Test
  void theLegacyFormAnswersAReadablePageNamingTheFieldInThePayersLanguage() {
    Map<String, String> fields = legacyForm("NUL-1");
    fields.put("Nam", "Sa\u0000ra");

    given()
        .header("Accept-Language", "en")
        .contentType(ContentType.URLENC)
        .formParams(fields)
        .redirects()
        .follow(false)
        .post("/Payment.aspx")
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .body(containsString("lang=\"en\""))
        .body(containsString("The field Nam contains a character that is not allowed."))
        .body(containsString("invalid-request"));
    given()
        .header("Accept-Language", "fa")
        .contentType(ContentType.URLENC)
        .formParams(fields)
        .redirects()
        .follow(false)
        .post("/Payment.aspx")
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .body(containsString("lang=\"fa\""))
        .body(containsString("فیلد Nam نویسه‌ای غیرمجاز دارد."))
        .body(not(containsString("not allowed")));
    fields.put("Nam", "Sara");
    fields.put("Dsc", "Two\u007fbooks");
    given()
        .header("Accept-Language", "en")
        .contentType(ContentType.URLENC)
        .formParams(fields)
        .post("/Payment.aspx")
        .then()
        .statusCode(400)
        .body(containsString("The field Dsc"));
    assertEquals(
        0, database.count("select count(*) from payment where merchant_id = ?", merchant.id()));
  }

  @Test
  void theHostedPageAnswersAReadablePageNamingTheFieldAndChargesNothing() {
    UUID paymentId = Checkout.newPayment(merchant, 120_000);
    Checkout.Form form = Checkout.openPage(paymentId);

    Checkout.submit(
            paymentId,
            form,
            Map.of("cardNumber", "4006090000000007", "expiry", "12/30", "cvc", "12\u00003"))
        .response()
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .body(containsString("The field cvc contains a character that is not allowed."))
        .body(containsString("invalid-request"));
    assertEquals("CREATED", Checkout.get(merchant, paymentId).path("status"));
    // The page still takes the card afterwards.
    Checkout.submit(paymentId, form, Checkout.APPROVED_CARD).response().then().statusCode(303);
  }

  @Test
  void payRepOverFormPostAnswersInvalidRequestAndSoapAFault() {
    given()
        .formParam("ID", merchant.number())
        .formParam("Rmz", merchant.secret())
        .formParam("Res", "R\u0000")
        .post("/WebServiceMoPos.asmx/PayRep")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations[0].field", equalTo("Res"));

    // DEL is well-formed XML, so the XML parser lets it through: the text rule does not.
    String envelope =
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
            + "<PayRep xmlns=\"http://tempuri.org/\"><ID>"
            + merchant.number()
            + "</ID><Rmz>"
            + merchant.secret()
            + "</Rmz><Res>R\u007f1</Res></PayRep></soap:Body></soap:Envelope>";
    given()
        .contentType("text/xml; charset=utf-8")
        .header("SOAPAction", "\"http://tempuri.org/PayRep\"")
        .body(envelope)
        .post("/WebServiceMoPos.asmx")
        .then()
        .statusCode(500)
        .body(containsString("<faultcode>soap:Client</faultcode>"))
        .body(containsString("The field Res"));
    // Neither counted as a wrong secret.
    assertEquals(
        0,
        database.count(
            "select count(*) from credential_lockout where client_id = ? and failures > 0",
            merchant.number()));
  }

  private Map<String, String> legacyForm(String res) {
    Map<String, String> fields = new HashMap<>();
    fields.put("ID", merchant.number());
    fields.put("Res", res);
    fields.put("Amnt", "120000");
    fields.put("Nam", "Sara");
    fields.put("Dsc", "Two books");
    fields.put("RedirectURL", "https://shop.example.ir/back");
    return fields;
  }
}
