package io.tasvie.gateway.settlement;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Settlement events arriving many to a poll, good and bad mixed, each handled as on its own. */
@QuarkusTest
class SettlementConsumerTest {

  private static final String SCHEDULED = "SettlementScheduled";

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TestHTTPResource("/WebServiceMoPos.asmx")
  URL service;

  @Test
  void aPollWithCopiesARepeatCardPresentAndBadRecordsSettlesEachOnlinePaymentOnce() {
    Onboarded merchant = Merchants.onboard();
    String first = paid(merchant);
    String second = paid(merchant);
    UUID firstId = Checkout.paymentId(merchant, first);
    UUID secondId = Checkout.paymentId(merchant, second);
    String appliedId = UUID.randomUUID().toString();
    TestKafka.sendEvent(
        "settlements",
        firstId.toString(),
        appliedId,
        "SettlementScheduled",
        scheduled(firstId, merchant, "ONLINE", "2026-12-01", "ST-1"));
    awaitSettled(merchant, first, "2026-12-01", "ST-1");

    String copiedId = UUID.randomUUID().toString();
    String notJsonId = UUID.randomUUID().toString();
    String poisonId = UUID.randomUUID().toString();
    String headerless = "no CloudEvents headers " + UUID.randomUUID();
    try (TestKafka.Tail dlq = TestKafka.tail("settlements.dlq.gateway-svc-test")) {
      String copied = scheduled(secondId, merchant, "ONLINE", "2026-12-04", "ST-2");
      String key = secondId.toString(); // one key, flushed together: one record batch, one poll
      try (TestKafka.Burst burst = TestKafka.burst()) {
        burst
            // already applied: a republished event with other content changes nothing
            .event(
                "settlements",
                key,
                appliedId,
                SCHEDULED,
                scheduled(firstId, merchant, "ONLINE", "2026-12-09", "ST-9"))
            .event("settlements", key, notJsonId, SCHEDULED, "{\"paymentId\": not json")
            .record("settlements", key, headerless, Map.of())
            .event(
                "settlements",
                key,
                poisonId,
                SCHEDULED,
                scheduled(secondId, merchant, "ONLINE", "2026-12-02", null))
            .event(
                "settlements",
                key,
                UUID.randomUUID().toString(),
                SCHEDULED,
                scheduled(firstId, merchant, "CARD_PRESENT", "2026-12-03", "ST-CP"))
            .event("settlements", key, copiedId, SCHEDULED, copied)
            .event("settlements", key, copiedId, SCHEDULED, copied)
            .flush();
      }

      assertTrue(reason(dlq, r -> notJsonId.equals(TestKafka.header(r, "ce_id"))).contains("JSON"));
      assertTrue(reason(dlq, r -> headerless.equals(r.value())).contains("no CloudEvents headers"));
      assertTrue(
          reason(dlq, r -> poisonId.equals(TestKafka.header(r, "ce_id")))
              .contains("lacks its payment, date or number"));
    }
    awaitSettled(merchant, second, "2026-12-04", "ST-2");
    XmlPath report = payRep(merchant, first);
    assertEquals("2026-12-01", report.getString("PayRepResult.DatTasvie"));
    assertEquals("ST-1", report.getString("PayRepResult.NoTasvie"));
  }

  private void awaitSettled(Onboarded merchant, String res, String date, String number) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              XmlPath report = payRep(merchant, res);
              assertEquals(date, report.getString("PayRepResult.DatTasvie"));
              assertEquals(number, report.getString("PayRepResult.NoTasvie"));
            });
  }

  private static String scheduled(
      UUID paymentId, Onboarded merchant, String channel, String date, String number) {
    return "{\"paymentId\":\""
        + paymentId
        + "\",\"merchantId\":\""
        + merchant.id()
        + "\",\"channel\":\""
        + channel
        + "\",\"settlementDate\":\""
        + date
        + "\",\"settlementNumber\":"
        + (number == null ? "null" : "\"" + number + "\"")
        + ",\"occurredAt\":\"2026-11-25T10:00:00Z\"}";
  }

  private static String reason(
      TestKafka.Tail dlq, Predicate<ConsumerRecord<String, String>> which) {
    return String.valueOf(TestKafka.header(dlq.await(which, WAIT), "dead-letter-reason"));
  }

  private static String paid(Onboarded merchant) {
    String res = "L-" + UUID.randomUUID();
    Checkout.create(merchant, Checkout.body(res, 120_000, "IRR")).response().then().statusCode(201);
    Checkout.pay(Checkout.paymentId(merchant, res), Checkout.APPROVED_CARD)
        .response()
        .then()
        .statusCode(303);
    return res;
  }

  private XmlPath payRep(Onboarded merchant, String res) {
    var response =
        given()
            .queryParam("ID", merchant.number())
            .queryParam("Rmz", merchant.secret())
            .queryParam("Res", res)
            .get(service + "/PayRep");
    response.then().statusCode(200).contentType(containsString("text/xml"));
    return new XmlPath(response.asString());
  }
}
