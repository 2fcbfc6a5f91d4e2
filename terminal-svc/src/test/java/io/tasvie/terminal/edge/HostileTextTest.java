package io.tasvie.terminal.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.terminal.testing.Terminals;
import io.tasvie.terminal.testing.Terminals.Merchant;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A terminal label PostgreSQL cannot hold is refused naming the field, and nothing registered. */
@QuarkusTest
class HostileTextTest {

  @Inject Database database;

  @Test
  void aLabelWithNulIsRefusedAndNothingIsRegistered() {
    Merchant merchant = Terminals.merchant("IRR");
    String qr = "QR-" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchant.id()))
        .contentType(ContentType.JSON)
        .body(Map.of("kind", "TILL", "qrId", qr, "email", "a@b.ir", "label", "Till\u00001"))
        .post("/v1/terminals")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tasvie:problem:invalid-request"))
        .body("violations[0].field", equalTo("label"));
    assertEquals(
        0,
        database.count(
            "select count(*) from terminal where merchant_id = cast(? as uuid)", merchant.id()));
  }

  @Test
  void aMalformedTerminalIdIsStillAnAnswerNotA500() {
    Merchant merchant = Terminals.merchant("IRR");
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchant.id()))
        .urlEncodingEnabled(false)
        .get("/v1/terminals/TM%00001")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("path parameter id"));
  }
}
