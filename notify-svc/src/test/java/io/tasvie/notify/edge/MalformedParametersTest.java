package io.tasvie.notify.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tasvie.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Parameters that do not parse are 400 naming them; {@code not-found} means no such path. */
@QuarkusTest
class MalformedParametersTest {

  @Test
  void aMalformedTransactionIdIs400() {
    invalid(
        given()
            .auth()
            .oauth2(TestTokens.token("admin"))
            .get("/v1/messages?transactionId=not-a-uuid")
            .then(),
        "query parameter transactionId");
  }

  @Test
  void aMalformedMessageIdIs400() {
    invalid(
        given().auth().oauth2(TestTokens.token("admin")).get("/v1/messages/not-a-uuid").then(),
        "path parameter messageId");
  }

  @Test
  void aRecipientWithAControlCharacterIs400() {
    invalid(
        given()
            .auth()
            .oauth2(TestTokens.token("admin"))
            .urlEncodingEnabled(false)
            .get("/v1/messages?recipient=%2B98912%00")
            .then(),
        "query parameter recipient");
  }

  private static void invalid(ValidatableResponse response, String field) {
    response
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tasvie:problem:invalid-request"))
        .body("violations[0].field", equalTo(field));
  }
}
