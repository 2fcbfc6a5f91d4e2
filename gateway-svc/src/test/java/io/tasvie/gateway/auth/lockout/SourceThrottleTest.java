package io.tasvie.gateway.auth.lockout;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One source address cannot lock a merchant out: its failures across all credentials throttle it
 * (429 with Retry-After) before any credential reaches its limit. The limit is 3 here, as every
 * test calls from 127.0.0.1.
 */
@QuarkusTest
@TestProfile(SourceThrottleTest.ThreeFailuresPerSource.class)
class SourceThrottleTest {

  public static class ThreeFailuresPerSource implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("tasvie.auth.lockout.source-max-failures", "3");
    }
  }

  @Inject Database database;

  @Test
  void aSourceWithTooManyFailuresIsThrottledBeforeItLocksAnyone() {
    Onboarded merchant = Merchants.onboard();
    Onboarded other = Merchants.onboard();
    database.update("delete from auth_source_failure");

    CredentialLockoutTest.token(merchant.number(), "guess-1").statusCode(401);
    CredentialLockoutTest.token("99999999", "guess-2").statusCode(401);
    given()
        .queryParam("ID", other.number())
        .queryParam("Rmz", "guess-3")
        .queryParam("Res", "x")
        .get("/WebServiceMoPos.asmx/PayRep")
        .then()
        .statusCode(200);

    // Throttled now, even with a right secret, and neither door checks another guess.
    CredentialLockoutTest.token(merchant.number(), merchant.secret())
        .statusCode(429)
        .contentType("application/problem+json")
        .header("Retry-After", org.hamcrest.Matchers.notNullValue())
        .body("type", equalTo("urn:tasvie:problem:too-many-failed-attempts"));
    CredentialLockoutTest.token(merchant.number(), "guess-4").statusCode(429);
    given()
        .queryParam("ID", other.number())
        .queryParam("Rmz", "guess-5")
        .queryParam("Res", "x")
        .get("/WebServiceMoPos.asmx/PayRep")
        .then()
        .statusCode(200)
        .body("PayRepResult.Err", equalTo("2"));
    // No merchant was locked by it.
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .get("/v1/auth/lockouts/" + merchant.number())
        .then()
        .statusCode(200)
        .body("locked", equalTo(false))
        .body("failures", equalTo(1));
    assertEquals(
        0,
        database.count("select count(*) from credential_lockout where locked_until is not null"));

    // The throttle ends a lockout's duration after the source's last failure.
    database.update(
        "update auth_source_failure set last_failure_at = now() - interval '31 minutes'");
    CredentialLockoutTest.token(merchant.number(), merchant.secret()).statusCode(200);
  }
}
