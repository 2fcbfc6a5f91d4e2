package io.tasvie.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tasvie.common.acquirer.sandbox.SandboxAcquirer;
import io.tasvie.common.testing.TestKafka;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * After payments with every sandbox card (approved, declined, refunded, notified), no table, no log
 * line and no event holds a card number in clear.
 */
@QuarkusTest
class NoCardNumbersTest {

  private static final String REAL_LOOKING = "4111111111111111";

  @Inject AgroalDataSource dataSource;

  @Test
  void noTableLogOrTopicHoldsACardNumber() throws Exception {
    Onboarded merchant = Merchants.onboard();
    Merchants.configure(
        merchant, Map.of("notifyUrl", "http://127.0.0.1:9/unreachable", "saveCards", true));
    List<String> cards =
        Stream.concat(
                Stream.of(REAL_LOOKING),
                Stream.concat(
                    SandboxAcquirer.APPROVING_CARDS.keySet().stream(),
                    SandboxAcquirer.DECLINING_CARDS.keySet().stream()))
            .toList();
    List<ConsumerRecord<String, String>> events = new ArrayList<>();
    try (TestKafka.Tail payments = TestKafka.tail("payments");
        TestKafka.Tail merchants = TestKafka.tail("merchants")) {
      for (String card : cards) {
        UUID paymentId = Checkout.newPayment(merchant, 120_000);
        Checkout.pay(paymentId, card);
        if (SandboxAcquirer.APPROVING_CARDS.containsKey(card)) {
          Checkout.verify(merchant, paymentId, 120_000).response().then().statusCode(200);
          Checkout.refund(merchant, paymentId, 20_000).response().then().statusCode(201);
        }
      }
      // A card saved with consent, and paid with again by its CVC alone.
      String customer = "cust-" + UUID.randomUUID();
      UUID saving = Checkout.newPayment(merchant, customer);
      Checkout.submit(
              saving,
              Checkout.openPage(saving),
              Map.of(
                  "cardNumber",
                  Checkout.APPROVED_CARD,
                  "expiry",
                  "12/30",
                  "cvc",
                  "123",
                  "saveCard",
                  "yes"))
          .response()
          .then()
          .statusCode(303);
      UUID again = Checkout.newPayment(merchant, customer);
      String cardId =
          given()
              .auth()
              .oauth2(merchant.token())
              .get("/v1/merchants/" + merchant.id() + "/customers/" + customer + "/cards")
              .then()
              .extract()
              .path("[0].cardId");
      Checkout.submit(again, Checkout.openPage(again), Map.of("savedCardId", cardId, "cvc", "123"))
          .response()
          .then()
          .statusCode(303);
      Checkout.get(merchant, again).response().then().statusCode(200);
      events.addAll(payments.drain(Duration.ofSeconds(3)));
      events.addAll(merchants.drain(Duration.ofSeconds(1)));
    }
    assertTrue(events.size() >= 3 * SandboxAcquirer.APPROVING_CARDS.size(), "events were read");

    Set<String> found = new TreeSet<>();
    for (String table : tables()) {
      for (String card : cards) {
        if (rowsContaining(table, card) > 0) {
          found.add("table " + table + ": " + card);
        }
      }
    }
    String log = Files.readString(Path.of("target/gateway-test.log"), StandardCharsets.UTF_8);
    for (String card : cards) {
      if (log.contains(card) || log.contains(spaced(card))) {
        found.add("log: " + card);
      }
      for (ConsumerRecord<String, String> event : events) {
        StringBuilder text = new StringBuilder(event.value());
        for (Header header : event.headers()) {
          text.append(new String(header.value(), StandardCharsets.UTF_8));
        }
        if (text.toString().contains(card)) {
          found.add("topic " + event.topic() + ": " + card);
        }
      }
    }
    assertEquals(Set.of(), found);
  }

  private List<String> tables() throws Exception {
    List<String> tables = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select table_name from information_schema.tables"
                    + " where table_schema = 'public' and table_type = 'BASE TABLE'");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    assertTrue(
        tables.containsAll(List.of("payment", "merchant_notification", "saved_card")), "" + tables);
    return tables;
  }

  /** Rows of {@code table} whose text form (every column) contains {@code card}. */
  private long rowsContaining(String table, String card) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select count(*) from \"" + table + "\" t where t::text like ?")) {
      query.setString(1, "%" + card + "%");
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static String spaced(String card) {
    return card.replaceAll("(.{4})(?!$)", "$1 ");
  }
}
