package io.tasvie.gateway.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.common.testing.fuzz.OpenApiFuzz;
import io.tasvie.common.testing.fuzz.TableCounts;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of gateway-svc's OpenAPI document with hostile values (issue #26): never a 5xx,
 * problems as application/problem+json (the hosted page and the legacy form may answer pages,
 * PayRep XML and SOAP faults), refused requests change no table. Seeded (rerun a failure with
 * {@code -Dtasvie.fuzz.seed=}) and bounded by a count of requests.
 */
@QuarkusTest
class OpenApiFuzzTest {

  private static final String SOAP =
      "{{ID}}=%s;{{Rmz}}=%s;{{Res}}=%s\n"
          + "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope"
          + " xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><PayRep"
          + " xmlns=\"http://tempuri.org/\"><ID>{{ID}}</ID><Rmz>{{Rmz}}</Rmz><Res>{{Res}}</Res>"
          + "</PayRep></soap:Body></soap:Envelope>";

  @Inject AgroalDataSource dataSource;

  @Test
  void everyOperationSurvivesHostileValues() throws Exception {
    // one merchant per kind of state the fuzz may change, so that one operation's accepted
    // requests do not lock another out (settings, PayRep's Rmz lockout, the token endpoint)
    Onboarded shop = Merchants.onboard("Fuzz Shop", List.of("shop.example.ir", "localhost"));
    Onboarded settings = Merchants.onboard("Fuzz Settings", List.of("shop.example.ir"));
    Onboarded tokens = Merchants.onboard("Fuzz Tokens", List.of("shop.example.ir"));
    Onboarded legacy = Merchants.onboard("Fuzz Legacy", List.of("shop.example.ir"));
    UUID created = Checkout.newPayment(shop, 120_000);
    UUID toVerify = Checkout.newPayment(shop, 120_000);
    Checkout.pay(toVerify, Checkout.APPROVED_CARD);
    UUID toReverse = Checkout.newPayment(shop, 120_000);
    Checkout.pay(toReverse, Checkout.APPROVED_CARD);
    UUID captured = Checkout.newPayment(shop, 120_000);
    Checkout.pay(captured, Checkout.APPROVED_CARD);
    Checkout.verify(shop, captured, 120_000);
    UUID page = Checkout.newPayment(shop, 120_000);
    Checkout.Form form = Checkout.openPage(page);
    String legacyReference = "FUZZ-" + UUID.randomUUID();

    OpenApiFuzz.Report report =
        OpenApiFuzz.forService("gateway-svc")
            .at("localhost", RestAssured.port)
            .seed(2026_26L)
            .casesPerOperation(40)
            .maxRequests(2_500)
            .tokens(role -> role.equals("merchant") ? shop.token() : TestTokens.token(role))
            // the payments API is the merchant's own (an admin token is not-a-merchant-token)
            .role("POST /v1/payments", "merchant")
            .path("merchantId", shop.id())
            .path("PUT /v1/merchants/{merchantId}/settings", "merchantId", settings.id())
            .path("paymentId", created)
            .path("POST /v1/payments/{paymentId}/verify", "paymentId", toVerify)
            .path("POST /v1/payments/{paymentId}/reverse", "paymentId", toReverse)
            .path("POST /v1/payments/{paymentId}/refunds", "paymentId", captured)
            .path("GET /v1/payments/{paymentId}/refunds", "paymentId", captured)
            .path("POST /pay/{paymentId}", "paymentId", page)
            .path("customerId", "cust-42")
            .path("cardId", UUID.randomUUID())
            .path("notificationId", UUID.randomUUID())
            .path("keyIndex", 7)
            .path("kid", 1)
            .query("GET /pay/{paymentId}", Map.of("lang", "en"))
            .query("GET /v1/payments", Map.of("status", "CREATED", "from", "2026-01-01T00:00:00Z"))
            .query(
                "GET /WebServiceMoPos.asmx/PayRep",
                Map.of("ID", legacy.number(), "Rmz", legacy.secret(), "Res", legacyReference))
            .body("POST /v1/payments", Checkout.body("FUZZ-" + UUID.randomUUID(), 120_000, "IRR"))
            .body("POST /v1/payments/{paymentId}/verify", "{\"amount\":120000}")
            .body(
                "POST /v1/payments/{paymentId}/refunds",
                "{\"amount\":1000,\"reason\":\"returned goods\"}")
            .body(
                "POST /v1/merchants",
                "{\"name\":\"Fuzz Onboarded\",\"country\":\"IR\",\"currency\":\"IRR\","
                    + "\"callbackDomains\":[\"shop.example.ir\"]}")
            .body(
                "PUT /v1/merchants/{merchantId}/settings",
                """
                {"storeId":"store-7","walletNumber":"40117123456","minAmount":20000,"maxAmount":2000000,
                 "discount":{"type":"PERCENT","percent":2.5,"cap":4000},"maintenance":false,
                 "callbackDomains":["shop.example.ir"],"notifyUrl":"https://shop.example.ir/tasvie/notify",
                 "saveCards":true,"requireSignedRequests":false}
                """)
            .body(
                "POST /v1/auth/token",
                "{\"grant_type\":\"client_credentials\",\"client_id\":\""
                    + tokens.number()
                    + "\",\"client_secret\":\""
                    + tokens.secret()
                    + "\"}")
            .body(
                "POST /Payment.aspx",
                "{\"ID\":\""
                    + legacy.number()
                    + "\",\"Res\":\""
                    + legacyReference
                    + "\",\"Amnt\":\"120000\",\"Nam\":\"Sara\",\"Dsc\":\"Two books\","
                    + "\"RedirectURL\":\"https://shop.example.ir/back\"}")
            .body(
                "POST /WebServiceMoPos.asmx/PayRep",
                "{\"ID\":\""
                    + legacy.number()
                    + "\",\"Rmz\":\""
                    + legacy.secret()
                    + "\",\"Res\":\""
                    + legacyReference
                    + "\"}")
            .body(
                "POST /WebServiceMoPos.asmx",
                SOAP.formatted(legacy.number(), legacy.secret(), legacyReference))
            .header("POST /WebServiceMoPos.asmx", "SOAPAction", "\"http://tempuri.org/PayRep\"")
            .body(
                "POST /pay/{paymentId}",
                "{\"csrf\":\""
                    + form.csrf()
                    + "\",\"lang\":\"en\",\"cardNumber\":\"4006090000000007\","
                    + "\"expiry\":\"12/30\",\"cvc\":\"123\",\"cardholder\":\"Sara Ahmadi\"}")
            .header("POST /pay/{paymentId}", "Cookie", "tasvie_form=" + form.cookie())
            .pages(op -> op.path().startsWith("/pay/") || op.path().equals("/Payment.aspx"))
            .legacyXml(op -> op.path().startsWith("/WebServiceMoPos.asmx"))
            .tables(new TableCounts(dataSource, Set.of("inbox_event", "merchant_projection")))
            .run();
    System.out.println(report.describe());
    assertTrue(report.clean(), report::describe);
  }
}
