package io.tasvie.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tasvie.common.testing.TestKafka;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checkout on the packaged gateway-svc, as a merchant site and a payer use it: the JSON API flow
 * and the legacy form flow, each ending in PayRep through a generated SOAP client; and an
 * unverified payment reversed when its window closes, although the gateway was down meanwhile.
 */
class CheckoutIT {

  private static final Pattern RETURN = Pattern.compile("id=\"return\" href=\"([^\"]+)\"");
  private static final Map<String, String> SHORT_WINDOW =
      Map.of("TASVIE_CHECKOUT_VERIFY_WINDOW", "PT4S", "TASVIE_CHECKOUT_SWEEP_INTERVAL", "PT0.5S");

  static ServiceProcess gateway;
  static ServiceProcess settlement;

  HttpServer shop;
  final BlockingQueue<URI> returns = new ArrayBlockingQueue<>(10);
  String merchantNumber;
  String secret;
  String merchantToken;

  @BeforeAll
  static void startServices() {
    settlement =
        ServiceProcess.start(
            "settlement-svc", TestKafka.bootstrapServers(), ServiceProcess.settlementConsumers());
    gateway = startGateway(Map.of());
    Stack.awaitReady(settlement);
  }

  @AfterAll
  static void stopServices() {
    if (gateway != null) {
      gateway.close();
    }
    if (settlement != null) {
      settlement.close();
    }
  }

  private static ServiceProcess startGateway(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(SHORT_WINDOW);
    env.putAll(ServiceProcess.consumerOf("settlements", "gateway-svc"));
    env.putAll(more);
    ServiceProcess started = ServiceProcess.start("gateway-svc", TestKafka.bootstrapServers(), env);
    Stack.awaitReady(started);
    return started;
  }

  @BeforeEach
  void openShopAndOnboard() throws IOException {
    shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    shop.createContext(
        "/back",
        exchange -> {
          returns.add(exchange.getRequestURI());
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    shop.start();
    ExtractableResponse<Response> registered =
        given()
            .auth()
            .oauth2(Stack.adminToken(gateway))
            .contentType(ContentType.JSON)
            .body(
                "{\"name\":\"Nan-e Barbari\",\"country\":\"IR\",\"currency\":\"IRR\","
                    + "\"callbackDomains\":[\"localhost\"]}")
            .post(gateway.url("/v1/merchants"))
            .then()
            .statusCode(201)
            .extract();
    merchantNumber = registered.path("merchantNumber");
    secret = registered.path("secret");
    merchantToken =
        given()
            .formParam("grant_type", "client_credentials")
            .formParam("client_id", merchantNumber)
            .formParam("client_secret", secret)
            .post(gateway.url("/v1/auth/token"))
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");
  }

  @AfterEach
  void closeShop() {
    shop.stop(0);
  }

  @Test
  void apiCheckoutEndsWithPayRepReportingThePayment() throws Exception {
    String res = "API-" + UUID.randomUUID();
    ExtractableResponse<Response> created =
        createPayment(res, 350_000, ",\"payerName\":\"Sara\",\"description\":\"Bread\"");

    payOnThePage(created.path("paymentPageUrl"), res);

    JsonPath report = payRepSoap(res);
    assertEquals(0, report.getInt("Err"), report.prettify());
    assertEquals(350_000, report.getLong("Amnt"));
    assertEquals("127.0.0.1", report.getString("IP"));
    given()
        .auth()
        .oauth2(merchantToken)
        .get(gateway.url("/v1/payments/" + created.path("paymentId")))
        .then()
        .body("status", equalTo("CAPTURED"));

    // settlement-svc batches the capture; its DatTasvie and NoTasvie reach PayRep.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonPath settled = payRepSoap(res);
              assertTrue(
                  settled.getString("DatTasvie").matches("\\d{4}-\\d{2}-\\d{2}"),
                  settled.prettify());
              assertTrue(settled.getString("NoTasvie").matches("\\d{11}"), settled.prettify());
            });
  }

