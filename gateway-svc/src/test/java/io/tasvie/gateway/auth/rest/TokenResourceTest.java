package io.tasvie.gateway.auth.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.tasvie.gateway.Merchants;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenResourceTest {

  static String formToken(String clientId, String secret) {
    return given()
        .contentType(ContentType.URLENC)
        .formParam("grant_type", "client_credentials")
        .formParam("client_id", clientId)
        .formParam("client_secret", secret)
        .post("/v1/auth/token")
        .then()
        .statusCode(200)
        .body("token_type", equalTo("Bearer"))
        .body("expires_in", equalTo(3600))
        .extract()
        .path("access_token");
  }

  static ValidatableResponse onboardWith(String token) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Merchants.VALID)
        .post("/v1/merchants")
        .then();
  }

  @Test
  void bootstrappedAdminGetsATokenThatOpensAdminEndpoints() {
    onboardWith(formToken("admin", "test-admin-secret")).statusCode(201);
  }

  @Test
  void theWalletClientGetsAWalletToken() {
    given()
        .formParam("grant_type", "client_credentials")
        .formParam("client_id", "wallet")
        .formParam("client_secret", "test-wallet-secret")
        .post("/v1/auth/token")
        .then()
        .statusCode(200)
        .body("role", equalTo("wallet"));
  }

  @Test
  void financeTokenCannotOnboardMerchants() {
    onboardWith(formToken("finance", "test-finance-secret"))
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tasvie:problem:forbidden"));
  }

  @Test
  void merchantLogsInWithItsNumberAndSecretAsJsonOrBasic() {
    ExtractableResponse<Response> merchant = Merchants.register(Merchants.VALID);
    String number = merchant.path("merchantNumber");
    String secret = merchant.path("secret");

    String token =
        given()
            .contentType(ContentType.JSON)
            .body(
                "{\"grant_type\":\"client_credentials\",\"client_id\":\""
                    + number
                    + "\",\"client_secret\":\""
                    + secret
                    + "\"}")
            .post("/v1/auth/token")
            .then()
            .statusCode(200)
            .body("role", equalTo("merchant"))
            .body("access_token", notNullValue())
            .extract()
            .path("access_token");
    // A merchant token is not an admin token.
    given()
        .auth()
        .oauth2(token)
        .get("/v1/merchants/{id}", merchant.<String>path("merchantId"))
        .then()
        .statusCode(403);

    given()
        .auth()
        .preemptive()
        .basic(number, secret)
        .contentType(ContentType.URLENC)
        .formParam("grant_type", "client_credentials")
        .post("/v1/auth/token")
        .then()
        .statusCode(200)
        .body("role", equalTo("merchant"));
  }

  @Test
  void wrongOrUnknownCredentialsAreRefusedAlike() {
    ExtractableResponse<Response> merchant = Merchants.register(Merchants.VALID);
    refused(merchant.path("merchantNumber"), "not-the-secret");
    refused("99999999", "whatever");
    refused("admin", "wrong");
    refused("admin", "");
    refused("' or 1=1 --", "x");
  }

  private static void refused(String clientId, String secret) {
    ExtractableResponse<Response> response =
        given()
            .contentType(ContentType.URLENC)
            .formParam("grant_type", "client_credentials")
            .formParam("client_id", clientId)
            .formParam("client_secret", secret)
            .post("/v1/auth/token")
            .then()
            .extract();
    int status = response.statusCode();
    assertEquals(true, status == 401 || status == 400, "status " + status);
    assertEquals("application/problem+json", response.contentType());
    assertEquals(status == 401 ? "invalid_client" : "invalid_request", response.path("error"));
  }

  @Test
  void otherGrantsAndMalformedRequestsAreProblems() {
    given()
        .contentType(ContentType.URLENC)
        .formParam("grant_type", "password")
        .formParam("client_id", "admin")
        .formParam("client_secret", "test-admin-secret")
        .post("/v1/auth/token")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("error", equalTo("unsupported_grant_type"));
    given()
        .contentType(ContentType.JSON)
        .body("{not json")
        .post("/v1/auth/token")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .header("Authorization", "Basic !!!")
        .contentType(ContentType.URLENC)
        .formParam("grant_type", "client_credentials")
        .post("/v1/auth/token")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }
}
