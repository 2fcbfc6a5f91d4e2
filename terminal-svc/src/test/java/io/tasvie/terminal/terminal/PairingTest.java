package io.tasvie.terminal.terminal;

import static io.restassured.RestAssured.given;
import static io.tasvie.terminal.testing.Terminals.card;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TerminalClient;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.terminal.testing.Terminals;
import io.tasvie.terminal.testing.Terminals.Active;
import io.tasvie.terminal.testing.Terminals.Merchant;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bluetooth pairing: the security code, its two minutes, its three tries, its own merchant. */
@QuarkusTest
class PairingTest {

  @Inject Database database;

  @Test
  void aReaderPairsThroughTheSessionAndThenTakesPurchases() {
    Merchant merchant = Terminals.merchant("IRR");
    String mac = Terminals.mac();
    Active reader = Terminals.reader(merchant, mac);
    try (TerminalClient session = reader.session()) {
      Map<String, Object> purchase =
          Map.of(
              "amount",
              150_000,
              "currency",
              "IRR",
              "card",
              card("5326100000000004", "SWIPE", true));
      assertEquals(
          "READER_NOT_PAIRED", session.request("purchase", purchase).path("code").asText());

      var started = start(reader, mac).then().statusCode(201).extract();
      assertEquals(6, started.<String>path("securityCode").length());
      JsonNode paired =
          session.request(
              "pairing-confirm",
              Map.of("pairingId", started.path("pairingId"), "code", started.path("securityCode")));
      assertEquals("PAIRED", paired.path("status").asText());

      JsonNode answer = session.request("purchase", purchase);
      assertEquals("APPROVED", answer.path("status").asText());
      assertEquals("SWIPE", answer.path("receipt").path("entryMode").asText());
      assertEquals(
          1,
          database.count(
              "select count(*) from card_transaction where id = cast(? as uuid) and channel = 'MPOS'",
              answer.path("transactionId").asText()));
    }
  }

  @Test
  void threeWrongCodesVoidAPairingAndAnExpiredOneIsRefused() {
    Merchant merchant = Terminals.merchant("IRR");
    String mac = Terminals.mac();
    Active reader = Terminals.reader(merchant, mac);
    var started = start(reader, mac).then().statusCode(201).extract();
    String wrong = started.<String>path("securityCode").equals("000000") ? "111111" : "000000";
    confirm(reader, started, wrong).then().statusCode(400).body("attemptsLeft", equalTo(2));
    confirm(reader, started, wrong).then().statusCode(400).body("attemptsLeft", equalTo(1));
    confirm(reader, started, wrong).then().statusCode(409).body("type", endsWith("pairing-voided"));
    // Voided means voided, even for the right code.
    confirm(reader, started, started.path("securityCode"))
        .then()
        .statusCode(409)
        .body("type", endsWith("pairing-voided"));

    var second = start(reader, mac).then().statusCode(201).extract();
    database.update(
        "update pairing set expires_at = now() - interval '1 second' where id = cast(? as uuid)",
        second.<String>path("pairingId"));
    confirm(reader, second, second.path("securityCode"))
        .then()
        .statusCode(410)
        .body("type", endsWith("pairing-expired"));
    assertEquals(
        1,
        database.count(
            "select count(*) from terminal where terminal_id = ? and paired_at is null",
            reader.terminalId()));
  }

  @Test
  void aReaderPairsOnlyForItsOwnMerchantAndTerminal() {
    Merchant merchant = Terminals.merchant("IRR");
    Merchant other = Terminals.merchant("IRR");
    String mine = Terminals.mac();
    String theirs = Terminals.mac();
    Active reader = Terminals.reader(merchant, mine);
    Terminals.approve(Terminals.request(other, Terminals.readerRequest(theirs)));

    start(reader, theirs)
        .then()
        .statusCode(403)
        .body("type", endsWith("reader-of-another-merchant"));
    start(reader, Terminals.mac()).then().statusCode(404);
    // A terminal credential speaks for its own terminal only.
    Active colleague = Terminals.softPos(merchant);
    given()
        .auth()
        .oauth2(colleague.token())
        .contentType(ContentType.JSON)
        .body(Map.of("bluetoothMac", mine))
        .post("/v1/terminals/{id}/pairings", reader.terminalId())
        .then()
        .statusCode(403)
        .body("type", endsWith("other-terminal"));
  }

  @Test
  void aTokenThatIsNotATerminalCredentialIsRefusedAsSuch() {
    Merchant merchant = Terminals.merchant("EUR");
    String mac = Terminals.mac();
    Active reader = Terminals.reader(merchant, mac);
    for (String token :
        new String[] {TestTokens.merchant(merchant.id()), TestTokens.token("admin")}) {
      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body(Map.of("bluetoothMac", mac))
          .post("/v1/terminals/{id}/pairings", reader.terminalId())
          .then()
          .statusCode(403)
          .body("type", endsWith("not-a-terminal-credential"));
      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body(Map.of("code", "123456"))
          .post(
              "/v1/terminals/{id}/pairings/{pairing}/confirm",
              reader.terminalId(),
              UUID.randomUUID())
          .then()
          .statusCode(403)
          .body("type", endsWith("not-a-terminal-credential"));
    }
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("bluetoothMac", mac))
        .post("/v1/terminals/{id}/pairings", reader.terminalId())
        .then()
        .statusCode(401);
  }

  private static Response start(Active reader, String mac) {
    return given()
        .auth()
        .oauth2(reader.token())
        .contentType(ContentType.JSON)
        .body(Map.of("bluetoothMac", mac))
        .post("/v1/terminals/{id}/pairings", reader.terminalId());
  }

  private static Response confirm(
      Active reader, ExtractableResponse<Response> started, String code) {
    return given()
        .auth()
        .oauth2(reader.token())
        .contentType(ContentType.JSON)
        .body(Map.of("code", code))
        .post(
            "/v1/terminals/{id}/pairings/{pairing}/confirm",
            reader.terminalId(),
            started.path("pairingId"));
  }
}
