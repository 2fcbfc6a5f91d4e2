package io.tasvie.notify.settlement.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Settlement dates of transactions, written and read set-based in the caller's transaction. */
@ApplicationScoped
public class TransactionSettlementRepository {

  /** A transaction's settlement as settlement-svc announced it. */
  public record Settled(UUID transactionId, LocalDate settlementDate, String settlementNumber) {}

  /**
   * Writes each settlement, replacing what an earlier one said.
   *
   * @param settlements at most one per transaction (one statement cannot change a row twice)
   */
  public Uni<Void> upsert(SqlConnection transaction, List<Settled> settlements) {
    if (settlements.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return transaction
        .preparedQuery(
            "insert into transaction_settlement (transaction_id, settlement_date,"
                + " settlement_number)"
                + " select * from unnest($1::uuid[], $2::date[], $3::text[])"
                + " on conflict (transaction_id) do update set settlement_date ="
                + " excluded.settlement_date, settlement_number = excluded.settlement_number")
        .execute(
            Tuple.of(
                settlements.stream().map(Settled::transactionId).toArray(UUID[]::new),
                settlements.stream().map(Settled::settlementDate).toArray(LocalDate[]::new),
                settlements.stream().map(Settled::settlementNumber).toArray(String[]::new)))
        .replaceWithVoid();
  }

  /** The settlement dates known for these transactions; a transaction not settled is absent. */
  public Uni<Map<UUID, LocalDate>> settlementDates(
      SqlConnection transaction, Collection<UUID> transactionIds) {
    if (transactionIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return transaction
        .preparedQuery(
            "select transaction_id, settlement_date from transaction_settlement"
                + " where transaction_id = any($1)")
        .execute(Tuple.tuple().addArrayOfUUID(transactionIds.toArray(UUID[]::new)))
        .map(
            rows -> {
              Map<UUID, LocalDate> dates = new HashMap<>();
              for (Row row : rows) {
                dates.put(row.getUUID(0), row.getLocalDate(1));
              }
              return dates;
            });
  }
}
