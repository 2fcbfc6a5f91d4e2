package io.tasvie.terminal.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.tasvie.common.testing.TerminalClient;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.common.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Brings terminals to a state a test needs through the service's own API and the real broker: a
 * merchant registered by its event, a terminal requested, approved (the activation code read from
 * the {@code ActivationCodeIssued} event, as notify-svc would e-mail it), activated and paired.
 */
public final class Terminals {

  public static final String SUPERVISOR_CODE = "2468";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Terminals() {}

  public record Merchant(UUID id, String number, String name, String currency) {}

  public record Approved(String ref, String terminalId, String activationCode) {}

  /** A terminal after activation: its credential, device and supervisor code. */
  public record Active(
      Merchant merchant,
      String ref,
      String terminalId,
      String deviceId,
      String token,
      String refreshToken) {

    public TerminalClient session() {
      return TerminalClient.open(token);
    }
  }

  public static Merchant merchant(String currency) {
    UUID id = UUID.randomUUID();
    String number = String.valueOf(ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
    String name = "Shop " + number;
    String country = currency.equals("EUR") ? "XK" : "IR";
    TestKafka.sendEvent(
        "merchants",
        id.toString(),
        UUID.randomUUID().toString(),
        "MerchantRegistered",
        """
        {"merchantId":"%s","merchantNumber":"%s","name":"%s","country":"%s","currency":"%s",
         "callbackDomains":[],"registeredAt":"%s"}
        """
            .formatted(id, number, name, country, currency, Instant.now()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                given()
                        .auth()
                        .oauth2(TestTokens.token("admin"))
                        .get("/v1/merchants/{id}", id)
                        .statusCode()
                    == 200);
    return new Merchant(id, number, name, currency);
  }

  public static String deviceId() {
    return "dev-" + UUID.randomUUID().toString().substring(0, 13);
  }

  public static String mac() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder mac = new StringBuilder("02");
    for (int i = 0; i < 5; i++) {
      mac.append(':').append(String.format(Locale.ROOT, "%02X", random.nextInt(256)));
    }
    return mac.toString();
  }

  public static Map<String, Object> softPosRequest(String deviceId) {
    return Map.of(
        "kind",
        "SOFTPOS_NFC",
        "deviceId",
        deviceId,
        "androidVersion",
        13,
        "nfc",
        true,
        "email",
        "owner@example.com",
        "language",
        "sq");
  }

  public static Map<String, Object> readerRequest(String mac) {
    return Map.of(
        "kind", "MPOS_BLUETOOTH",
        "model", "AMP_2000",
        "serialNumber", "AMP" + UUID.randomUUID().toString().substring(0, 8),
        "bluetoothMac", mac,
        "email", "owner@example.com");
  }

  /** POST /v1/terminals as the merchant; returns the request's id. */
  public static String request(Merchant merchant, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(TestTokens.merchant(merchant.id()))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/terminals")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Approves as admin and reads the activation code from the event notify-svc would e-mail. */
  public static Approved approve(String ref) {
    try (TestKafka.Tail events = TestKafka.tail("terminals")) {
      String terminalId =
          given()
              .auth()
              .oauth2(TestTokens.token("admin"))
              .post("/v1/terminals/{id}/approve", ref)
              .then()
              .statusCode(200)
              .extract()
              .path("terminalId");
      return new Approved(ref, terminalId, activationCode(events, terminalId));
    }
  }

  public static String activationCode(TestKafka.Tail events, String terminalId) {
    var record =
        events.await(
            r ->
                terminalId.equals(r.key())
                    && "ActivationCodeIssued".equals(TestKafka.header(r, "ce_type")),
            Duration.ofSeconds(30));
    return json(record.value()).path("activationCode").asText();
  }

  public static Response activate(
      Merchant merchant, String code, String deviceId, String supervisorCode) {
    Map<String, Object> body = new HashMap<>();
    body.put("merchantNumber", merchant.number());
    body.put("activationCode", code);
    body.put("deviceId", deviceId);
    if (supervisorCode != null) {
      body.put("supervisorCode", supervisorCode);
    }
    return given().contentType(ContentType.JSON).body(body).post("/v1/terminals/activation");
  }

  /** An active SoftPOS terminal of a new merchant in {@code currency}. */
  public static Active softPos(String currency) {
    return softPos(merchant(currency));
  }

  public static Active softPos(Merchant merchant) {
    String deviceId = deviceId();
    Approved approved = approve(request(merchant, softPosRequest(deviceId)));
    return activated(merchant, approved, deviceId, SUPERVISOR_CODE);
  }

  /** An active Bluetooth reader (AMP 2000) at {@code mac}, not paired yet. */
  public static Active reader(Merchant merchant, String mac) {
    return activated(
        merchant, approve(request(merchant, readerRequest(mac))), deviceId(), SUPERVISOR_CODE);
  }

  /** An active till of {@code merchant} with the QR code id {@code qrId}. */
  public static Active till(Merchant merchant, String qrId) {
    Map<String, Object> body =
        Map.of("kind", "TILL", "qrId", qrId, "label", "Till " + qrId, "email", "owner@example.com");
    return activated(merchant, approve(request(merchant, body)), deviceId(), null);
  }

  /** A wallet user's token (role wallet), the user being its subject. */
  public static String walletUser(String user) {
    return Jwt.issuer("tasvie")
        .subject(user)
        .upn(user)
        .groups(Set.of("wallet"))
        .expiresIn(Duration.ofMinutes(10))
        .sign("test-jwt-private.pem");
  }

  /** An active, paired Bluetooth reader (AMP 2000) of {@code merchant}. */
  public static Active pairedReader(Merchant merchant) {
    String mac = mac();
    Active reader = reader(merchant, mac);
    var started =
        given()
            .auth()
            .oauth2(reader.token())
            .contentType(ContentType.JSON)
            .body(Map.of("bluetoothMac", mac))
            .post("/v1/terminals/{id}/pairings", reader.terminalId())
            .then()
            .statusCode(201)
            .extract();
    given()
        .auth()
        .oauth2(reader.token())
        .contentType(ContentType.JSON)
        .body(Map.of("code", started.path("securityCode")))
        .post(
            "/v1/terminals/{id}/pairings/{pairing}/confirm",
            reader.terminalId(),
            started.path("pairingId"))
        .then()
        .statusCode(200);
    return reader;
  }

  public static Active activated(
      Merchant merchant, Approved approved, String deviceId, String supervisorCode) {
    var credential =
        activate(merchant, approved.activationCode(), deviceId, supervisorCode)
            .then()
            .statusCode(200)
            .extract();
    return new Active(
        merchant,
        approved.ref(),
        approved.terminalId(),
        deviceId,
        credential.path("accessToken"),
        credential.path("refreshToken"));
  }

  /** The card object of a purchase or refund, as the sandbox reader gives it. */
  public static Map<String, Object> card(String pan, String entryMode, boolean withPin) {
    return withPin
        ? Map.of(
            "pan", pan, "expiry", "12/30", "entryMode", entryMode, "pinBlock", "041234FFFFFFFFFF")
        : Map.of("pan", pan, "expiry", "12/30", "entryMode", entryMode);
  }

  public static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
