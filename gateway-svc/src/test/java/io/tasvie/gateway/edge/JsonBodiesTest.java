package io.tasvie.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JSON body is taken only as {@code application/json} in UTF-8: no Content-Type, another charset
 * or another type is 415 and creates nothing. Sent with java.net.http, which adds no Content-Type
 * of its own.
 */
@QuarkusTest
class JsonBodiesTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TestHTTPResource("/")
  URL root;

  @Inject Database database;

  Onboarded merchant;

  @BeforeEach
  void onboard() {
    merchant = Merchants.onboard();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "application/json; charset=utf-16",
        "application/json; charset=iso-8859-1",
        "text/plain",
        "application/x-www-form-urlencoded"
      })
  void aPaymentIsCreatedOnlyFromUtf8Json(String contentType) throws Exception {
    String body = Checkout.body("CT-" + UUID.randomUUID(), 120_000, "IRR");

    HttpResponse<String> answer = post("/v1/payments", merchant.token(), contentType, body);

    assertEquals(415, answer.statusCode(), answer.body());
    assertTrue(
        answer
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"));
    assertTrue(answer.body().contains("urn:tasvie:problem:unsupported-media-type"), answer.body());
    assertEquals(
        0, database.count("select count(*) from payment where merchant_id = ?", merchant.id()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=UTF-8",
        "application/json;charset=utf-8"
      })
  void utf8JsonIsTaken(String contentType) throws Exception {
    String body = Checkout.body("CT-" + UUID.randomUUID(), 120_000, "IRR");
    assertEquals(201, post("/v1/payments", merchant.token(), contentType, body).statusCode());
  }

  @Test
  void everyJsonEndpointHoldsToTheRule() throws Exception {
    String admin = TestTokens.token("admin");
    assertEquals(415, post("/v1/merchants", admin, "", Merchants.VALID).statusCode());
    assertEquals(
        415,
        put("/v1/merchants/" + merchant.id() + "/settings", merchant.token(), "", "{}")
            .statusCode());
    assertEquals(
        415,
        post(
                "/v1/auth/token",
                null,
                "application/json; charset=utf-16",
                "{\"grant_type\":\"client_credentials\"}")
            .statusCode());
    UUID paymentId = Checkout.newPayment(merchant, 120_000);
    assertEquals(
        415,
        post("/v1/payments/" + paymentId + "/verify", merchant.token(), "", "{\"amount\":120000}")
            .statusCode());
    // A POST that takes no body needs no Content-Type (this one is refused for what it asks).
    assertEquals(
        409, post("/v1/payments/" + paymentId + "/reverse", merchant.token(), "", "").statusCode());
  }

  private HttpResponse<String> post(String path, String token, String contentType, String body)
      throws IOException, InterruptedException {
    return send("POST", path, token, contentType, body);
  }

  private HttpResponse<String> put(String path, String token, String contentType, String body)
      throws IOException, InterruptedException {
    return send("PUT", path, token, contentType, body);
  }

  private HttpResponse<String> send(
      String method, String path, String token, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(root.toString()).resolve(path))
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (!contentType.isEmpty()) {
      request.header("Content-Type", contentType);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
