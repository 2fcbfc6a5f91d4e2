package io.tasvie.settlement.batch.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.ChannelTotals;
import io.tasvie.common.sql.MultiRow;
import io.tasvie.settlement.batch.BatchStatus;
import io.tasvie.settlement.batch.SettlementBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /** A merchant's debt in a currency, carried from batch to batch. */
  public record Carry(UUID merchantId, String currency) {}

  /** The carried debts of the merchants of these batches, locked until commit. */
  public Uni<Map<Carry, Long>> carries(List<UUID> batchIds) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select c.merchant_id, c.currency, c.amount from merchant_carry c where"
                            + " (c.merchant_id, c.currency) in (select merchant_id, currency from"
                            + " settlement_batch where id in (?1)) for update",
                        Object[].class)
                    .setParameter(1, batchIds)
                    .getResultList())
        .map(
            rows -> {
              Map<Carry, Long> carries = new HashMap<>();
              for (Object[] row : rows) {
                carries.put(
                    new Carry((UUID) row[0], (String) row[1]), ((Number) row[2]).longValue());
              }
              return carries;
            });
  }

  /** Stores these debts (0 clears one), one statement for all. */
  public Uni<Void> putCarries(Map<Carry, Long> debts) {
    if (debts.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Map.Entry<Carry, Long>> entries = List.copyOf(debts.entrySet());
    String sql =
        "insert into merchant_carry (merchant_id, currency, amount) values "
            + MultiRow.values(entries.size(), "?", "?", "?")
            + " on conflict (merchant_id, currency) do update set amount = excluded.amount";
    return Panache.getSession()
        .chain(
            session -> {
              var query = session.createNativeQuery(sql);
              for (int i = 0; i < entries.size(); i++) {
                int p = i * 3;
                query
                    .setParameter(p + 1, entries.get(i).getKey().merchantId())
                    .setParameter(p + 2, entries.get(i).getKey().currency())
                    .setParameter(p + 3, entries.get(i).getValue());
              }
              return query.executeUpdate();
            })
        .replaceWithVoid();
  }

  /** One batch's totals per channel. */
  public Uni<List<ChannelTotals>> channels(UUID batchId) {
    return channels(List.of(batchId)).map(channels -> channels.getOrDefault(batchId, List.of()));
  }

  /** The batches' totals per channel, kept at ingest. */
  public Uni<Map<UUID, List<ChannelTotals>>> channels(List<UUID> batchIds) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select batch_id, channel, captured_count, captured_amount, refund_count,"
                            + " refunded_amount, fee_amount from settlement_batch_channel"
                            + " where batch_id in (?1) order by batch_id, channel",
                        Object[].class)
                    .setParameter(1, batchIds)
                    .getResultList())
        .map(
            rows -> {
              Map<UUID, List<ChannelTotals>> channels = new HashMap<>();
              for (Object[] row : rows) {
                channels
                    .computeIfAbsent((UUID) row[0], id -> new ArrayList<>())
                    .add(
                        new ChannelTotals(
                            (String) row[1],
                            ((Number) row[2]).intValue(),
                            ((Number) row[3]).longValue(),
                            ((Number) row[4]).intValue(),
                            ((Number) row[5]).longValue(),
                            ((Number) row[6]).longValue()));
              }
              return channels;
            });
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
