package io.tasvie.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** What the end-to-end tests do to running services over HTTP. */
final class Stack {

  static final String MERCHANT =
      """
      {"name":"Nan-e Barbari","country":"IR","currency":"IRR","callbackDomains":["nan.example.ir"]}
      """;

  private Stack() {}

  static void awaitReady(ServiceProcess service) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> service.status("/q/health/ready") == 200);
  }

  /** An admin token issued by gateway-svc itself, for the bootstrapped admin client. */
  static String adminToken(ServiceProcess gateway) {
    return given()
        .contentType(ContentType.URLENC)
        .formParam("grant_type", "client_credentials")
        .formParam("client_id", "admin")
        .formParam("client_secret", ServiceProcess.Keys.ADMIN_SECRET)
        .post(gateway.url("/v1/auth/token"))
        .then()
        .statusCode(200)
        .extract()
        .path("access_token");
  }

  /** Onboards a merchant and answers its id. */
  static String registerMerchant(ServiceProcess gateway, String token) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(MERCHANT)
        .post(gateway.url("/v1/merchants"))
        .then()
        .statusCode(201)
        .extract()
        .path("merchantId");
  }

  /** A SoftPOS terminal requested by the merchant on {@code terminal}; the request's id. */
  static String requestSoftPos(
      ServiceProcess terminal, String merchantToken, String deviceId, String email) {
    return given()
        .auth()
        .oauth2(merchantToken)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "kind",
                "SOFTPOS_NFC",
                "deviceId",
                deviceId,
                "androidVersion",
                12,
                "nfc",
                true,
                "email",
                email,
                "language",
                "en"))
        .post(terminal.url("/v1/terminals"))
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Approves a terminal request as admin; its terminal ID. */
  static String approve(ServiceProcess terminal, String adminToken, String ref) {
    return given()
        .auth()
        .oauth2(adminToken)
        .post(terminal.url("/v1/terminals/" + ref + "/approve"))
        .then()
        .statusCode(200)
        .extract()
        .path("terminalId");
  }

  /** Activates with the e-mailed code; the terminal's access token. */
  static String activate(
      ServiceProcess terminal,
      String merchantNumber,
      String code,
      String deviceId,
      String supervisorCode) {
    return given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "merchantNumber", merchantNumber,
                "activationCode", code,
                "deviceId", deviceId,
                "supervisorCode", supervisorCode))
        .post(terminal.url("/v1/terminals/activation"))
        .then()
        .statusCode(200)
        .extract()
        .path("accessToken");
  }

  static URI sessionOf(ServiceProcess terminal) {
    return URI.create("ws://127.0.0.1:" + terminal.port + "/v1/terminal/session");
  }

  private static final java.util.regex.Pattern CSRF =
      java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  /**
   * The payer's browser on the hosted page at {@code pageUrl}: opens it in English and pays with
   * {@code card}; answers where the page sends the payer next (303).
   */
  static String payOnPage(String pageUrl, String card) {
    io.restassured.response.ExtractableResponse<io.restassured.response.Response> page =
        given().get(pageUrl + "?lang=en").then().statusCode(200).extract();
    java.util.regex.Matcher csrf = CSRF.matcher(page.asString());
    if (!csrf.find()) {
      throw new AssertionError("no card form on the page: " + page.asString());
    }
    return given()
        .cookie("tasvie_form", page.cookie("tasvie_form"))
        .formParam("csrf", csrf.group(1))
        .formParam("lang", "en")
        .formParam("cardNumber", card)
        .formParam("expiry", "12/30")
        .formParam("cvc", "123")
        .redirects()
        .follow(false)
        .post(pageUrl)
        .then()
        .statusCode(303)
        .extract()
        .header("Location");
  }
}