  @Test
  void legacyFormCheckoutEndsWithPayRepReportingThePayment() throws Exception {
    String res = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L));
    String location =
        given()
            .contentType(ContentType.URLENC)
            .formParam("ID", merchantNumber)
            .formParam("Res", res)
            .formParam("Amnt", "120000")
            .formParam("Nam", "Sara")
            .formParam("Dsc", "Two loaves")
            .formParam("RedirectURL", shopUrl())
            .redirects()
            .follow(false)
            .post(gateway.url("/Payment.aspx"))
            .then()
            .statusCode(303)
            .extract()
            .header("Location");

    payOnThePage(gateway.url(location), res);

    String xml =
        given()
            .queryParam("ID", merchantNumber)
            .queryParam("Rmz", secret)
            .queryParam("Res", res)
            .get(gateway.url("/WebServiceMoPos.asmx/PayRep"))
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertTrue(xml.contains("<Err>0</Err>"), xml);
    assertTrue(xml.contains("<Amnt>120000</Amnt>"), xml);
    assertTrue(xml.contains("<IP>127.0.0.1</IP>"), xml);
  }

  @Test
  void anUnverifiedPaymentIsReversedAfterItsWindowEvenAcrossARestart() throws Exception {
    String res = "LATE-" + UUID.randomUUID();
    ExtractableResponse<Response> created = createPayment(res, 50_000, "");
    String paymentId = created.path("paymentId");
    payOnThePage(created.path("paymentPageUrl"), res);

    // The gateway goes down before the window closes and comes back after it.
    gateway.close();
    Thread.sleep(5_000);
    gateway = startGateway(Map.of("QUARKUS_FLYWAY_CLEAN_AT_START", "false"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(merchantToken)
                    .get(gateway.url("/v1/payments/" + paymentId))
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("REVERSED"))
                    .body("reversalReason", equalTo("VERIFY_WINDOW_EXPIRED")));
    assertEquals(7, payRepSoap(res).getInt("Err"));
  }

  /** A payment through the JSON API, with an idempotency key; {@code more} adds JSON fields. */
  private ExtractableResponse<Response> createPayment(String res, long amount, String more) {
    return given()
        .auth()
        .oauth2(merchantToken)
        .header("Idempotency-Key", res)
        .contentType(ContentType.JSON)
        .body(
            "{\"merchantReference\":\""
                + res
                + "\",\"amount\":"
                + amount
                + ",\"currency\":\"IRR\",\"redirectUrl\":\""
                + shopUrl()
                + "\""
                + more
                + "}")
        .post(gateway.url("/v1/payments"))
        .then()
        .statusCode(201)
        .extract();
  }

  /** The payer's browser: opens the page, pays with a test card, follows the return link. */
  private void payOnThePage(String pageUrl, String res) throws InterruptedException {
    String resultUrl = Stack.payOnPage(pageUrl, "4006090000000007");
    String invoice =
        given()
            .get(gateway.url(resultUrl))
            .then()
            .statusCode(200)
            .body(containsString("Payment successful"))
            .extract()
            .asString();
    Matcher back = RETURN.matcher(invoice);
    assertTrue(back.find(), invoice);
    given()
        .redirects()
        .follow(false)
        .get(back.group(1).replace("&amp;", "&"))
        .then()
        .statusCode(204);
    URI landed = returns.poll(10, TimeUnit.SECONDS);
    assertTrue(landed != null && landed.getQuery().contains("Res=" + res), String.valueOf(landed));
    assertTrue(landed.getQuery().contains("Status=OK"), landed.toString());
  }

  /** PayRep through PHP's SoapClient, generated from the gateway's WSDL. */
  private JsonPath payRepSoap(String res) throws Exception {
    Process php =
        new ProcessBuilder(
                "php",
                ServiceProcess.ROOT.resolve("deploy/legacy/payrep-client.php").toString(),
                gateway.url("/WebServiceMoPos.asmx?WSDL"),
                merchantNumber,
                secret,
                res)
            .redirectErrorStream(true)
            .start();
    assertTrue(php.waitFor(60, TimeUnit.SECONDS));
    String output = new String(php.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, php.exitValue(), output);
    return JsonPath.from(output);
  }

  private String shopUrl() {
    return "http://localhost:" + shop.getAddress().getPort() + "/back";
  }
}
