package io.tasvie.terminal.terminal;

import static io.restassured.RestAssured.given;
import static io.tasvie.terminal.testing.Terminals.SUPERVISOR_CODE;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TerminalClient;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.terminal.testing.Terminals;
import io.tasvie.terminal.testing.Terminals.Active;
import io.tasvie.terminal.testing.Terminals.Approved;
import io.tasvie.terminal.testing.Terminals.Merchant;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Activation codes: one-time, expiring, for their own merchant; and what activation returns. */
@QuarkusTest
class ActivationTest {

  @Inject Database database;

  @Test
  void activationReturnsACredentialForThatTerminalAndTheCodeCannotBeReused() {
    Merchant merchant = Terminals.merchant("EUR");
    String deviceId = Terminals.deviceId();
    Approved approved =
        Terminals.approve(Terminals.request(merchant, Terminals.softPosRequest(deviceId)));
    try (TestKafka.Tail events = TestKafka.tail("terminals")) {
      Terminals.activate(merchant, approved.activationCode(), deviceId, SUPERVISOR_CODE)
          .then()
          .statusCode(200)
          .body("terminalId", equalTo(approved.terminalId()))
          .body("tokenType", equalTo("Bearer"))
          .body("accessToken", notNullValue())
          .body("refreshToken", notNullValue());
      var event =
          events.await(
              r ->
                  approved.terminalId().equals(r.key())
                      && "TerminalActivated".equals(TestKafka.header(r, "ce_type")),
              Duration.ofSeconds(30));
      assertEquals(deviceId, Terminals.json(event.value()).path("deviceId").asText());
    }
    Terminals.activate(merchant, approved.activationCode(), deviceId, SUPERVISOR_CODE)
        .then()
        .statusCode(409)
        .body("type", endsWith("activation-code-used"));
    // The supervisor code is kept as a slow hash only.
    assertEquals(
        1,
        database.count(
            "select count(*) from terminal where terminal_id = ? and supervisor_code_hash like '$2%'",
            approved.terminalId()));
  }

  @Test
  void anExpiredCodeOrACodeForAnotherMerchantIsRefused() {
    Merchant merchant = Terminals.merchant("EUR");
    Merchant stranger = Terminals.merchant("EUR");
    String deviceId = Terminals.deviceId();
    Approved approved =
        Terminals.approve(Terminals.request(merchant, Terminals.softPosRequest(deviceId)));

    Terminals.activate(stranger, approved.activationCode(), deviceId, SUPERVISOR_CODE)
        .then()
        .statusCode(400)
        .body("type", endsWith("activation-code-invalid"));
    Terminals.activate(merchant, "WRONGCODE1", deviceId, SUPERVISOR_CODE)
        .then()
        .statusCode(400)
        .body("type", endsWith("activation-code-invalid"));
    Terminals.activate(merchant, approved.activationCode(), "someone-elses-phone", SUPERVISOR_CODE)
        .then()
        .statusCode(409)
        .body("type", endsWith("device-mismatch"));
    Terminals.activate(merchant, approved.activationCode(), deviceId, null)
        .then()
        .statusCode(400)
        .body("type", endsWith("missing-supervisor-code"));

    database.update(
        "update activation_code set expires_at = now() - interval '1 minute'"
            + " where terminal_id = cast(? as uuid)",
        approved.ref());
    Terminals.activate(merchant, approved.activationCode(), deviceId, SUPERVISOR_CODE)
        .then()
        .statusCode(410)
        .body("type", endsWith("activation-code-expired"));
    assertEquals(
        1,
        database.count(
            "select count(*) from terminal where id = cast(? as uuid) and status = 'APPROVED'",
            approved.ref()));

    // A new code (the old one is void) activates.
    try (TestKafka.Tail events = TestKafka.tail("terminals")) {
      given()
          .auth()
          .oauth2(TestTokens.merchant(merchant.id()))
          .post("/v1/terminals/{id}/activation-code", approved.terminalId())
          .then()
          .statusCode(202);
      String fresh = Terminals.activationCode(events, approved.terminalId());
      Terminals.activate(merchant, fresh.toLowerCase(), deviceId, SUPERVISOR_CODE)
          .then()
          .statusCode(200);
    }
  }

