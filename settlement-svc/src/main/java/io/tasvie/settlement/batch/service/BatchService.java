package io.tasvie.settlement.batch.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.SettlementBatchEvent;
import io.tasvie.common.outbox.Outbox;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.settlement.batch.BatchStatus;
import io.tasvie.settlement.batch.SettlementBatch;
import io.tasvie.settlement.batch.repository.SettlementBatchRepository;
import io.tasvie.settlement.calendar.Jalali;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Closing batches at their cut-off and marking them paid; each change announced for finance. */
@ApplicationScoped
public class BatchService {

  private final SettlementBatchRepository batches;
  private final Outbox outbox;

  public BatchService(SettlementBatchRepository batches, Outbox outbox) {
    this.batches = batches;
    this.outbox = outbox;
  }

  /** Closes up to {@code limit} batches whose cut-off passed; answers how many. */
  public Uni<Integer> closeDue(int limit) {
    return Panache.withTransaction(
        () ->
            batches
                .due(Instant.now(), limit)
                .chain(
                    due ->
                        Multi.createFrom()
                            .iterable(due)
                            .onItem()
                            .transformToUniAndConcatenate(
                                batch -> {
                                  batch.close(now());
                                  return outbox.publish(
                                      event(
                                          SettlementBatchEvent.CLOSED, batch, batch.getClosedAt()));
                                })
                            .collect()
                            .asList()
                            .map(List::size)));
  }

  /** Finance paid the batch out; only a CLOSED batch can be, and only once. */
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
                      batch.markPaid(bankReference, now());
                      return outbox
                          .publish(event(SettlementBatchEvent.PAID, batch, batch.getPaidAt()))
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

  /** A batch's lines in the order they happened: payment, refund, kind, channel, amount, time. */
  @WithSession
  public Uni<List<Object[]>> items(UUID batchId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select payment_id, refund_id, kind, channel, amount, occurred_at"
                            + " from settlement_item where batch_id = ?1 order by occurred_at, id",
                        Object[].class)
                    .setParameter(1, batchId)
                    .getResultList());
  }

  private static SettlementBatchEvent event(String type, SettlementBatch batch, Instant at) {
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
        batch.netAmount(),
        batch.getCapturedCount(),
        batch.getRefundCount(),
        batch.getBankReference(),
        at);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
