package io.tasvie.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import java.time.Duration;

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
}