  @Test
  void activatingAnActiveTerminalAgainEndsTheOldDevicesSession() {
    Active terminal = Terminals.softPos("EUR");
    TerminalClient old = terminal.session();
    try (TestKafka.Tail events = TestKafka.tail("terminals")) {
      given()
          .auth()
          .oauth2(TestTokens.merchant(terminal.merchant().id()))
          .post("/v1/terminals/{id}/activation-code", terminal.terminalId())
          .then()
          .statusCode(202);
      String code = Terminals.activationCode(events, terminal.terminalId());
      Terminals.activate(terminal.merchant(), code, terminal.deviceId(), SUPERVISOR_CODE)
          .then()
          .statusCode(200);
    }
    assertEquals(4409, old.awaitClose());
    assertThrows(TerminalClient.Refused.class, terminal::session);
  }

  @Test
  void reactivatingASoftPosWithoutASupervisorCodeKeepsTheOldOne() {
    Active terminal = Terminals.softPos("EUR");
    String code;
    try (TestKafka.Tail events = TestKafka.tail("terminals")) {
      given()
          .auth()
          .oauth2(TestTokens.merchant(terminal.merchant().id()))
          .post("/v1/terminals/{id}/activation-code", terminal.terminalId())
          .then()
          .statusCode(202);
      code = Terminals.activationCode(events, terminal.terminalId());
    }
    String token =
        Terminals.activate(terminal.merchant(), code, terminal.deviceId(), null)
            .then()
            .statusCode(200)
            .extract()
            .path("accessToken");
    // The code set at the first activation still authorises, and a wrong one is still wrong.
    try (TerminalClient session = TerminalClient.open(token)) {
      JsonNode merchantWide =
          session.request(
              "history", Map.of("scope", "merchant", "supervisorCode", SUPERVISOR_CODE));
      assertEquals("history.result", merchantWide.path("type").asText(), merchantWide.toString());
      assertEquals(
          "SUPERVISOR_CODE_WRONG",
          session
              .request("history", Map.of("scope", "merchant", "supervisorCode", "0000"))
              .path("code")
              .asText());
    }
  }

  @Test
  void theFirstSoftPosActivationMustSetASupervisorCode() {
    Merchant merchant = Terminals.merchant("EUR");
    String deviceId = Terminals.deviceId();
    Approved approved =
        Terminals.approve(Terminals.request(merchant, Terminals.softPosRequest(deviceId)));
    Terminals.activate(merchant, approved.activationCode(), deviceId, null)
        .then()
        .statusCode(400)
        .body("type", endsWith("missing-supervisor-code"));
  }

  @Test
  void theRefreshTokenObtainsANewAccessToken() {
    Active terminal = Terminals.softPos("EUR");
    String next =
        given()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "terminalId", terminal.terminalId(), "refreshToken", terminal.refreshToken()))
            .post("/v1/terminals/token")
            .then()
            .statusCode(200)
            .extract()
            .path("accessToken");
    try (TerminalClient session = TerminalClient.open(next)) {
      assertEquals(terminal.terminalId(), session.welcome().path("terminalId").asText());
    }
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("terminalId", terminal.terminalId(), "refreshToken", "guess"))
        .post("/v1/terminals/token")
        .then()
        .statusCode(401);
  }

  @Test
  void rebindingMovesTheTerminalToANewDeviceAndVoidsTheOldCredential() {
    Active terminal = Terminals.softPos("EUR");
    TerminalClient old = terminal.session();
    given()
        .auth()
        .oauth2(TestTokens.merchant(terminal.merchant().id()))
        .contentType(ContentType.JSON)
        .body(Map.of("supervisorCode", "9999", "deviceId", "new-tablet-1"))
        .post("/v1/terminals/{id}/rebind", terminal.terminalId())
        .then()
        .statusCode(403)
        .body("type", endsWith("supervisor-code-wrong"));
    String token =
        given()
            .auth()
            .oauth2(TestTokens.merchant(terminal.merchant().id()))
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "supervisorCode",
                    SUPERVISOR_CODE,
                    "deviceId",
                    "new-tablet-1",
                    "operator",
                    "Arta"))
            .post("/v1/terminals/{id}/rebind", terminal.terminalId())
            .then()
            .statusCode(200)
            .extract()
            .path("accessToken");
    assertEquals(4409, old.awaitClose());
    assertThrows(TerminalClient.Refused.class, terminal::session);
    assertNotEquals(terminal.token(), token);
    try (TerminalClient session = TerminalClient.open(token)) {
      assertEquals("ping.result", session.request("ping", Map.of()).path("type").asText());
    }
    given()
        .auth()
        .oauth2(TestTokens.merchant(terminal.merchant().id()))
        .get("/v1/terminals/{id}", terminal.terminalId())
        .then()
        .body("deviceId", equalTo("new-tablet-1"))
        .body("operator", equalTo("Arta"));
  }
}
