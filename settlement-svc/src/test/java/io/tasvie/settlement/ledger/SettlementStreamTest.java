package io.tasvie.settlement.ledger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tasvie.common.contract.PaymentCapturedEvent;
import io.tasvie.common.contract.PaymentFacts;
import io.tasvie.common.contract.PaymentRefundedEvent;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.settlement.testing.Payments;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

/**
 * Random event streams (jqwik generators: sales of every channel, partial refunds days later,
 * redeliveries, republished events, any order) through Kafka into the real service: whatever the
 * stream, published in bursts of random sizes (so applied in batches of random sizes), the ledger
 * balances, every payment is in exactly one batch, and Σ net = Σ captured − Σ refunds − Σ fees,
 * also after the batches close and carry their shortfalls forward.
 */
@QuarkusTest
class SettlementStreamTest {

  private static final int STREAMS = 12;
  private static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");
  private static final List<String> CHANNELS =
      List.of("ONLINE", "MPOS", "SOFTPOS", "WALLET", "TOPUP", "INTERNET_PACKAGE", "BILL");

  @Inject Database database;

  /** One sale: its channel, amount, day and hour, and the refunds asked for after it. */
  record Sale(String channel, long amount, int day, int hour, List<Long> refunds, int refundDay) {}

  /** A merchant's fee terms and its stream of sales, with the seed that orders the events. */
  record Stream(int onlineBps, long onlineFixed, int mposBps, List<Sale> sales, long seed) {}

