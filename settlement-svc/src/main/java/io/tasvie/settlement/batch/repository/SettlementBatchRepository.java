package io.tasvie.settlement.batch.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
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
