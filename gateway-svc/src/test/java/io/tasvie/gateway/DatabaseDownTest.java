package io.tasvie.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tasvie.common.testing.PostgresProxy;
import io.tasvie.common.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DatabaseDownTest.ThroughProxy.class)
class DatabaseDownTest {

  public static class ThroughProxy implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(
              PostgresProxy.class, Map.of("database", "tasvie_gateway_test"), true));
    }
  }

  private static final String SOME_MERCHANT = "/v1/merchants/5b0e6f0e-0000-4000-8000-000000000000";

  @Test
  void withoutPostgresReadinessIsDownAndRequestsGet503UntilItIsBack() {
    await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);

    PostgresProxy.proxy().cut();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 503);
      given()
          .auth()
          .oauth2(TestTokens.token("admin"))
          .get(SOME_MERCHANT)
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .header("Retry-After", "5")
          .body("type", equalTo("urn:tasvie:problem:service-unavailable"));
      given()
          .auth()
          .oauth2(TestTokens.token("admin"))
          .contentType(ContentType.JSON)
          .body(Merchants.VALID)
          .post("/v1/merchants")
          .then()
          .statusCode(503)
          .contentType("application/problem+json");
    } finally {
      PostgresProxy.proxy().restore();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .get(SOME_MERCHANT)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  private static int readiness() {
    return given().get("/q/health/ready").statusCode();
  }
}
