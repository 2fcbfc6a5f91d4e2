package io.tasvie.gateway.auth.lockout;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.ValidatableResponse;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The merchant secret is checked at two doors, the token endpoint and PayRep's {@code Rmz}: one
 * counter per credential, whichever door is tried (PCI DSS 8.3.4: at most 10 attempts, then locked
 * for 30 minutes or until an admin unlocks it).
 */
@QuarkusTest
class CredentialLockoutTest {

  @Inject Database database;

  Onboarded merchant;

  @BeforeEach
  void onboard() {
    merchant = Merchants.onboard();
  }

  @Test
  void tenWrongSecretsAtTheTokenEndpointLockBothDoorsEvenForTheRightSecret() {
    for (int i = 0; i < 10; i++) {
      token(merchant.number(), "guess-" + i)
          .statusCode(401)
          .body("type", equalTo("urn:tasvie:problem:invalid-client"));
    }

    token(merchant.number(), merchant.secret())
        .statusCode(401)
        .contentType("application/problem+json")
        .header("Retry-After", notNullValue())
        .body("type", equalTo("urn:tasvie:problem:client-locked"))
        .body("error", equalTo("invalid_client"));
    assertEquals(2, payRep(merchant.number(), merchant.secret()).getInt("PayRepResult.Err"));
  }

  @Test
  void wrongRmzAtPayRepCountForTheTokenEndpoint() {
    for (int i = 0; i < 9; i++) {
      assertEquals(1, payRep(merchant.number(), "guess-" + i).getInt("PayRepResult.Err"));
    }
    token(merchant.number(), "guess-9").statusCode(401);

    token(merchant.number(), merchant.secret())
        .statusCode(401)
        .body("type", equalTo("urn:tasvie:problem:client-locked"));
  }

  @Test
  void theRightSecretStartsTheCountAgainAtEitherDoor() {
    for (int i = 0; i < 9; i++) {
      token(merchant.number(), "guess-" + i).statusCode(401);
    }
    assertEquals(3, payRep(merchant.number(), merchant.secret()).getInt("PayRepResult.Err"));
    for (int i = 0; i < 9; i++) {
      payRep(merchant.number(), "guess-" + i);
    }
    token(merchant.number(), merchant.secret()).statusCode(200);
  }

  @Test
  void anAdminUnlocksAndTheUnlockIsAudited() {
    lock();
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .get("/v1/auth/lockouts/" + merchant.number())
        .then()
        .statusCode(200)
        .body("locked", equalTo(true))
        .body("lockedUntil", notNullValue());
    // Not for the merchant itself, nor for finance.
    given()
        .auth()
        .oauth2(merchant.token())
        .delete("/v1/auth/lockouts/" + merchant.number())
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.token("finance"))
        .delete("/v1/auth/lockouts/" + merchant.number())
        .then()
        .statusCode(403);
    token(merchant.number(), merchant.secret()).statusCode(401);

    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .delete("/v1/auth/lockouts/" + merchant.number())
        .then()
        .statusCode(204);

    token(merchant.number(), merchant.secret()).statusCode(200);
    assertEquals(3, payRep(merchant.number(), merchant.secret()).getInt("PayRepResult.Err"));
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .get("/v1/merchants/" + merchant.id() + "/settings/changes")
        .then()
        .statusCode(200)
        .body("[0].role", equalTo("admin"))
        .body("[0].changes[0].field", equalTo("credentialLock"));
  }

  @Test
  void theLockExpires() {
    lock();
    token(merchant.number(), merchant.secret()).statusCode(401);

    // As if the lockout's 30 minutes had passed.
    database.update(
        "update credential_lockout set locked_until = now() - interval '1 second',"
            + " last_failure_at = now() - interval '31 minutes' where client_id = ?",
        merchant.number());

    token(merchant.number(), merchant.secret()).statusCode(200);
    assertEquals(3, payRep(merchant.number(), merchant.secret()).getInt("PayRepResult.Err"));
  }

  @Test
  void failuresLongAgoAreForgotten() {
    for (int i = 0; i < 9; i++) {
      token(merchant.number(), "guess-" + i).statusCode(401);
    }
    database.update(
        "update credential_lockout set last_failure_at = now() - interval '31 minutes'"
            + " where client_id = ?",
        merchant.number());

    token(merchant.number(), "guess-9").statusCode(401);
    token(merchant.number(), merchant.secret()).statusCode(200);
  }

  @Test
  void unknownClientsLockNothingAndAnswerAsWrongSecrets() {
    for (int i = 0; i < 12; i++) {
      token("99999999", "guess-" + i)
          .statusCode(401)
          .body("type", equalTo("urn:tasvie:problem:invalid-client"));
    }
    assertEquals(
        0, database.count("select count(*) from credential_lockout where client_id = '99999999'"));
  }

  private void lock() {
    for (int i = 0; i < 10; i++) {
      token(merchant.number(), "guess-" + i).statusCode(401);
    }
    assertTrue(
        database.count(
                "select count(*) from credential_lockout where client_id = ?"
                    + " and locked_until > now()",
                merchant.number())
            == 1);
  }

  static ValidatableResponse token(String clientId, String secret) {
    return given()
        .formParam("grant_type", "client_credentials")
        .formParam("client_id", clientId)
        .formParam("client_secret", secret)
        .post("/v1/auth/token")
        .then();
  }

  private XmlPath payRep(String id, String rmz) {
    String body =
        given()
            .queryParam("ID", id)
            .queryParam("Rmz", rmz)
            .queryParam("Res", "no-such-res")
            .get("/WebServiceMoPos.asmx/PayRep")
            .then()
            .statusCode(200)
            .contentType(containsString("text/xml"))
            .extract()
            .asString();
    return new XmlPath(body);
  }
}
