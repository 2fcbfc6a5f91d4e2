package io.tasvie.settlement.batch.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.SettlementScheduledEvent;
import io.tasvie.common.outbox.Outbox;
import io.tasvie.settlement.calendar.Jalali;
import io.tasvie.settlement.contract.Contract;
import io.tasvie.settlement.contract.service.ContractService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Puts captured payments and refunds into the merchant's batch of their settlement date (one per
 * merchant, date and currency, with its NoTasvie) and announces each payment's settlement. Must run
 * in the caller's transaction (the consumer's inbox transaction).
 */
@ApplicationScoped
public class SettlementService {

  private final SettlementDates dates;
  private final ContractService contracts;
  private final Outbox outbox;

  public SettlementService(SettlementDates dates, ContractService contracts, Outbox outbox) {
    this.dates = dates;
    this.contracts = contracts;
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
    return contracts.of(line.merchantId()).chain(contract -> record(line, contract));
  }

  private Uni<Void> record(Line line, Contract contract) {
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
                            insertItem(session, batch.id(), line)
                                .chain(
                                    inserted ->
                                        inserted
                                            ? addToTotals(session, batch.id(), line)
                                                .chain(() -> announce(line, batch))
                                            : Uni.createFrom().voidItem())));
  }

  private record Batch(UUID id, String settlementNumber, LocalDate settlementDate, boolean open) {}

  private Uni<Batch> batchFor(
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
                    .executeUpdate())
        .chain(
            () ->
                session
                    .createNativeQuery(
                        "select id, settlement_number, status from settlement_batch"
                            + " where merchant_id = ?1 and settlement_date = ?2 and currency = ?3"
                            + " for update",
                        Object[].class)
                    .setParameter(1, line.merchantId())
                    .setParameter(2, settlementDate)
                    .setParameter(3, line.currency())
                    .getSingleResult())
        .map(
            row ->
                new Batch((UUID) row[0], (String) row[1], settlementDate, "OPEN".equals(row[2])));
  }

  private Uni<Boolean> insertItem(Mutiny.Session session, UUID batchId, Line line) {
    return session
        .createNativeQuery(
            "insert into settlement_item (id, batch_id, payment_id, refund_id, kind, channel,"
                + " amount, occurred_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                + " on conflict do nothing")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, batchId)
        .setParameter(3, line.paymentId())
        .setParameter(4, line.refundId())
        .setParameter(5, line.isRefund() ? "REFUND" : "CAPTURE")
        .setParameter(6, line.channel())
        .setParameter(7, line.amount())
        .setParameter(8, OffsetDateTime.ofInstant(line.occurredAt(), ZoneOffset.UTC))
        .executeUpdate()
        .map(rows -> rows == 1);
  }

  private Uni<Integer> addToTotals(Mutiny.Session session, UUID batchId, Line line) {
    String totals =
        line.isRefund()
            ? "refunded_amount = refunded_amount + ?2, refund_count = refund_count + 1"
            : "captured_amount = captured_amount + ?2, captured_count = captured_count + 1";
    return session
        .createNativeQuery("update settlement_batch set " + totals + " where id = ?1")
        .setParameter(1, batchId)
        .setParameter(2, line.amount())
        .executeUpdate();
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
