package io.tasvie.gateway.legacy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PayRep, the legacy verification, over HTTP GET/POST, SOAP 1.1 and 1.2 and a generated client. */
@QuarkusTest
class PayRepTest {

  @TestHTTPResource("/WebServiceMoPos.asmx")
  URL service;

  @Inject ObjectMapper mapper;

  Onboarded merchant;

  @BeforeEach
  void onboard() {
    merchant = Merchants.onboard();
  }

  @Test
  void payRepVerifiesAPaidPaymentAndReportsItAgain() throws Exception {
    String res = paid();
    try (TestKafka.Tail payments = TestKafka.tail("payments")) {
      XmlPath first = payRepGet(merchant.number(), merchant.secret(), res);

      assertEquals(0, first.getInt("PayRepResult.Err"));
      assertEquals(120_000L, first.getLong("PayRepResult.Amnt"));
      assertEquals("Sara", first.getString("PayRepResult.Nam"));
      assertEquals("Two books", first.getString("PayRepResult.Dsc"));
      assertEquals("127.0.0.1", first.getString("PayRepResult.IP"));
      assertTrue(first.getString("PayRepResult.Dat").matches("\\d{4}-\\d\\d-\\d\\dT.*\\+03:30"));
      assertEquals("", first.getString("PayRepResult.DatTasvie"));
      assertEquals("", first.getString("PayRepResult.NoTasvie"));
      payments.await(
          r -> "PaymentCaptured".equals(TestKafka.header(r, "ce_type")) && r.value().contains(res),
          Duration.ofSeconds(20));
    }
    XmlPath again = payRepPost(merchant.number(), merchant.secret(), res);
    assertEquals(0, again.getInt("PayRepResult.Err"));
    assertEquals("CAPTURED", paymentStatus(res));
  }

  @Test
  void errCodesTellWhatHappened() {
    assertEquals(
        3, payRepGet(merchant.number(), merchant.secret(), "nope").getInt("PayRepResult.Err"));
    assertEquals(8, payRepGet(merchant.number(), merchant.secret(), "").getInt("PayRepResult.Err"));
    assertEquals(1, payRepGet("99999999", merchant.secret(), "x").getInt("PayRepResult.Err"));

    String unpaid = created();
    assertEquals(
        4, payRepGet(merchant.number(), merchant.secret(), unpaid).getInt("PayRepResult.Err"));
    assertEquals("CREATED", paymentStatus(unpaid));

    String declined = created();
    Checkout.pay(paymentId(declined), "4000000000000002");
    XmlPath answer = payRepGet(merchant.number(), merchant.secret(), declined);
    assertEquals(5, answer.getInt("PayRepResult.Err"));
    assertTrue(answer.getString("PayRepResult.ErrDsc").contains("Declined"));
  }

  @Test
  void tenWrongPasswordsLockPayRepEvenForTheRightOne() {
    String res = paid();
    for (int i = 0; i < 10; i++) {
      assertEquals(1, payRepGet(merchant.number(), "guess-" + i, res).getInt("PayRepResult.Err"));
    }
    XmlPath locked = payRepGet(merchant.number(), merchant.secret(), res);
    assertEquals(2, locked.getInt("PayRepResult.Err"));
    assertEquals(0L, locked.getLong("PayRepResult.Amnt"));
    assertEquals("AUTHORIZED", paymentStatus(res), "a locked PayRep verifies nothing");
  }

  @Test
  void aRightPasswordResetsTheCount() {
    String res = paid();
    for (int i = 0; i < 9; i++) {
      payRepGet(merchant.number(), "guess-" + i, res);
    }
    assertEquals(
        0, payRepGet(merchant.number(), merchant.secret(), res).getInt("PayRepResult.Err"));
    payRepGet(merchant.number(), "guess", res);
    assertEquals(
        0, payRepGet(merchant.number(), merchant.secret(), res).getInt("PayRepResult.Err"));
  }

  @Test
  void aGeneratedSoapClientCallsPayRepOverSoap11And12() throws Exception {
    String res = paid();
    JsonNode soap11 = php(res, "1.1");
    assertEquals(0, soap11.path("Err").asInt());
    assertEquals(120_000, soap11.path("Amnt").asLong());
    assertEquals("127.0.0.1", soap11.path("IP").asText());
    assertEquals("Sara", soap11.path("Nam").asText());
    assertEquals("CAPTURED", paymentStatus(res));

    JsonNode soap12 = php(res, "1.2");
    assertEquals(0, soap12.path("Err").asInt());
    assertEquals(soap11.path("Dat").asText(), soap12.path("Dat").asText());

    assertEquals(3, php("unknown-res", "1.1").path("Err").asInt());
  }

