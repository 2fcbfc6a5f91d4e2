package io.tasvie.settlement.batch.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.ChannelTotals;
import io.tasvie.common.contract.SettlementBatchEvent;
import io.tasvie.common.outbox.Outbox;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.settlement.batch.BatchStatus;
import io.tasvie.settlement.batch.SettlementBatch;
import io.tasvie.settlement.batch.repository.SettlementBatchRepository;
import io.tasvie.settlement.batch.repository.SettlementBatchRepository.Carry;
import io.tasvie.settlement.calendar.Jalali;
import io.tasvie.settlement.ledger.Postings;
import io.tasvie.settlement.ledger.service.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Closing batches at their cut-off (carrying a negative net forward) and marking them paid; each
 * change announced for finance.
 */
@ApplicationScoped
public class BatchService {

  private final SettlementBatchRepository batches;
  private final Ledger ledger;
  private final Outbox outbox;

  public BatchService(SettlementBatchRepository batches, Ledger ledger, Outbox outbox) {
    this.batches = batches;
    this.ledger = ledger;
    this.outbox = outbox;
  }

  /**
   * Closes up to {@code limit} batches whose cut-off passed, oldest first, each taking over its
   * merchant's carried debt in that currency; answers how many. Set-based: a handful of statements
   * per call, whatever {@code limit} is.
   */
  public Uni<Integer> closeDue(int limit) {
    return Panache.withTransaction(
        () ->
            batches
                .due(Instant.now(), limit)
                .chain(
                    due ->
                        due.isEmpty()
                            ? Uni.createFrom().item(0)
                            : close(due).replaceWith(due.size())));
  }

  private Uni<Void> close(List<SettlementBatch> due) {
    List<UUID> ids = due.stream().map(SettlementBatch::getId).toList();
    return batches
        .carries(ids)
        .chain(
            carries -> {
              Map<Carry, Long> debts = new HashMap<>(carries);
              Instant now = now();
              for (SettlementBatch batch : due) { // oldest first: debt flows forward
                Carry key = new Carry(batch.getMerchantId(), batch.getCurrency());
                debts.put(key, batch.close(now, debts.getOrDefault(key, 0L)));
              }
              debts
                  .entrySet()
                  .removeIf(debt -> debt.getValue() == 0 && !carries.containsKey(debt.getKey()));
              return batches.putCarries(debts);
            })
        .chain(() -> batches.channels(ids))
        .chain(
            channels ->
                outbox.publishAll(
                    due.stream()
                        .map(
                            batch ->
                                event(
                                    SettlementBatchEvent.CLOSED,
                                    batch,
                                    channels.getOrDefault(batch.getId(), List.of()),
                                    batch.getClosedAt()))
                        .toList()));
  }

  /**
   * Finance paid the batch out; only a CLOSED batch with something to pay can be, and only once.
   * The payout is posted to the ledger.
   */
  public Uni<SettlementBatch> markPaid(UUID batchId, String bankReference) {
    return Panache.withTransaction(
        () ->
            batches
                .lock(batchId)
                .chain(
                    batch -> {
                      if (batch == null) {
                        throw ProblemException.notFound("batch", batchId);
                      }
                      if (batch.getStatus() != BatchStatus.CLOSED) {
                        throw new ProblemException(
                            409,
                            batch.getStatus() == BatchStatus.PAID
                                ? "batch-already-paid"
                                : "batch-not-closed",
                            "Batch cannot be marked paid",
                            "Only a CLOSED batch can be marked paid; this one is "
                                + batch.getStatus());
                      }
                      if (batch.getPayoutAmount() == 0) {
                        throw new ProblemException(
                            409,
                            "nothing-to-pay",
                            "Batch cannot be marked paid",
                            "The batch closed with nothing to pay out; its shortfall of "
                                + batch.getCarriedOut()
                                + " was carried to the merchant's next batch");
                      }
                      batch.markPaid(bankReference, now());
                      return ledger
                          .post(
                              "PAYOUT:" + batch.getId(),
                              batch.getId(),
                              batch.getMerchantId(),
                              batch.getCurrency(),
                              Postings.payout(batch.getPayoutAmount()))
                          .chain(() -> batches.channels(batchId))
                          .chain(
                              channels ->
                                  outbox.publish(
                                      event(
                                          SettlementBatchEvent.PAID,
                                          batch,
                                          channels,
                                          batch.getPaidAt())))
                          .replaceWith(batch);
                    }));
  }

  @WithSession
  public Uni<SettlementBatch> find(UUID batchId) {
    return batches.findById(batchId);
  }

  @WithSession
  public Uni<List<SettlementBatch>> search(
      UUID merchantId, LocalDate settlementDate, BatchStatus status, int offset, int limit) {
    return batches.search(merchantId, settlementDate, status, offset, limit);
  }

  /**
   * A batch's lines in the order they happened: payment, refund, kind, channel, amount, time, fee.
   */
  @WithSession
  public Uni<List<Object[]>> items(UUID batchId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select payment_id, refund_id, kind, channel, amount, occurred_at, fee"
                            + " from settlement_item where batch_id = ?1 order by occurred_at, id",
                        Object[].class)
                    .setParameter(1, batchId)
                    .getResultList());
  }

  @WithSession
  public Uni<List<ChannelTotals>> channels(UUID batchId) {
    return batches.channels(batchId);
  }

  private static SettlementBatchEvent event(
      String type, SettlementBatch batch, List<ChannelTotals> channels, Instant at) {
    return new SettlementBatchEvent(
        type,
        batch.getId(),
        batch.getMerchantId(),
        batch.getSettlementDate(),
        Jalali.format(batch.getSettlementDate()),
        batch.getSettlementNumber(),
        batch.getCurrency(),
        batch.getCapturedAmount(),
        batch.getRefundedAmount(),
        batch.getFeeAmount(),
        batch.getOperatorAmount(),
        batch.getCarriedIn(),
        batch.netAmount(),
        batch.getPayoutAmount(),
        batch.getCarriedOut(),
        batch.getCapturedCount(),
        batch.getRefundCount(),
        channels,
        batch.getBankReference(),
        at);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
