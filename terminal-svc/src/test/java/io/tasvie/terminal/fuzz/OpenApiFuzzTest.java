package io.tasvie.terminal.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.common.testing.fuzz.OpenApiFuzz;
import io.tasvie.common.testing.fuzz.TableCounts;
import io.tasvie.terminal.testing.Terminals;
import io.tasvie.terminal.testing.Terminals.Active;
import io.tasvie.terminal.testing.Terminals.Approved;
import io.tasvie.terminal.testing.Terminals.Merchant;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of terminal-svc's OpenAPI document with hostile values (issue #26): never a 5xx,
 * problems as application/problem+json, refused requests change no table. Seeded (rerun a failure
 * with {@code -Dtasvie.fuzz.seed=}) and bounded by a count of requests. The session's frames are
 * {@link SessionFuzzTest}'s.
 */
@QuarkusTest
class OpenApiFuzzTest {

  @Inject AgroalDataSource dataSource;

  @Test
  void everyOperationSurvivesHostileValues() throws Exception {
    Merchant merchant = Terminals.merchant("IRR");
    Active softPos = Terminals.softPos(merchant);
    String mac = Terminals.mac();
    Active reader = Terminals.reader(merchant, mac);
    Active toRevoke = Terminals.softPos(merchant);
    Active toRebind = Terminals.softPos(merchant);
    String toApprove = Terminals.request(merchant, Terminals.softPosRequest(Terminals.deviceId()));
    String toReject = Terminals.request(merchant, Terminals.softPosRequest(Terminals.deviceId()));
    String activationDevice = Terminals.deviceId();
    Approved toActivate =
        Terminals.approve(Terminals.request(merchant, Terminals.softPosRequest(activationDevice)));
    String qrId = "QR-FUZZ-" + UUID.randomUUID().toString().substring(0, 8);
    Terminals.till(merchant, qrId);
    String wallet = Terminals.walletUser("fuzz-wallet-user");

    OpenApiFuzz.Report report =
        OpenApiFuzz.forService("terminal-svc")
            .at("localhost", RestAssured.port)
            .seed(2026_26L)
            .casesPerOperation(40)
            .maxRequests(2_000)
            .tokens(
                role ->
                    switch (role) {
                      case "merchant" -> TestTokens.merchant(merchant.id());
                      case "wallet" -> wallet;
                      case "terminal" -> reader.token();
                      default -> TestTokens.token(role);
                    })
            .path("merchantId", merchant.id())
            .path("id", softPos.terminalId())
            .path("POST /v1/terminals/{id}/approve", "id", toApprove)
            .path("POST /v1/terminals/{id}/reject", "id", toReject)
            .path("POST /v1/terminals/{id}/revoke", "id", toRevoke.terminalId())
            .path("POST /v1/terminals/{id}/rebind", "id", toRebind.terminalId())
            .path("POST /v1/terminals/{id}/pairings", "id", reader.terminalId())
            .path("POST /v1/terminals/{id}/pairings/{pairingId}/confirm", "id", reader.terminalId())
            .path("pairingId", UUID.randomUUID())
            .path("qrId", qrId)
            .path("paymentId", UUID.randomUUID())
            .query("GET /v1/terminals", Map.of("status", "ACTIVE"))
            .query(
                "GET /v1/terminals/{id}/transactions",
                Map.of("from", "2026-12-01", "to", "2026-12-07", "zone", "Asia/Tehran"))
            .query(
                "GET /v1/merchants/{merchantId}/transactions",
                Map.of("from", "2026-12-01", "to", "2026-12-07", "zone", "Asia/Tehran"))
            .body(
                "POST /v1/terminals",
                "{\"kind\":\"SOFTPOS_NFC\",\"deviceId\":\""
                    + Terminals.deviceId()
                    + "\",\"androidVersion\":13,\"nfc\":true,\"email\":\"owner@example.com\","
                    + "\"language\":\"fa\",\"merchantId\":\""
                    + merchant.id()
                    + "\"}")
            .role("POST /v1/terminals", "merchant")
            .body("POST /v1/terminals/{id}/reject", "{\"reason\":\"incomplete papers\"}")
            .body("POST /v1/terminals/{id}/revoke", "{\"reason\":\"device lost\"}")
            .body(
                "POST /v1/terminals/{id}/rebind",
                "{\"supervisorCode\":\""
                    + Terminals.SUPERVISOR_CODE
                    + "\",\"deviceId\":\""
                    + Terminals.deviceId()
                    + "\",\"operator\":\"Sara\"}")
            .body(
                "POST /v1/terminals/activation",
                "{\"merchantNumber\":\""
                    + merchant.number()
                    + "\",\"activationCode\":\""
                    + toActivate.activationCode()
                    + "\",\"deviceId\":\""
                    + activationDevice
                    + "\",\"supervisorCode\":\""
                    + Terminals.SUPERVISOR_CODE
                    + "\"}")
            .body(
                "POST /v1/terminals/token",
                "{\"terminalId\":\""
                    + softPos.terminalId()
                    + "\",\"refreshToken\":\""
                    + softPos.refreshToken()
                    + "\"}")
            .body("POST /v1/terminals/{id}/pairings", "{\"bluetoothMac\":\"" + mac + "\"}")
            .body("POST /v1/terminals/{id}/pairings/{pairingId}/confirm", "{\"code\":\"123456\"}")
            .body(
                "PUT /v1/merchants/{merchantId}/terminal-settings",
                "{\"cvmLimits\":{\"IRR\":5000000}}")
            .body("POST /v1/wallet/check-ins", "{\"qrId\":\"" + qrId + "\"}")
            .tables(new TableCounts(dataSource, Set.of("inbox_event", "merchant_projection")))
            .run();
    System.out.println(report.describe());
    assertTrue(report.clean(), report::describe);
  }
}
