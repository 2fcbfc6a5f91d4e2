package io.tasvie.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.tasvie.common.testing.TestKafka;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four packaged services as processes on the real broker and database: a merchant created on
 * gateway-svc reaches the projections of the three others through the outbox and Kafka.
 */
class WalkingSkeletonIT {

  static ServiceProcess gateway;
  static List<ServiceProcess> consumers;

  @BeforeAll
  static void startServices() {
    String kafka = TestKafka.bootstrapServers();
    gateway =
        ServiceProcess.start(
            "gateway-svc", kafka, ServiceProcess.consumerOf("settlements", "gateway-svc"));
    consumers =
        List.of(
            ServiceProcess.start(
                "terminal-svc", kafka, ServiceProcess.merchantsConsumer("terminal-svc")),
            ServiceProcess.start("settlement-svc", kafka, ServiceProcess.settlementConsumers()),
            ServiceProcess.start(
                "notify-svc", kafka, ServiceProcess.merchantsConsumer("notify-svc")));
    Stack.awaitReady(gateway);
    consumers.forEach(Stack::awaitReady);
  }

  @AfterAll
  static void stopServices() {
    if (gateway != null) {
      gateway.close();
    }
    if (consumers != null) {
      consumers.forEach(ServiceProcess::close);
    }
  }

  @Test
  void aMerchantRegisteredOnTheGatewayReachesEveryService() {
    String token = Stack.adminToken(gateway);
    String merchantId = Stack.registerMerchant(gateway, token);
    String merchantNumber =
        given()
            .auth()
            .oauth2(token)
            .get(gateway.url("/v1/merchants/" + merchantId))
            .then()
            .statusCode(200)
            .extract()
            .path("merchantNumber");

    for (ServiceProcess service : consumers) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  given()
                      .auth()
                      .oauth2(token) // issued by gateway-svc, verified by each service
                      .get(service.url("/v1/merchants/" + merchantId))
                      .then()
                      .statusCode(200)
                      .body("merchantNumber", equalTo(merchantNumber))
                      .body("name", equalTo("Nan-e Barbari")));
    }
  }

  @Test
  void everyServiceAnswersTheFixedOperatorEndpoints() {
    for (ServiceProcess service :
        List.of(gateway, consumers.get(0), consumers.get(1), consumers.get(2))) {
      given()
          .get(service.url("/q/health/ready"))
          .then()
          .statusCode(200)
          .body("status", equalTo("UP"));
      given()
          .get(service.url("/q/metrics"))
          .then()
          .statusCode(200)
          .body(containsString("tasvie_outbox_published_total"));
      given()
          .get(service.url("/q/openapi"))
          .then()
          .statusCode(200)
          .body(containsString("/v1/merchants"));
      given()
          .get(service.url("/v1/merchants/00000000-0000-4000-8000-000000000000"))
          .then()
          .statusCode(401)
          .contentType("application/problem+json");
    }
  }
}