  @Test
  void theWsdlPointsAtThisHostWithSoap11And12Bindings() {
    String wsdl =
        given()
            .get(service + "?WSDL")
            .then()
            .statusCode(200)
            .contentType(containsString("text/xml"))
            .extract()
            .asString();
    assertTrue(wsdl.contains("<soap:address location=\"" + service + "\"/>"), wsdl);
    assertTrue(wsdl.contains("<soap12:binding"));
    assertTrue(wsdl.contains("soapAction=\"http://tempuri.org/PayRep\""));
  }

  @Test
  void entitiesAndDtdsInASoapRequestAreRefused() {
    String res = paid();
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
            + "<PayRep xmlns=\"http://tempuri.org/\"><ID>&x;</ID><Rmz>"
            + merchant.secret()
            + "</Rmz><Res>"
            + res
            + "</Res></PayRep></soap:Body></soap:Envelope>";
    given()
        .contentType("text/xml; charset=utf-8")
        .body(xxe)
        .post(service.toString())
        .then()
        .statusCode(500)
        .body(containsString("<faultcode>soap:Client</faultcode>"))
        .body(not(containsString("root:")));
    given()
        .contentType("text/xml; charset=utf-8")
        .body("<not-soap")
        .post(service.toString())
        .then()
        .statusCode(500)
        .body(containsString("soap:Fault"));
    given()
        .contentType("application/soap+xml; charset=utf-8")
        .body(
            "<x:Envelope xmlns:x=\"http://www.w3.org/2003/05/soap-envelope\"><x:Body/></x:Envelope>")
        .post(service.toString())
        .then()
        .statusCode(500)
        .body(containsString("<soap:Value>soap:Sender</soap:Value>"));
    assertEquals("AUTHORIZED", paymentStatus(res));
  }

  @Test
  void settlementDateAndNumberArriveFromSettlementSvc() {
    String res = paid();
    assertEquals(
        0, payRepGet(merchant.number(), merchant.secret(), res).getInt("PayRepResult.Err"));
    UUID paymentId = paymentId(res);

    TestKafka.sendEvent(
        "settlements",
        paymentId.toString(),
        UUID.randomUUID().toString(),
        "SettlementScheduled",
        "{\"paymentId\":\""
            + paymentId
            + "\",\"merchantId\":\""
            + merchant.id()
            + "\",\"channel\":\"ONLINE\",\"settlementDate\":\"2026-11-28\","
            + "\"settlementDateJalali\":\"1405-09-07\","
            + "\"settlementNumber\":\"ST-000123\",\"occurredAt\":\"2026-11-25T10:00:00Z\"}");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              XmlPath report = payRepGet(merchant.number(), merchant.secret(), res);
              assertEquals("2026-11-28", report.getString("PayRepResult.DatTasvie"));
              assertEquals("ST-000123", report.getString("PayRepResult.NoTasvie"));
            });
    Checkout.get(merchant, paymentId)
        .response()
        .then()
        .body("settlementNumber", equalTo("ST-000123"));
  }

  private String created() {
    String res = "L-" + UUID.randomUUID();
    Checkout.create(merchant, Checkout.body(res, 120_000, "IRR")).response().then().statusCode(201);
    return res;
  }

  private String paid() {
    String res = created();
    Checkout.pay(paymentId(res), Checkout.APPROVED_CARD).response().then().statusCode(303);
    return res;
  }

  private UUID paymentId(String res) {
    return Checkout.paymentId(merchant, res);
  }

  private String paymentStatus(String res) {
    return Checkout.get(merchant, paymentId(res)).path("status");
  }

  private XmlPath payRepGet(String id, String rmz, String res) {
    return xml(
        given()
            .queryParam("ID", id)
            .queryParam("Rmz", rmz)
            .queryParam("Res", res)
            .get(service + "/PayRep"));
  }

  private XmlPath payRepPost(String id, String rmz, String res) {
    return xml(
        given()
            .formParam("ID", id)
            .formParam("Rmz", rmz)
            .formParam("Res", res)
            .post(service + "/PayRep"));
  }

  private static XmlPath xml(Response response) {
    response.then().statusCode(200).contentType(containsString("text/xml"));
    return new XmlPath(response.asString());
  }

  /** PHP's SoapClient in WSDL mode: a real merchant's client, built from the served WSDL. */
  private JsonNode php(String res, String soapVersion) throws IOException, InterruptedException {
    Process php =
        new ProcessBuilder(
                "php",
                "../deploy/legacy/payrep-client.php",
                service + "?WSDL",
                merchant.number(),
                merchant.secret(),
                res,
                soapVersion)
            .redirectErrorStream(true)
            .start();
    assertTrue(php.waitFor(60, TimeUnit.SECONDS), "php did not finish");
    String output = new String(php.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, php.exitValue(), output);
    return mapper.readTree(output);
  }
}
