package io.tasvie.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tasvie.common.testing.TestKafka;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged settlement-svc killed (SIGKILL) while it applies a stream of captures in batches:
 * after the restart every capture is one settlement line, none twice, the batch totals are the sum
 * of their lines, every posting balances, and every payment's settlement was announced.
 */
class SettlementCrashIT {

  private static final int MERCHANTS = 20;
  private static final int CAPTURES = 20_000;
  private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/tasvie_settlement_test";

  private ServiceProcess settlement;

  @AfterEach
  void stop() {
    if (settlement != null) {
      settlement.close();
    }
  }

  @Test
  void aKillInTheMiddleOfABatchLosesAndDoublesNothing() throws Exception {
    Map<String, String> env = new HashMap<>(ServiceProcess.settlementConsumers());
    ServiceProcess.startAtEnd(env.get("MP_MESSAGING_INCOMING_PAYMENTS_GROUP_ID"), "payments");
    settlement = start(env);
    List<UUID> merchants = new ArrayList<>();
    try (TestKafka.Burst producer = TestKafka.burst()) {
      for (int i = 0; i < MERCHANTS; i++) {
        UUID merchant = UUID.randomUUID();
        merchants.add(merchant);
        send(producer, "merchants", merchant, "MerchantRegistered", merchant(merchant, i));
      }
      producer.flush();
      String ours =
          merchants.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ", "(", ")"));
      await() // the topic may hold other runs' merchants too
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  count("select count(*) from merchant_projection where merchant_id in " + ours)
                      == MERCHANTS);

      try (TestKafka.Tail settlements = TestKafka.tail("settlements")) {
        long expectedAmount = 0;
        for (int i = 0; i < CAPTURES; i++) {
          UUID payment = UUID.randomUUID();
          long amount = 10_000 + i;
          expectedAmount += amount;
          send(
              producer,
              "payments",
              payment,
              "PaymentCaptured",
              captured(payment, merchants.get(i % MERCHANTS), amount));
        }
        producer.flush();
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(10))
            .until(() -> count("select count(*) from settlement_item") >= 1_000);
        settlement.kill();
        long atKill = count("select count(*) from settlement_item");
        assertTrue(atKill < CAPTURES, "killed before the stream was applied: " + atKill);

        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "false"); // the database as the kill left it
        settlement = start(env);
        await()
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> count("select count(*) from settlement_item") >= CAPTURES);
        Thread.sleep(3_000); // nothing more may arrive

        assertEquals(
            CAPTURES, count("select count(*) from settlement_item"), "killed at " + atKill);
        assertEquals(CAPTURES, count("select count(distinct payment_id) from settlement_item"));
        assertEquals(expectedAmount, count("select sum(amount) from settlement_item"));
        assertEquals(
            0,
            count(
                "select count(*) from settlement_batch b where captured_count <> (select count(*)"
                    + " from settlement_item i where i.batch_id = b.id) or captured_amount <>"
                    + " (select coalesce(sum(amount), 0) from settlement_item i"
                    + " where i.batch_id = b.id)"),
            "batch totals are the sum of their lines");
        assertEquals(
            0,
            count(
                "select count(*) from (select posting from ledger_entry group by posting"
                    + " having sum(debit) <> sum(credit)) unbalanced"),
            "every posting balances");
        assertEquals(CAPTURES, count("select count(distinct posting) from ledger_entry"));

        Set<String> announced = new HashSet<>();
        for (ConsumerRecord<String, String> record : settlements.drain(Duration.ofSeconds(10))) {
          announced.add(record.key());
        }
        assertEquals(CAPTURES, announced.size(), "every payment's settlement announced");
      }
    }
  }

  private static ServiceProcess start(Map<String, String> env) {
    ServiceProcess started =
        ServiceProcess.start("settlement-svc", TestKafka.bootstrapServers(), env);
    Stack.awaitReady(started);
    return started;
  }

  private static long count(String sql) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(DATABASE, "tasvie_settlement", "tasvie_settlement");
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void send(
      TestKafka.Burst burst, String topic, UUID key, String type, String json) {
    burst.event(topic, key.toString(), UUID.randomUUID().toString(), type, json);
  }

  private static String merchant(UUID merchant, int i) {
    return "{\"merchantId\":\""
        + merchant
        + "\",\"merchantNumber\":\""
        + (20_000_000 + i)
        + "\",\"name\":\"Crash test "
        + i
        + "\",\"country\":\"IR\",\"currency\":\"IRR\",\"callbackDomains\":[],"
        + "\"registeredAt\":\"2026-11-01T10:00:00Z\"}";
  }

  private static String captured(UUID payment, UUID merchant, long amount) {
    return "{\"paymentId\":\""
        + payment
        + "\",\"payment\":{\"merchantId\":\""
        + merchant
        + "\",\"merchantReference\":\"R-"
        + amount
        + "\",\"amount\":"
        + amount
        + ",\"currency\":\"IRR\",\"channel\":\"ONLINE\",\"maskedCard\":\"400609******0007\","
        + "\"cardBrand\":\"VISA\",\"authCode\":\"123456\",\"rrn\":\"123456789012\","
        + "\"terminalId\":null,\"owedTo\":\"MERCHANT\"},\"occurredAt\":\""
        + Instant.now()
        + "\"}";
  }
}
