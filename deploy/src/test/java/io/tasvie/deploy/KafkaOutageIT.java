package io.tasvie.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * gateway-svc started while its broker is down: it starts, is not ready, keeps serving what needs
 * only the database, and once the broker comes up it becomes ready and publishes what its outbox
 * kept meanwhile.
 */
class KafkaOutageIT {

  @Test
  void startsWithoutKafkaKeepsTheOutboxAndCatchesUpWhenTheBrokerArrives() throws Exception {
    try (KafkaBroker broker = new KafkaBroker();
        ServiceProcess gateway =
            ServiceProcess.start(
                "gateway-svc",
                broker.bootstrapServers(),
                ServiceProcess.consumerOf("settlements", "gateway-svc"))) {
      await().atMost(Duration.ofSeconds(120)).until(() -> gateway.status("/q/health/live") == 200);
      given()
          .get(gateway.url("/q/health/ready"))
          .then()
          .statusCode(503)
          .body(containsString("Kafka broker"));

      String token = Stack.adminToken(gateway);
      String merchantId = Stack.registerMerchant(gateway, token);

      broker.start();
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> gateway.status("/q/health/ready") == 200);

      try (KafkaConsumer<String, String> consumer = consumer(broker)) {
        consumer.subscribe(List.of("merchants"));
        ConsumerRecord<String, String> event =
            await()
                .atMost(Duration.ofSeconds(90))
                .until(() -> find(consumer, merchantId), java.util.Objects::nonNull);
        assertEquals(merchantId, event.key());
      }
    }
  }

  private static ConsumerRecord<String, String> find(
      KafkaConsumer<String, String> consumer, String key) {
    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
      if (key.equals(record.key())) {
        return record;
      }
    }
    return null;
  }

  private static KafkaConsumer<String, String> consumer(KafkaBroker broker) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "outage-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return new KafkaConsumer<>(props);
  }
}
