package io.tasvie.terminal.session;

import static io.restassured.RestAssured.given;
import static io.tasvie.terminal.testing.Terminals.card;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TerminalClient;
import io.tasvie.common.testing.TerminalClient.Refused;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.terminal.testing.Terminals;
import io.tasvie.terminal.testing.Terminals.Active;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The session itself: admission, bad frames, one session per terminal, presence, heartbeats. */
@QuarkusTest
class SessionTest {

  @Inject Database database;

  @Test
  void aSessionOpensWithAWelcomeAndAnswersPings() {
    Active terminal = Terminals.softPos("EUR");
    try (TerminalClient session = terminal.session()) {
      JsonNode welcome = session.welcome();
      assertEquals(terminal.terminalId(), welcome.path("terminalId").asText());
      assertEquals("SOFTPOS_NFC", welcome.path("kind").asText());
      assertEquals(65536, welcome.path("maxFrameBytes").asInt());

      JsonNode pong = session.request("ping", "p-1", Map.of());
      assertEquals("ping.result", pong.path("type").asText());
      assertEquals("p-1", pong.path("id").asText());
    }
  }

  @Test
  void badFramesAreAnsweredWithErrorsAndChangeNothing() {
    Active terminal = Terminals.softPos("EUR");
    try (TerminalClient session = terminal.session()) {
      session.sendRaw("{not json");
      JsonNode malformed = session.awaitType("error");
      assertEquals("INVALID_JSON", malformed.path("code").asText());
      assertTrue(malformed.path("id").isNull());

      session.sendRaw("{\"type\":\"ping\"}");
      assertEquals("MISSING_ID", session.awaitType("error").path("code").asText());

      session.sendRaw("{\"type\":\"ping\",\"id\":\"x\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
      assertEquals("FRAME_TOO_LARGE", session.awaitType("error").path("code").asText());

      JsonNode unknown = session.request("teleport", Map.of());
      assertEquals("UNKNOWN_TYPE", unknown.path("code").asText());
      assertTrue(unknown.path("supported").toString().contains("purchase"));

      Map<String, Object> visa = card("4006090000000007", "CHIP", true);
      assertEquals("INVALID_AMOUNT", purchaseError(session, 0, "EUR", visa));
      assertEquals("INVALID_AMOUNT", purchaseError(session, -500, "EUR", visa));
      JsonNode notANumber =
          session.request("purchase", Map.of("amount", "12.50", "currency", "EUR", "card", visa));
      assertEquals("INVALID_FIELD", notANumber.path("code").asText());
      assertEquals("amount", notANumber.path("field").asText());
      assertEquals("CURRENCY_NOT_ACCEPTED", purchaseError(session, 100, "IRR", visa));
      assertEquals(
          "INVALID_CARD",
          purchaseError(session, 100, "EUR", card("4006090000000008", "CHIP", true)));
      assertEquals(
          "UNKNOWN_ENTRY_MODE",
          purchaseError(session, 100, "EUR", card("4006090000000007", "MAGIC", true)));

      // The session is still open and nothing was recorded.
      assertEquals("ping.result", session.request("ping", Map.of()).path("type").asText());
      assertEquals(
          0,
          database.count(
              "select count(*) from card_transaction where terminal_id = cast(? as uuid)",
              terminal.ref()));
    }
  }

  private static String purchaseError(
      TerminalClient session, Object amount, String currency, Map<String, Object> card) {
    return session
        .request("purchase", Map.of("amount", amount, "currency", currency, "card", card))
        .path("code")
        .asText();
  }

  @Test
  void aSecondSessionReplacesTheFirst() {
    Active terminal = Terminals.softPos("EUR");
    TerminalClient first = terminal.session();
    try (TerminalClient second = terminal.session()) {
      assertEquals(4000, first.awaitClose());
      assertEquals("replaced", first.closeReason());
      assertEquals("ping.result", second.request("ping", Map.of()).path("type").asText());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  database.count(
                          "select count(*) from terminal_session where terminal_id = cast(? as uuid)"
                              + " and close_reason = 'REPLACED'",
                          terminal.ref())
                      == 1);
    }
  }

  @Test
  void presenceShowsTheOpenSessionAndTheCloseIsRecorded() {
    Active terminal = Terminals.softPos("EUR");
    String admin = TestTokens.token("admin");
    try (TerminalClient session = terminal.session()) {
      session.request("ping", Map.of());
      given()
          .auth()
          .oauth2(admin)
          .get("/v1/terminals/{id}", terminal.terminalId())
          .then()
          .statusCode(200)
          .body("online", equalTo(true))
          .body("lastSeenAt", notNullValue());
      given()
          .auth()
          .oauth2(TestTokens.merchant(terminal.merchant().id()))
          .get("/v1/terminals")
          .then()
          .statusCode(200)
          .body("[0].terminalId", equalTo(terminal.terminalId()))
          .body("[0].online", equalTo(true));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                database.count(
                        "select count(*) from terminal_session where terminal_id = cast(? as uuid)"
                            + " and close_reason = 'NORMAL' and disconnected_at is not null",
                        terminal.ref())
                    == 1);
    given()
        .auth()
        .oauth2(admin)
        .get("/v1/terminals/{id}", terminal.terminalId())
        .then()
        .body("online", equalTo(false))
        .body("lastSeenAt", notNullValue());
  }

