package io.tasvie.notify.edge;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.tasvie.common.testing.Problems;
import io.tasvie.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Parameters that do not parse are 400 naming them; {@code not-found} means no such path. */
@QuarkusTest
class MalformedParametersTest {

  @Test
  void aMalformedTransactionIdIs400() {
    Problems.invalidField(
        given()
            .auth()
            .oauth2(TestTokens.token("admin"))
            .get("/v1/messages?transactionId=not-a-uuid")
            .then(),
        "query parameter transactionId");
  }

  @Test
  void aMalformedMessageIdIs400() {
    Problems.invalidField(
        given().auth().oauth2(TestTokens.token("admin")).get("/v1/messages/not-a-uuid").then(),
        "path parameter messageId");
  }

  @Test
  void aRecipientWithAControlCharacterIs400() {
    Problems.invalidField(
        given()
            .auth()
            .oauth2(TestTokens.token("admin"))
            .urlEncodingEnabled(false)
            .get("/v1/messages?recipient=%2B98912%00")
            .then(),
        "query parameter recipient");
  }
}
