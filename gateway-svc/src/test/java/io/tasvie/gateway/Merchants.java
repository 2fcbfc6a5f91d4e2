package io.tasvie.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tasvie.common.testing.TestTokens;
import java.util.List;
import java.util.UUID;

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

  /** A merchant that can sell on the gateway: its ids, its secret (the legacy Rmz), its token. */
  public record Onboarded(UUID id, String number, String secret, String token, String name) {}

  /** Registers a merchant whose callback domains are {@code domains} and logs it in. */
  public static Onboarded onboard(String name, List<String> domains) {
    String body =
        "{\"name\":\""
            + name
            + "\",\"country\":\"IR\",\"currency\":\"IRR\",\"callbackDomains\":[\""
            + String.join("\",\"", domains)
            + "\"]}";
    ExtractableResponse<Response> registered = register(body);
    if (registered.statusCode() != 201) {
      throw new AssertionError("merchant not registered: " + registered.asString());
    }
    String number = registered.path("merchantNumber");
    String secret = registered.path("secret");
    String token =
        given()
            .formParam("grant_type", "client_credentials")
            .formParam("client_id", number)
            .formParam("client_secret", secret)
            .post("/v1/auth/token")
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");
    return new Onboarded(
        UUID.fromString(registered.path("merchantId")), number, secret, token, name);
  }

  public static Onboarded onboard() {
    return onboard("Ketab Shop", List.of("shop.example.ir", "localhost"));
  }

  /**
   * Sets the merchant's settings to {@code settings} (the rest left out: off or unset), keeping the
   * callback domains {@link #onboard()} gave it unless {@code settings} names others.
   */
  public static void configure(Onboarded merchant, java.util.Map<String, Object> settings) {
    java.util.Map<String, Object> body = new java.util.HashMap<>(settings);
    body.putIfAbsent("callbackDomains", List.of("shop.example.ir", "localhost"));
    given()
        .auth()
        .oauth2(merchant.token())
        .contentType(ContentType.JSON)
        .body(body)
        .put("/v1/merchants/" + merchant.id() + "/settings")
        .then()
        .statusCode(200);
  }
}
