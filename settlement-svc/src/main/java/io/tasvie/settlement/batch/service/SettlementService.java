package io.tasvie.settlement.batch.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.SettlementScheduledEvent;
import io.tasvie.common.outbox.Outbox;
import io.tasvie.settlement.calendar.Jalali;
import io.tasvie.settlement.contract.Contract;
import io.tasvie.settlement.contract.service.ContractService;
import io.tasvie.settlement.ledger.Postings;
import io.tasvie.settlement.ledger.service.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Puts captured payments and refunds into the merchant's batch of their settlement date (one per
 * merchant, date and currency, with its NoTasvie), with the contract's fee, posts them to the
 * ledger and announces each payment's settlement. Must run in the caller's transaction (the
 * consumer's inbox transaction).
 */
@ApplicationScoped
public class SettlementService {

  private final SettlementDates dates;
  private final ContractService contracts;
  private final Ledger ledger;
  private final Outbox outbox;

  public SettlementService(
      SettlementDates dates, ContractService contracts, Ledger ledger, Outbox outbox) {
    this.dates = dates;
    this.contracts = contracts;
    this.ledger = ledger;
    this.outbox = outbox;
  }

  /** One settlement line: a capture, or a refund ({@code refundId} set). */
  public record Line(
      UUID paymentId,
      UUID refundId,
      UUID merchantId,
      String country,
      String currency,
      String channel,
      long amount,
      Instant occurredAt) {

    boolean isRefund() {
      return refundId != null;
    }

    /** The same line in the merchant's country, known once the merchant projection has it. */
    public Line in(String merchantCountry) {
      return new Line(
          paymentId, refundId, merchantId, merchantCountry, currency, channel, amount, occurredAt);
    }
  }

  /**
   * Records the line once: a line already recorded (same payment and refund) changes nothing. A
   * line whose batch is past its cut-off (a late event) is netted into today's batch.
   */
  public Uni<Void> record(Line line) {
    return recorded(line)
        .chain(
            known ->
                known
                    ? Uni.createFrom().voidItem()
                    : contracts.of(line.merchantId()).chain(contract -> record(line, contract)));
  }

  /**
   * Whether the line is already in a batch (a republished event): checked first so that a late
   * duplicate does not open a batch it will not be in. The unique keys still decide races.
   */
  private static Uni<Boolean> recorded(Line line) {
    return Panache.getSession()
        .chain(
            session ->
                line.isRefund()
                    ? session
                        .createNativeQuery(
                            "select count(*) from settlement_item where payment_id = ?1"
                                + " and refund_id = ?2",
                            Long.class)
                        .setParameter(1, line.paymentId())
                        .setParameter(2, line.refundId())
                        .getSingleResult()
                    : session
                        .createNativeQuery(
                            "select count(*) from settlement_item where payment_id = ?1"
                                + " and kind = 'CAPTURE'",
                            Long.class)
                        .setParameter(1, line.paymentId())
                        .getSingleResult())
        .map(count -> count > 0);
  }

  private Uni<Void> record(Line line, Contract contract) {
    long fee = line.isRefund() ? 0 : contract.feeFor(line.channel()).on(line.amount());
    LocalDate dated = dates.settlementDate(line.occurredAt(), line.country(), contract);
    if (dates.closesAt(dated, line.country(), contract).isBefore(Instant.now())) {
      dated = dates.settlementDate(Instant.now(), line.country(), contract);
    }
    LocalDate settlementDate = dated;
    return Panache.getSession()
        .chain(
            session ->
                batchFor(session, line, contract, settlementDate)
                    .chain(
                        batch ->
                            batch.open()
                                ? Uni.createFrom().item(batch)
                                : batchFor(
                                    session,
                                    line,
                                    contract,
                                    dates.settlementDate(Instant.now(), line.country(), contract)))
                    .chain(
                        batch ->
                            insertItem(session, batch.id(), line, fee)
                                .chain(
                                    inserted ->
                                        inserted
                                            ? addToTotals(session, batch.id(), line, fee)
                                                .chain(() -> post(batch, line, fee))
                                                .chain(() -> announce(line, batch))
                                            : Uni.createFrom().voidItem())));
  }

  private record Batch(UUID id, String settlementNumber, LocalDate settlementDate, boolean open) {}

  /** The batch, locked until commit; opened (with its NoTasvie) by the first line that needs it. */
  private Uni<Batch> batchFor(
      Mutiny.Session session, Line line, Contract contract, LocalDate settlementDate) {
    return lockBatch(session, line, settlementDate)
        .chain(
            found ->
                found != null
                    ? Uni.createFrom().item(found)
                    : openBatch(session, line, contract, settlementDate)
                        .chain(() -> lockBatch(session, line, settlementDate)));
  }

  private static Uni<Batch> lockBatch(Mutiny.Session session, Line line, LocalDate settlementDate) {
    return session
        .createNativeQuery(
            "select id, settlement_number, status from settlement_batch"
                + " where merchant_id = ?1 and settlement_date = ?2 and currency = ?3"
                + " for update",
            Object[].class)
        .setParameter(1, line.merchantId())
        .setParameter(2, settlementDate)
        .setParameter(3, line.currency())
        .getResultList()
        .map(
            rows -> {
              if (rows.isEmpty()) {
                return null;
              }
              Object[] row = rows.get(0);
              return new Batch(
                  (UUID) row[0], (String) row[1], settlementDate, "OPEN".equals(row[2]));
            });
  }

  /** Inserts the batch unless a concurrent line just did (the unique key decides). */
  private Uni<Integer> openBatch(
      Mutiny.Session session, Line line, Contract contract, LocalDate settlementDate) {
    return session
        .createNativeQuery("select nextval('settlement_number_seq')", Long.class)
        .getSingleResult()
        .chain(
            sequence ->
                session
                    .createNativeQuery(
                        "insert into settlement_batch (id, merchant_id, currency, settlement_date,"
                            + " settlement_number, status, closes_at, created_at)"
                            + " values (?1, ?2, ?3, ?4, ?5, 'OPEN', ?6, ?7)"
                            + " on conflict (merchant_id, settlement_date, currency) do nothing")
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, line.merchantId())
                    .setParameter(3, line.currency())
                    .setParameter(4, settlementDate)
                    .setParameter(5, SettlementNumbers.withCheckDigit(sequence))
                    .setParameter(
                        6,
                        OffsetDateTime.ofInstant(
                            dates.closesAt(settlementDate, line.country(), contract),
                            ZoneOffset.UTC))
                    .setParameter(7, OffsetDateTime.now(ZoneOffset.UTC))
                    .executeUpdate());
  }

  private Uni<Boolean> insertItem(Mutiny.Session session, UUID batchId, Line line, long fee) {
    return session
        .createNativeQuery(
            "insert into settlement_item (id, batch_id, payment_id, refund_id, kind, channel,"
                + " amount, fee, occurred_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9, ?8)"
                + " on conflict do nothing")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, batchId)
        .setParameter(3, line.paymentId())
        .setParameter(4, line.refundId())
        .setParameter(5, line.isRefund() ? "REFUND" : "CAPTURE")
        .setParameter(6, line.channel())
        .setParameter(7, line.amount())
        .setParameter(8, OffsetDateTime.ofInstant(line.occurredAt(), ZoneOffset.UTC))
        .setParameter(9, fee)
        .executeUpdate()
        .map(rows -> rows == 1);
  }

  /** The batch's totals and its channel's, kept current so a close never scans the lines. */
  private Uni<Integer> addToTotals(Mutiny.Session session, UUID batchId, Line line, long fee) {
    long operator = Postings.valueAdded(line.channel()) ? line.amount() : 0;
    String totals =
        line.isRefund()
            ? "refunded_amount = refunded_amount + ?2, refund_count = refund_count + 1,"
                + " operator_amount = operator_amount - ?4"
            : "captured_amount = captured_amount + ?2, captured_count = captured_count + 1,"
                + " operator_amount = operator_amount + ?4";
    String channel =
        line.isRefund()
            ? "refund_count, refunded_amount, fee_amount) values (?1, ?3, 1, ?2, ?4) on"
                + " conflict (batch_id, channel) do update set refund_count = c.refund_count + 1,"
                + " refunded_amount = c.refunded_amount + ?2, fee_amount = c.fee_amount + ?4"
            : "captured_count, captured_amount, fee_amount) values (?1, ?3, 1, ?2, ?4) on"
                + " conflict (batch_id, channel) do update set captured_count = c.captured_count"
                + " + 1, captured_amount = c.captured_amount + ?2, fee_amount = c.fee_amount + ?4";
    return session
        .createNativeQuery(
            "update settlement_batch set "
                + totals
                + ", fee_amount = fee_amount + ?3 where id = ?1")
        .setParameter(1, batchId)
        .setParameter(2, line.amount())
        .setParameter(3, fee)
        .setParameter(4, operator)
        .executeUpdate()
        .chain(
            () ->
                session
                    .createNativeQuery(
                        "insert into settlement_batch_channel as c (batch_id, channel, " + channel)
                    .setParameter(1, batchId)
                    .setParameter(2, line.amount())
                    .setParameter(3, line.channel())
                    .setParameter(4, fee)
                    .executeUpdate());
  }

  private Uni<Void> post(Batch batch, Line line, long fee) {
    return line.isRefund()
        ? ledger.post(
            "REFUND:" + line.refundId(),
            batch.id(),
            line.merchantId(),
            line.currency(),
            Postings.refund(line.channel(), line.amount()))
        : ledger.post(
            "CAPTURE:" + line.paymentId(),
            batch.id(),
            line.merchantId(),
            line.currency(),
            Postings.capture(line.channel(), line.amount(), fee));
  }

  private Uni<Void> announce(Line line, Batch batch) {
    if (line.isRefund()) {
      return Uni.createFrom().voidItem(); // a refund is netted; the payment keeps its settlement
    }
    return outbox.publish(
        new SettlementScheduledEvent(
            line.paymentId(),
            line.merchantId(),
            line.channel(),
            batch.settlementDate(),
            Jalali.format(batch.settlementDate()),
            batch.settlementNumber(),
            Instant.now()));
  }
}