  static Arbitrary<Stream> streams() {
    Arbitrary<Sale> sale =
        Combinators.combine(
                Arbitraries.of(CHANNELS),
                Arbitraries.longs().between(1, 5_000_000),
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 23),
                Arbitraries.longs().between(1, 6_000_000).list().ofMaxSize(3),
                Arbitraries.integers().between(0, 3))
            .as(Sale::new);
    return Combinators.combine(
            Arbitraries.integers().between(0, 400),
            Arbitraries.longs().between(0, 2_000),
            Arbitraries.integers().between(0, 400),
            sale.list().ofMinSize(1).ofMaxSize(8),
            Arbitraries.longs())
        .as(Stream::new);
  }

  @Test
  void anyStreamBalancesAndNetsToCapturesLessRefundsAndFees() {
    streams().sampleStream().limit(STREAMS).forEach(this::check);
  }

  private void check(Stream stream) {
    UUID merchantId = Payments.merchant(database, "IR", "IRR");
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .contentType(ContentType.JSON)
        .body(
            "{\"delayDays\":1,\"cutoff\":\"23:59\",\"fees\":[{\"channel\":\"ONLINE\",\"mdrBps\":"
                + stream.onlineBps()
                + ",\"fixedFee\":"
                + stream.onlineFixed()
                + "},{\"channel\":\"MPOS\",\"mdrBps\":"
                + stream.mposBps()
                + ",\"fixedFee\":0}]}")
        .put("/v1/merchants/" + merchantId + "/settlement-contract")
        .then()
        .statusCode(200);
    Random random = new Random(stream.seed());
    LocalDate saturday =
        LocalDate.of(2028 + random.nextInt(4), 1, 1)
            .plusWeeks(random.nextInt(50))
            .with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));

    List<Supplier<Payments.Event>> events = new ArrayList<>();
    long lines = 0;
    long expectedNet = 0;
    long expectedOperator = 0;
    List<UUID> payments = new ArrayList<>();
    for (Sale sale : stream.sales()) {
      UUID paymentId = UUID.randomUUID();
      payments.add(paymentId);
      PaymentFacts facts = Payments.facts(merchantId, sale.amount(), "IRR", sale.channel());
      Instant at = at(saturday.plusDays(sale.day()), sale.hour());
      String captureId = UUID.randomUUID().toString();
      PaymentCapturedEvent captured = new PaymentCapturedEvent(paymentId, facts, at);
      events.add(() -> new Payments.Event(paymentId, captureId, "PaymentCaptured", captured));
      lines++;
      boolean valueAdded = Postings.valueAdded(sale.channel());
      if (valueAdded) {
        expectedOperator += sale.amount();
      } else {
        expectedNet += sale.amount() - fee(stream, sale);
      }
      long left = sale.amount();
      for (long asked : sale.refunds()) {
        long refund = Math.min(asked, left);
        if (refund == 0) {
          break;
        }
        left -= refund;
        String refundEventId = UUID.randomUUID().toString();
        PaymentRefundedEvent refunded =
            new PaymentRefundedEvent(
                paymentId,
                facts,
                UUID.randomUUID(),
                refund,
                sale.amount() - left,
                "returned",
                at(saturday.plusDays(sale.day() + sale.refundDay()), sale.hour()).plusSeconds(1));
        events.add(() -> new Payments.Event(paymentId, refundEventId, "PaymentRefunded", refunded));
        lines++;
        if (valueAdded) {
          expectedOperator -= refund;
        } else {
          expectedNet -= refund;
        }
      }
      if (random.nextInt(3) == 0) { // republished by the producer: a new event id, same payment
        events.add(
            () ->
                new Payments.Event(
                    paymentId,
                    UUID.randomUUID().toString(),
                    "PaymentCaptured",
                    new PaymentCapturedEvent(paymentId, facts, at)));
      }
    }
    int original = events.size();
    for (int i = 0; i < original; i++) {
      if (random.nextInt(4) == 0) { // redelivered by Kafka: the same event id again
        events.add(events.get(i));
      }
    }
    Collections.shuffle(events, random); // refunds may come before their captures
    // In bursts of random sizes, each flushed at once: the consumer applies them in batches of
    // whatever size its polls find.
    try (Payments.Burst burst = Payments.burst()) {
      for (int sent = 0, size = 1 + random.nextInt(events.size()); sent < events.size(); ) {
        burst.event("payments", events.get(sent++).get());
        if (--size == 0 || sent == events.size()) {
          burst.flush();
          size = 1 + random.nextInt(events.size());
        }
      }
    }

    long expectedLines = lines;
    String where = "b.merchant_id = '" + merchantId + "'";
    String context = stream.toString();
    await()
        .atMost(Payments.TIMEOUT)
        .until(
            () ->
                database.count(
                        "select count(*) from settlement_item i join settlement_batch b"
                            + " on b.id = i.batch_id where "
                            + where)
                    == expectedLines);

    for (UUID paymentId : payments) {
      assertEquals(
          1,
          database.count(
              "select count(*) from settlement_item where kind = 'CAPTURE' and payment_id = ?",
              paymentId),
          context);
    }
    assertLedgerBalanced(merchantId, context);
    assertEquals(
        expectedNet,
        database.count(
            "select sum(captured_amount - refunded_amount - fee_amount - operator_amount)"
                + " from settlement_batch b where "
                + where),
        context);
    assertEquals(
        expectedOperator,
        database.count("select sum(operator_amount) from settlement_batch b where " + where),
        context);

    database.update(
        "update settlement_batch set closes_at = settlement_date - interval '100 years'"
            + " where merchant_id = ?",
        merchantId);
    await()
        .atMost(Payments.TIMEOUT)
        .until(
            () ->
                database.count(
                        "select count(*) from settlement_batch b where status = 'OPEN' and "
                            + where)
                    == 0);
    long carried =
        database.count(
            "select coalesce(sum(amount), 0) from merchant_carry where merchant_id = ?",
            merchantId);
    assertEquals(
        expectedNet,
        database.count("select sum(payout_amount) from settlement_batch b where " + where)
            - carried,
        context);
    assertEquals(
        0,
        database.count(
            "select count(*) from settlement_batch b where (payout_amount < 0 or carried_out < 0"
                + " or payout_amount - carried_out <> captured_amount - refunded_amount"
                + " - fee_amount - operator_amount - carried_in) and "
                + where),
        context);
  }

  /** The contract's fee, computed here independently of the service: half up, capped. */
  private static long fee(Stream stream, Sale sale) {
    int bps =
        switch (sale.channel()) {
          case "ONLINE" -> stream.onlineBps();
          case "MPOS" -> stream.mposBps();
          default -> 0;
        };
    long fixed = sale.channel().equals("ONLINE") ? stream.onlineFixed() : 0;
    long rate =
        BigDecimal.valueOf(sale.amount())
            .multiply(BigDecimal.valueOf(bps))
            .divide(BigDecimal.valueOf(10_000))
            .setScale(0, RoundingMode.HALF_UP)
            .longValueExact();
    return Math.min(sale.amount(), rate + fixed);
  }

  private void assertLedgerBalanced(UUID merchantId, String context) {
    assertEquals(
        0,
        database.count(
            "select count(*) from (select posting from ledger_entry where merchant_id = ?"
                + " group by posting having sum(debit) <> sum(credit)) p",
            merchantId),
        context);
    assertEquals(
        database.count(
            "select coalesce(sum(debit), 0) from ledger_entry where merchant_id = ?", merchantId),
        database.count(
            "select coalesce(sum(credit), 0) from ledger_entry where merchant_id = ?", merchantId),
        context);
  }

  private static Instant at(LocalDate day, int hour) {
    return day.atTime(hour, 0).atZone(TEHRAN).toInstant();
  }
}
