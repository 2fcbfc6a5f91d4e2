package io.tasvie.settlement.edge;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tasvie.common.testing.Problems;
import io.tasvie.common.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Text PostgreSQL cannot hold and parameters that do not parse: 400 naming the field. */
@QuarkusTest
class HostileTextTest {

  @Test
  void aHolidayNameWithNulIsRefused() {
    Problems.invalidField(
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
    Problems.invalidField(
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
    Problems.invalidField(
        given().auth().oauth2(finance).get("/v1/settlement-batches?merchantId=not-a-uuid").then(),
        "query parameter merchantId");
    Problems.invalidField(
        given().auth().oauth2(finance).get("/v1/settlement-batches/not-a-uuid").then(),
        "path parameter batchId");
    Problems.invalidField(
        given().auth().oauth2(finance).get("/v1/settlement-batches?page=abc").then(),
        "query parameter page");
  }
}
