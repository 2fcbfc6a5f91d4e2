package io.tasvie.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
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
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of gateway-svc and two of settlement-svc, each pair on one database, as a Deployment
 * with two pods runs them: the outbox relays publish every event once between them, the
 * verify-window sweep reverses each overdue payment once, and the batch closers close each due
 * batch once. Scheduled jobs need no leader: each run reads what is due and locks it in the
 * database, the sweep skipping rows another replica holds, the closer waiting for them (so a
 * merchant's debt still flows from its older batch to its newer one).
 */
class ReplicasIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern PUBLISHED =
      Pattern.compile("(?m)^tasvie_outbox_published_total(?:\\{[^}]*})? ([0-9.eE+]+)$");

  static final List<ServiceProcess> gateways = new ArrayList<>();
  static final List<ServiceProcess> settlements = new ArrayList<>();

  @BeforeAll
  static void start() {
    String kafka = TestKafka.bootstrapServers();
    Map<String, String> gateway =
        new HashMap<>(ServiceProcess.consumerOf("settlements", "gateway-svc"));
    gateway.put("TASVIE_CHECKOUT_VERIFY_WINDOW", "PT3S");
    gateway.put("TASVIE_CHECKOUT_SWEEP_INTERVAL", "PT0.2S");
    // One consumer group for both settlement replicas: they share the partitions.
    Map<String, String> settlement = new HashMap<>(ServiceProcess.settlementConsumers());
    settlement.put("TASVIE_SETTLEMENT_CLOSE_INTERVAL", "PT0.2S");
    gateways.add(ServiceProcess.start("gateway-svc", kafka, gateway));
    settlements.add(ServiceProcess.start("settlement-svc", kafka, settlement));
    Stack.awaitReady(gateways.get(0));
    Stack.awaitReady(settlements.get(0));
    // The first replica of each made the schema; the second must not wipe it.
    gateway.put("QUARKUS_FLYWAY_CLEAN_AT_START", "false");
    settlement.put("QUARKUS_FLYWAY_CLEAN_AT_START", "false");
    gateways.add(ServiceProcess.start("gateway-svc", kafka, gateway));
    settlements.add(ServiceProcess.start("settlement-svc", kafka, settlement));
    Stack.awaitReady(gateways.get(1));
    Stack.awaitReady(settlements.get(1));
  }

  @AfterAll
  static void stop() {
    gateways.forEach(ServiceProcess::close);
    settlements.forEach(ServiceProcess::close);
  }

  @Test
  void twoOutboxRelaysPublishEveryEventExactlyOnce() throws Exception {
    String topic = "replica-probe-" + UUID.randomUUID();
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    try (Admin kafka = Admin.create(admin)) {
      kafka.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    }
    double before = published(gateways.get(0)) + published(gateways.get(1));
    int transactions = 20;
    int perTransaction = 200;
    try (TestKafka.Tail tail = TestKafka.tail(topic)) {
      // What Outbox.publish writes, committed in many small transactions while both relays run,
      // each followed by the NOTIFY a writing replica sends: both relays look for the rows.
      try (Connection db = connect("gateway")) {
        for (int t = 0; t < transactions; t++) {
          try (PreparedStatement insert =
              db.prepareStatement(
                  "insert into outbox_event (id, topic, event_key, event_type, payload,"
                      + " occurred_at) select gen_random_uuid(), ?, 'probe-' || (g % 7), 'Probe',"
                      + " jsonb_build_object('n', ? * 1000 + g), now() from generate_series(1, ?)"
                      + " g")) {
            insert.setString(1, topic);
            insert.setInt(2, t);
            insert.setInt(3, perTransaction);
            insert.executeUpdate();
          }
          try (PreparedStatement wake = db.prepareStatement("notify outbox_event")) {
            wake.execute();
          }
        }
      }
      int total = transactions * perTransaction;
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> tail.drain(Duration.ofMillis(200)).size() >= total);
      List<ConsumerRecord<String, String>> records = tail.drain(Duration.ofSeconds(3));

      assertEquals(total, records.size(), "records on the topic");
      Set<String> ids = new HashSet<>();
      Set<Integer> numbers = new HashSet<>();
      for (ConsumerRecord<String, String> record : records) {
        ids.add(TestKafka.header(record, "ce_id"));
        numbers.add(MAPPER.readTree(record.value()).path("n").asInt());
      }
      assertEquals(total, ids.size(), "distinct event ids");
      assertEquals(total, numbers.size(), "distinct rows");
      Map<String, Integer> lastOfKey = new HashMap<>();
      for (ConsumerRecord<String, String> record : records) { // in each partition's order
        int n = MAPPER.readTree(record.value()).path("n").asInt();
        Integer last = lastOfKey.put(record.key(), n);
        assertTrue(last == null || last < n, record.key() + ": " + n + " after " + last);
      }
    }
    try (Connection db = connect("gateway")) {
      assertEquals(0, count(db, "select count(*) from outbox_event where topic = ?", topic));
    }
    double first = published(gateways.get(0));
    double second = published(gateways.get(1));
    assertEquals(transactions * perTransaction, first + second - before, 0.5);
    // One relay drains at a time (an advisory lock), whichever takes it first: no split required.
  }

  @Test
  void anOverduePaymentIsReversedOnceWhileTwoReplicasSweep() throws Exception {
    String token = merchantToken();
    int count = 12;
    List<String> paymentIds = new ArrayList<>();
    try (TestKafka.Tail payments = TestKafka.tail("payments")) {
      for (int i = 0; i < count; i++) {
        // Created on one replica, paid on the other: nothing lives in a replica's memory.
        ServiceProcess creator = gateways.get(i % 2);
        ServiceProcess payer = gateways.get((i + 1) % 2);
        ExtractableResponse<Response> created =
            given()
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(
                    "{\"merchantReference\":\"R-"
                        + UUID.randomUUID()
                        + "\",\"amount\":50000,\"currency\":\"IRR\","
                        + "\"redirectUrl\":\"https://nan.example.ir/back\"}")
                .post(creator.url("/v1/payments"))
                .then()
                .statusCode(201)
                .extract();
        String paymentId = created.path("paymentId");
        Stack.payOnPage(payer.url("/pay/" + paymentId), "4006090000000007");
        paymentIds.add(paymentId);
      }

      // Never verified: both sweepers find every payment overdue after its 3 s window.
      for (String paymentId : paymentIds) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    "REVERSED"
                        .equals(
                            given()
                                .auth()
                                .oauth2(token)
                                .get(gateways.get(0).url("/v1/payments/" + paymentId))
                                .path("status")));
      }
      Map<String, Map<String, Long>> events =
          payments.drain(Duration.ofSeconds(3)).stream()
              .filter(record -> paymentIds.contains(record.key()))
              .collect(
                  Collectors.groupingBy(
                      ConsumerRecord::key,
                      Collectors.groupingBy(
                          record -> TestKafka.header(record, "ce_type"), Collectors.counting())));
      for (String paymentId : paymentIds) {
        assertEquals(
            Map.of("PaymentAuthorized", 1L, "PaymentReversed", 1L),
            events.get(paymentId),
            "events of " + paymentId);
      }
    }
  }

  @Test
  void aDueBatchIsClosedOnceWhileTwoReplicasClose() throws Exception {
    int merchants = 40;
    List<UUID> merchantIds = new ArrayList<>();
    for (int i = 0; i < merchants; i++) {
      UUID merchantId = UUID.randomUUID();
      merchantIds.add(merchantId);
      TestKafka.sendEvent(
          "merchants",
          merchantId.toString(),
          UUID.randomUUID().toString(),
          "MerchantRegistered",
          """
          {"merchantId":"%s","merchantNumber":"%d","name":"Replica Shop %d","country":"IR",
           "currency":"IRR","callbackDomains":[],"registeredAt":"%s"}
          """
              .formatted(merchantId, 60_000_000 + i, i, Instant.now()));
    }
    // Three captures per merchant, 10,000 + 20,000 + 30,000 rials.
    for (UUID merchantId : merchantIds) {
      for (int amount = 10_000; amount <= 30_000; amount += 10_000) {
        UUID paymentId = UUID.randomUUID();
        TestKafka.sendEvent(
            "payments",
            paymentId.toString(),
            UUID.randomUUID().toString(),
            "PaymentCaptured",
            """
            {"paymentId":"%s","payment":{"merchantId":"%s","merchantReference":"%s",
             "amount":%d,"currency":"IRR","channel":"ONLINE","maskedCard":"400609******0007",
             "cardBrand":"VISA","authCode":"123456","rrn":"000000000001","terminalId":null,
             "owedTo":"MERCHANT"},"occurredAt":"%s"}
            """
                .formatted(paymentId, merchantId, paymentId, amount, Instant.now()));
      }
    }
    String ids = merchantIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    try (Connection db = connect("settlement")) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  count(
                          db,
                          "select coalesce(sum(captured_count), 0) from settlement_batch"
                              + " where merchant_id in ("
                              + ids
                              + ")")
                      == merchants * 3L);
      try (TestKafka.Tail closed = TestKafka.tail("settlement-batches")) {
        // Their cut-off is tomorrow at the earliest: bring it forward, as time would.
        try (PreparedStatement due =
            db.prepareStatement(
                "update settlement_batch set closes_at = now() - interval '1 minute'"
                    + " where merchant_id in ("
                    + ids
                    + ")")) {
          assertEquals(merchants, due.executeUpdate());
        }
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    count(
                            db,
                            "select count(*) from settlement_batch where status = 'CLOSED'"
                                + " and merchant_id in ("
                                + ids
                                + ")")
                        == merchants);
        Map<String, List<JsonNode>> events = new HashMap<>();
        for (ConsumerRecord<String, String> record : closed.drain(Duration.ofSeconds(3))) {
          JsonNode batch = MAPPER.readTree(record.value());
          if (merchantIds.contains(UUID.fromString(batch.path("merchantId").asText()))) {
            events.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(batch);
          }
        }
        assertEquals(merchants, events.size(), "batches with a SettlementBatchClosed");
        Map<String, Integer> perMerchant =
            events.values().stream()
                .map(list -> list.get(0).path("merchantId").asText())
                .collect(Collectors.toMap(Function.identity(), m -> 1, Integer::sum));
        assertEquals(merchants, perMerchant.size(), "one batch per merchant");
        for (List<JsonNode> batchEvents : events.values()) {
          assertEquals(1, batchEvents.size(), "closed events of one batch: " + batchEvents);
          JsonNode batch = batchEvents.get(0);
          assertEquals("SettlementBatchClosed", batch.path("type").asText(), batch.toString());
          assertEquals(60_000, batch.path("capturedAmount").asLong(), batch.toString());
          assertEquals(3, batch.path("capturedCount").asInt(), batch.toString());
        }
      }
    }
  }

  /** A merchant onboarded on the first replica, its token issued by the second. */
  private static String merchantToken() {
    ExtractableResponse<Response> registered =
        given()
            .auth()
            .oauth2(Stack.adminToken(gateways.get(0)))
            .contentType(ContentType.JSON)
            .body(Stack.MERCHANT)
            .post(gateways.get(0).url("/v1/merchants"))
            .then()
            .statusCode(201)
            .extract();
    return given()
        .formParam("grant_type", "client_credentials")
        .formParam("client_id", registered.path("merchantNumber").toString())
        .formParam("client_secret", registered.path("secret").toString())
        .post(gateways.get(1).url("/v1/auth/token"))
        .then()
        .statusCode(200)
        .extract()
        .path("access_token");
  }

  /** The count of events the replica's relay has published since it started. */
  private static double published(ServiceProcess service) {
    String metrics =
        given().get(service.url("/q/metrics")).then().statusCode(200).extract().asString();
    Matcher value = PUBLISHED.matcher(metrics);
    return value.find() ? Double.parseDouble(value.group(1)) : 0;
  }

  private static Connection connect(String service) throws SQLException {
    String db = "tasvie_" + service;
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db + "_test", db, db);
  }

  private static long count(Connection db, String sql, Object... params) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        query.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
