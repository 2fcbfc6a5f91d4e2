package io.tasvie.settlement.batch.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.ChannelTotals;
import io.tasvie.settlement.batch.BatchStatus;
import io.tasvie.settlement.batch.SettlementBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SettlementBatchRepository implements PanacheRepositoryBase<SettlementBatch, UUID> {

  public Uni<SettlementBatch> lock(UUID batchId) {
    return findById(batchId, LockModeType.PESSIMISTIC_WRITE);
  }

  /** OPEN batches whose cut-off has passed, oldest first. */
  public Uni<List<SettlementBatch>> due(Instant now, int limit) {
    return find("status = ?1 and closesAt < ?2", Sort.ascending("closesAt"), BatchStatus.OPEN, now)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .page(0, limit)
        .list();
  }

  /** Takes the merchant's carried debt in a currency (0 if none), locking it until commit. */
  public Uni<Long> takeCarry(UUID merchantId, String currency) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select amount from merchant_carry where merchant_id = ?1 and currency = ?2"
                            + " for update",
                        Long.class)
                    .setParameter(1, merchantId)
                    .setParameter(2, currency)
                    .getResultList())
        .map(rows -> rows.isEmpty() ? 0L : rows.get(0));
  }

  public Uni<Void> putCarry(UUID merchantId, String currency, long amount) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into merchant_carry (merchant_id, currency, amount) values (?1, ?2,"
                            + " ?3) on conflict (merchant_id, currency) do update set amount ="
                            + " excluded.amount")
                    .setParameter(1, merchantId)
                    .setParameter(2, currency)
                    .setParameter(3, amount)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /** The batch's totals per channel, kept at ingest. */
  public Uni<List<ChannelTotals>> channels(UUID batchId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select channel, captured_count, captured_amount, refund_count,"
                            + " refunded_amount, fee_amount from settlement_batch_channel"
                            + " where batch_id = ?1 order by channel",
                        Object[].class)
                    .setParameter(1, batchId)
                    .getResultList())
        .map(
            rows ->
                rows.stream()
                    .map(
                        row ->
                            new ChannelTotals(
                                (String) row[0],
                                ((Number) row[1]).intValue(),
                                ((Number) row[2]).longValue(),
                                ((Number) row[3]).intValue(),
                                ((Number) row[4]).longValue(),
                                ((Number) row[5]).longValue()))
                    .toList());
  }

  public Uni<List<SettlementBatch>> search(
      UUID merchantId, LocalDate settlementDate, BatchStatus status, int offset, int limit) {
    StringBuilder query = new StringBuilder("1 = 1");
    Parameters parameters = new Parameters();
    if (merchantId != null) {
      query.append(" and merchantId = :merchant");
      parameters.and("merchant", merchantId);
    }
    if (settlementDate != null) {
      query.append(" and settlementDate = :date");
      parameters.and("date", settlementDate);
    }
    if (status != null) {
      query.append(" and status = :status");
      parameters.and("status", status);
    }
    return find(query.toString(), Sort.descending("settlementDate").and("id"), parameters)
        .range(offset, offset + limit - 1)
        .list();
  }
}
