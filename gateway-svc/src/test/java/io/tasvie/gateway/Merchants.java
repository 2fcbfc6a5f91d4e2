package io.tasvie.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tasvie.common.testing.TestTokens;

/** Onboards merchants through the API, as an admin would. */
public final class Merchants {

  public static final String VALID =
      """
      {"name":"Ketab Shop","country":"IR","currency":"IRR","callbackDomains":["Shop.Example.IR"]}
      """;

  private Merchants() {}

  public static ExtractableResponse<Response> register(String body) {
    return given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/merchants")
        .then()
        .extract();
  }
}
