package io.tasvie.settlement.contract.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.settlement.batch.config.SettlementConfig;
import io.tasvie.settlement.contract.Contract;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Merchants' settlement contracts; a merchant without one has the configured default. */
@ApplicationScoped
public class ContractService {

  private final SettlementConfig config;

  public ContractService(SettlementConfig config) {
    this.config = config;
  }

  public Contract defaults() {
    return new Contract(config.delayDays(), config.cutoff());
  }

  /** The merchant's contract; runs in the caller's session. */
  public Uni<Contract> of(UUID merchantId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select delay_days, cutoff from merchant_contract where merchant_id = ?1",
                        Object[].class)
                    .setParameter(1, merchantId)
                    .getResultList())
        .map(rows -> rows.isEmpty() ? defaults() : contract(rows));
  }

  public Uni<Contract> find(UUID merchantId) {
    return Panache.withSession(() -> of(merchantId));
  }

  public Uni<Contract> set(UUID merchantId, Contract contract) {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery(
                                "insert into merchant_contract (merchant_id, delay_days, cutoff,"
                                    + " updated_at) values (?1, ?2, ?3, ?4) on conflict"
                                    + " (merchant_id) do update set delay_days = excluded.delay_days,"
                                    + " cutoff = excluded.cutoff, updated_at = excluded.updated_at")
                            .setParameter(1, merchantId)
                            .setParameter(2, contract.delayDays())
                            .setParameter(3, contract.cutoff())
                            .setParameter(4, OffsetDateTime.now(ZoneOffset.UTC))
                            .executeUpdate())
                .replaceWith(contract));
  }

  private static Contract contract(List<Object[]> rows) {
    Object[] row = rows.get(0);
    Object cutoff = row[1];
    return new Contract(
        ((Number) row[0]).intValue(),
        cutoff instanceof LocalTime time ? time : LocalTime.parse(cutoff.toString()));
  }
}
