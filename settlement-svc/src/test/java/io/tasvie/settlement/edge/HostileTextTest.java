package io.tasvie.settlement.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tasvie.common.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Text PostgreSQL cannot hold and parameters that do not parse: 400 naming the field. */
@QuarkusTest
class HostileTextTest {

  @Test
  void aHolidayNameWithNulIsRefused() {
    invalid(
        given()
            .auth()
            .oauth2(TestTokens.token("admin"))
            .contentType(ContentType.JSON)
            .body("{\"date\":\"2026-12-03\",\"name\":\"Snow\\u0000day\"}")
            .post("/v1/calendars/XK/holidays")
            .then(),
        "name");
  }

  @Test
  void aContractAccountHolderWithALoneSurrogateIsRefused() {
    invalid(
        given()
            .auth()
            .oauth2(TestTokens.token("admin"))
            .contentType(ContentType.JSON)
            .body("{\"delayDays\":1,\"cutoff\":\"23:59\",\"accountHolder\":\"Ketab \\ud800Co\"}")
            .put("/v1/merchants/" + UUID.randomUUID() + "/settlement-contract")
            .then(),
        "accountHolder");
  }

  @Test
  void malformedParametersAre400NotNotFound() {
    String finance = TestTokens.token("finance");
    invalid(
        given().auth().oauth2(finance).get("/v1/settlement-batches?merchantId=not-a-uuid").then(),
        "query parameter merchantId");
    invalid(
        given().auth().oauth2(finance).get("/v1/settlement-batches/not-a-uuid").then(),
        "path parameter batchId");
    invalid(
        given().auth().oauth2(finance).get("/v1/settlement-batches?page=abc").then(),
        "query parameter page");
  }

  private static void invalid(ValidatableResponse response, String field) {
    response
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tasvie:problem:invalid-request"))
        .body("violations[0].field", equalTo(field));
  }
}