  @Test
  void aRevokedTerminalsSessionIsClosedAtOnceAndCannotReopen() {
    Active terminal = Terminals.softPos("EUR");
    TerminalClient session = terminal.session();
    try (TestKafka.Tail events = TestKafka.tail("terminals")) {
      given()
          .auth()
          .oauth2(TestTokens.token("admin"))
          .contentType(ContentType.JSON)
          .body(Map.of("reason", "device stolen"))
          .post("/v1/terminals/{id}/revoke", terminal.terminalId())
          .then()
          .statusCode(200)
          .body("status", equalTo("REVOKED"));
      assertEquals(4403, session.awaitClose());
      assertEquals("revoked", session.closeReason());
      events.await(
          r ->
              terminal.terminalId().equals(r.key())
                  && "TerminalRevoked".equals(TestKafka.header(r, "ce_type")),
          Duration.ofSeconds(30));
    }
    Refused refused = assertThrows(Refused.class, terminal::session);
    assertEquals(401, refused.status);
    assertEquals("credential-void", refused.type);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                database.count(
                        "select count(*) from terminal_session where terminal_id = cast(? as uuid)"
                            + " and close_reason = 'REVOKED'",
                        terminal.ref())
                    == 1);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("terminalId", terminal.terminalId(), "refreshToken", terminal.refreshToken()))
        .post("/v1/terminals/token")
        .then()
        .statusCode(401);
  }

  @Test
  void aSessionLeftOpenOnARevokedTerminalCanDoNothing() {
    Active terminal = Terminals.softPos("EUR");
    try (TerminalClient session = terminal.session()) {
      // Revoked by another node, whose revocation could not close this node's session.
      database.update(
          "update terminal set status = 'REVOKED' where id = cast(? as uuid)", terminal.ref());
      assertEquals(
          "TERMINAL_NOT_ACTIVE",
          purchaseError(session, 100, "EUR", card("4006090000000007", "CHIP", true)));
      assertEquals(
          "TERMINAL_NOT_ACTIVE",
          session.request("last-transaction", Map.of()).path("code").asText());
    }
    assertEquals(
        0,
        database.count(
            "select count(*) from card_transaction where terminal_id = cast(? as uuid)",
            terminal.ref()));
  }

  @Test
  void onlyACurrentTerminalCredentialOpensASession() {
    assertEquals(401, assertThrows(Refused.class, () -> TerminalClient.open("not.a.jwt")).status);
    Refused merchant =
        assertThrows(
            Refused.class, () -> TerminalClient.open(TestTokens.merchant(UUID.randomUUID())));
    assertEquals(403, merchant.status);
    assertEquals("not-a-terminal-credential", merchant.type);
    assertEquals(
        401,
        assertThrows(
                Refused.class, () -> TerminalClient.open(TestTokens.signedByStranger("terminal")))
            .status);

    // An approved terminal that was never activated has no valid credential, whatever is claimed.
    Terminals.Merchant shop = Terminals.merchant("EUR");
    Terminals.Approved approved =
        Terminals.approve(Terminals.request(shop, Terminals.softPosRequest(Terminals.deviceId())));
    String forged =
        Jwt.issuer("tasvie")
            .upn(approved.terminalId())
            .groups(Set.of("terminal"))
            .claim("merchant_id", shop.id().toString())
            .claim("terminal_id", approved.terminalId())
            .claim("cv", 0)
            .expiresIn(Duration.ofMinutes(5))
            .sign("test-jwt-private.pem");
    Refused notActive = assertThrows(Refused.class, () -> TerminalClient.open(forged));
    assertEquals(401, notActive.status);
    assertEquals("credential-void", notActive.type);
  }

  @Test
  void aTerminalThatStopsAnsweringPingsIsClosedAsTimedOut() throws Exception {
    Active terminal = Terminals.softPos("EUR");
    // A raw connection that completes the handshake and then never reads: no pong ever comes.
    try (Socket socket = new Socket("localhost", RestAssured.port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /v1/terminal/session HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                  + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                  + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer "
                  + terminal.token()
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head = new byte[12];
      assertEquals(12, in.readNBytes(head, 0, 12));
      assertEquals("HTTP/1.1 101", new String(head, StandardCharsets.US_ASCII));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  database.count(
                          "select count(*) from terminal_session where terminal_id = cast(? as uuid)"
                              + " and close_reason = 'HEARTBEAT_TIMEOUT'",
                          terminal.ref())
                      == 1);
    }
  }
}
