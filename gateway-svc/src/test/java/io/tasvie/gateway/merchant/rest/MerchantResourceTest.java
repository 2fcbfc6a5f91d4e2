package io.tasvie.gateway.merchant.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.gateway.Merchants;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class MerchantResourceTest {

  @Inject Database database;
  @Inject ObjectMapper mapper;

  @Test
  void adminOnboardsAMerchantAndTheEventLeavesThroughTheOutbox() throws Exception {
    try (TestKafka.Tail merchants = TestKafka.tail("merchants")) {
      ExtractableResponse<Response> created = Merchants.register(Merchants.VALID);

      assertEquals(201, created.statusCode());
      String merchantId = created.path("merchantId");
      assertTrue(created.header("Location").endsWith("/v1/merchants/" + merchantId));
      given()
          .auth()
          .oauth2(TestTokens.token("admin"))
          .get("/v1/merchants/{id}", merchantId)
          .then()
          .statusCode(200)
          .body("merchantNumber", equalTo(created.path("merchantNumber")))
          .body("callbackDomains", hasItem("shop.example.ir"))
          .body("secret", equalTo(null));
      created.response().then().body("merchantNumber", matchesPattern("\\d{8}"));
      created.response().then().body("secret", notNullValue());
      // The secret is kept only as a bcrypt hash.
      assertEquals(
          1,
          database.count(
              "select count(*) from merchant where id = ?::uuid and secret_hash like '$2%'",
              merchantId));

      ConsumerRecord<String, String> event =
          merchants.await(r -> merchantId.equals(r.key()), Duration.ofSeconds(20));
      assertEquals("MerchantRegistered", TestKafka.header(event, "ce_type"));
      assertEquals("tasvie/gateway-svc", TestKafka.header(event, "ce_source"));
      assertNotNull(TestKafka.header(event, "ce_id"));
      assertNotNull(TestKafka.header(event, "ce_time"));
      JsonNode body = mapper.readTree(event.value());
      assertEquals(merchantId, body.get("merchantId").asText());
      assertEquals("IRR", body.get("currency").asText());
      assertFalse(body.has("secret"));
      assertFalse(event.value().contains(created.<String>path("secret")));
    }
    // Published rows leave the outbox once the broker has acknowledged them.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                database.count("select count(*) from outbox_event where topic = 'merchants'") == 0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"country\":\"IR\",\"currency\":\"IRR\",\"callbackDomains\":[\"a.ir\"]}",
        "{\"name\":\" \",\"country\":\"IR\",\"currency\":\"IRR\",\"callbackDomains\":[\"a.ir\"]}",
        "{\"name\":\"A\",\"country\":\"ir\",\"currency\":\"IRR\",\"callbackDomains\":[\"a.ir\"]}",
        "{\"name\":\"A\",\"country\":\"XX\",\"currency\":\"IRR\",\"callbackDomains\":[\"a.ir\"]}",
        "{\"name\":\"A\",\"country\":\"IR\",\"currency\":\"XYZ\",\"callbackDomains\":[\"a.ir\"]}",
        "{\"name\":\"A\",\"country\":\"IR\",\"callbackDomains\":[\"a.ir\"]}",
        "{\"name\":\"A\",\"country\":\"IR\",\"currency\":\"IRR\",\"callbackDomains\":[]}",
        "{\"name\":\"A\",\"country\":\"IR\",\"currency\":\"IRR\",\"callbackDomains\":[\"javascript:alert(1)\"]}",
        "{\"name\":\"A\",\"country\":\"IR\",\"currency\":\"IRR\",\"callbackDomains\":[\"https://a.ir/x\"]}",
        "{\"name\":\"<script>alert(1)</script>\",\"country\":\"IR\",\"currency\":\"IRR\",\"callbackDomains\":\"a.ir\"}",
        "{\"name\":\"A\",\"country\":\"IR\",\"currency\":\"IRR\",\"callbackDomains\":[\"a.ir\"]",
        "[]",
        "null"
      })
  void badOnboardingRequestsAreRejectedAndChangeNothing(String body) {
    long merchants = database.count("select count(*) from merchant");
    long events = database.count("select count(*) from outbox_event");

    ExtractableResponse<Response> rejected = Merchants.register(body);

    assertEquals(400, rejected.statusCode(), rejected.asString());
    assertEquals("application/problem+json", rejected.contentType());
    rejected.response().then().body("type", matchesPattern("urn:tasvie:problem:[a-z-]+"));
    rejected.response().then().body("status", equalTo(400));
    assertEquals(merchants, database.count("select count(*) from merchant"));
    assertEquals(events, database.count("select count(*) from outbox_event"));
  }

  @Test
  void aBodyOverTheLimitIsRefusedBeforeAnythingReadsIt() {
    long merchants = database.count("select count(*) from merchant");
    String padding = "x".repeat(70 * 1024);

    ExtractableResponse<Response> refused =
        Merchants.register(
            "{\"name\":\""
                + padding
                + "\",\"country\":\"IR\",\"currency\":\"IRR\","
                + "\"callbackDomains\":[\"a.ir\"]}");

    assertEquals(413, refused.statusCode());
    assertEquals("application/problem+json", refused.contentType());
    assertEquals("urn:tasvie:problem:payload-too-large", refused.path("type"));
    assertEquals(merchants, database.count("select count(*) from merchant"));
  }

  @Test
  void violationsNameTheField() {
    Merchants.register(
            "{\"name\":\"A\",\"country\":\"IR\",\"currency\":\"IRR\",\"callbackDomains\":[]}")
        .response()
        .then()
        .body("type", equalTo("urn:tasvie:problem:invalid-request"))
        .body("violations", hasSize(1))
        .body("violations[0].field", equalTo("callbackDomains"));
  }

  @Test
  void unknownMerchantIsAProblem() {
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .get("/v1/merchants/{id}", "5b0e6f0e-0000-4000-8000-000000000000")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tasvie:problem:merchant-not-found"))
        .body("instance", endsWith("/v1/merchants/5b0e6f0e-0000-4000-8000-000000000000"));
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .get("/v1/merchants/{id}", "../../etc/passwd")
        .then()
        .statusCode(400) // one path segment that is no UUID: a malformed parameter
        .contentType("application/problem+json")
        .body("violations[0].field", equalTo("path parameter merchantId"));
  }
}
