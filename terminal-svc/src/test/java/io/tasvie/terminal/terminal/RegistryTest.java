package io.tasvie.terminal.terminal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.terminal.testing.Terminals;
import io.tasvie.terminal.testing.Terminals.Merchant;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Requests for each kind, the admin's decisions, and the requests that are refused. */
@QuarkusTest
class RegistryTest {

  @Inject Database database;

  @Test
  void aReaderIsRequestedApprovedWithATerminalIdAndItsActivationCodeIsSentAsAnEvent() {
    Merchant merchant = Terminals.merchant("IRR");
    String mac = Terminals.mac().toLowerCase();
    String ref = Terminals.request(merchant, Terminals.readerRequest(mac));
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchant.id()))
        .get("/v1/terminals/{id}", ref)
        .then()
        .statusCode(200)
        .body("status", equalTo("REQUESTED"))
        .body("terminalId", nullValue())
        .body("bluetoothMac", equalTo(mac.toUpperCase()));

    try (TestKafka.Tail events = TestKafka.tail("terminals")) {
      String terminalId =
          given()
              .auth()
              .oauth2(TestTokens.token("admin"))
              .post("/v1/terminals/{id}/approve", ref)
              .then()
              .statusCode(200)
              .body("status", equalTo("APPROVED"))
              .body("terminalId", matchesPattern("TM[0-9]{6}"))
              .extract()
              .path("terminalId");
      var record =
          events.await(
              r ->
                  terminalId.equals(r.key())
                      && "ActivationCodeIssued".equals(TestKafka.header(r, "ce_type")),
              Duration.ofSeconds(30));
      var event = Terminals.json(record.value());
      assertEquals("owner@example.com", event.path("email").asText());
      assertEquals(merchant.id().toString(), event.path("merchantId").asText());
      assertEquals(10, event.path("activationCode").asText().length());
      // Only a hash of the code is stored.
      assertEquals(
          0,
          database.count(
              "select count(*) from activation_code where code_hash = ?",
              event.path("activationCode").asText()));
    }
    // Approving twice is a conflict, not a second terminal ID.
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .post("/v1/terminals/{id}/approve", ref)
        .then()
        .statusCode(409);
  }

  @Test
  void softPosNeedsAndroidSevenAndNfc() {
    Merchant merchant = Terminals.merchant("EUR");
    Map<String, Object> android6 = new HashMap<>(Terminals.softPosRequest(Terminals.deviceId()));
    android6.put("androidVersion", 6);
    post(merchant, android6)
        .then()
        .statusCode(422)
        .body("type", endsWith("android-too-old"))
        .body("detail", equalTo("SoftPOS needs Android 7 or later; this device runs Android 6"));
    Map<String, Object> noNfc = new HashMap<>(Terminals.softPosRequest(Terminals.deviceId()));
    noNfc.put("nfc", false);
    post(merchant, noNfc).then().statusCode(422).body("type", endsWith("nfc-missing"));
    assertEquals(
        0,
        database.count(
            "select count(*) from terminal where merchant_id = cast(? as uuid)", merchant.id()));
  }

  @Test
  void requestsMissingTheirKindsFactsOrNamingATakenDeviceAreRefused() {
    Merchant merchant = Terminals.merchant("IRR");
    post(merchant, Map.of("kind", "MPOS_BLUETOOTH", "model", "AMP_2000", "email", "a@b.ir"))
        .then()
        .statusCode(400)
        .body("type", endsWith("missing-serial-number"));
    post(merchant, Map.of("kind", "FAX", "email", "a@b.ir"))
        .then()
        .statusCode(400)
        .body("type", endsWith("unknown-kind"));
    Map<String, Object> badModel = new HashMap<>(Terminals.readerRequest(Terminals.mac()));
    badModel.put("model", "ABACUS");
    post(merchant, badModel).then().statusCode(400).body("type", endsWith("unknown-model"));
    Map<String, Object> badMac = new HashMap<>(Terminals.readerRequest("not-a-mac"));
    post(merchant, badMac).then().statusCode(400);
    post(merchant, Map.of("kind", "TILL", "email", "a@b.ir"))
        .then()
        .statusCode(400)
        .body("type", endsWith("missing-qr-id"));

    Map<String, Object> reader = Terminals.readerRequest(Terminals.mac());
    post(merchant, reader).then().statusCode(201);
    post(merchant, reader)
        .then()
        .statusCode(409)
        .body("type", endsWith("device-already-registered"));

    String qr = "QR-" + UUID.randomUUID().toString().substring(0, 8);
    post(merchant, Map.of("kind", "TILL", "qrId", qr, "email", "a@b.ir", "label", "Till 1"))
        .then()
        .statusCode(201)
        .body("qrId", equalTo(qr));
  }

  @Test
  void merchantsSeeOnlyTheirOwnTerminalsAndOnlyAdminsDecide() {
    Merchant merchant = Terminals.merchant("EUR");
    String ref = Terminals.request(merchant, Terminals.softPosRequest(Terminals.deviceId()));
    given()
        .auth()
        .oauth2(TestTokens.merchant(UUID.randomUUID()))
        .get("/v1/terminals/{id}", ref)
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchant.id()))
        .post("/v1/terminals/{id}/approve", ref)
        .then()
        .statusCode(403);
    Map<String, Object> forOther = new HashMap<>(Terminals.softPosRequest(Terminals.deviceId()));
    forOther.put("merchantId", UUID.randomUUID().toString());
    post(merchant, forOther).then().statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(Terminals.softPosRequest(Terminals.deviceId()))
        .post("/v1/terminals")
        .then()
        .statusCode(401);

    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "incomplete documents"))
        .post("/v1/terminals/{id}/reject", ref)
        .then()
        .statusCode(200)
        .body("status", equalTo("REJECTED"))
        .body("rejectReason", equalTo("incomplete documents"));
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchant.id()))
        .get("/v1/terminals")
        .then()
        .statusCode(200)
        .body("size()", equalTo(1))
        .body("[0].status", equalTo("REJECTED"));
  }

  private static Response post(Merchant merchant, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(TestTokens.merchant(merchant.id()))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/terminals");
  }
}
