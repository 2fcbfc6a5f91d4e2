package io.tasvie.gateway.auth.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tasvie.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Every way a bearer token can be wrong answers 401 or 403 as problem+json. */
@QuarkusTest
class JwtRejectionTest {

  private static final String MERCHANT = "/v1/merchants/5b0e6f0e-0000-4000-8000-000000000000";

  @Test
  void missingToken() {
    unauthenticated(given());
  }

  @Test
  void expiredToken() {
    unauthenticated(given().auth().oauth2(TestTokens.expired("admin")));
  }

  @Test
  void tokenSignedByAnotherKey() {
    unauthenticated(given().auth().oauth2(TestTokens.signedByStranger("admin")));
  }

  @Test
  void tokenFromAnotherIssuer() {
    unauthenticated(given().auth().oauth2(TestTokens.withIssuer("evil", "admin")));
  }

  @Test
  void garbageAndUnsignedTokens() {
    unauthenticated(given().auth().oauth2("not.a.jwt"));
    // alg=none with an admin claim must not pass
    unauthenticated(
        given()
            .auth()
            .oauth2(
                "eyJhbGciOiJub25lIn0.eyJpc3MiOiJ0YXN2aWUiLCJncm91cHMiOlsiYWRtaW4iXSwiZXhwIjo0MTAyNDQ0ODAwfQ."));
  }

  @Test
  void wrongRole() {
    given()
        .auth()
        .oauth2(TestTokens.token("merchant"))
        .get(MERCHANT)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tasvie:problem:forbidden"));
  }

  private static void unauthenticated(RequestSpecification request) {
    request
        .get(MERCHANT)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("type", equalTo("urn:tasvie:problem:unauthenticated"));
  }
}
