package io.tasvie.settlement.contract.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.settlement.batch.config.SettlementConfig;
import io.tasvie.settlement.contract.Contract;
import io.tasvie.settlement.contract.Iban;
import io.tasvie.settlement.ledger.Fee;
import io.tasvie.settlement.payout.config.PayoutConfig;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Merchants' settlement contracts; a merchant without one has the configured default. */
@ApplicationScoped
public class ContractService {

  private final SettlementConfig config;
  private final PayoutConfig payout;

  public ContractService(SettlementConfig config, PayoutConfig payout) {
    this.config = config;
    this.payout = payout;
  }

  public Contract defaults() {
    return new Contract(config.delayDays(), config.cutoff(), Map.of(), defaultFee(), null, null);
  }

  private Fee defaultFee() {
    return new Fee(config.defaultMdrBps(), config.defaultFixedFee());
  }

  /** The merchant's contract with its fees, in one query; runs in the caller's session. */
  public Uni<Contract> of(UUID merchantId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select c.delay_days, c.cutoff, c.iban, c.account_holder, f.channel,"
                            + " f.mdr_bps, f.fixed_fee from (select cast(?1 as uuid) as id) m"
                            + " left join merchant_contract c on c.merchant_id = m.id"
                            + " left join merchant_fee f on f.merchant_id = m.id",
                        Object[].class)
                    .setParameter(1, merchantId)
                    .getResultList())
        .map(this::contract);
  }

  /**
   * The contracts of these merchants with their fees, in one query, in a transaction of the
   * reactive SQL client; the same rule as {@link #of(UUID)}.
   */
  public Uni<Map<UUID, Contract>> of(SqlConnection transaction, Collection<UUID> merchantIds) {
    return transaction
        .preparedQuery(
            "select m.id, c.delay_days, c.cutoff, c.iban, c.account_holder, f.channel,"
                + " f.mdr_bps, f.fixed_fee from unnest($1::uuid[]) as m(id)"
                + " left join merchant_contract c on c.merchant_id = m.id"
                + " left join merchant_fee f on f.merchant_id = m.id")
        .execute(Tuple.tuple().addValue(merchantIds.toArray(UUID[]::new)))
        .map(
            rows -> {
              Map<UUID, List<Object[]>> byMerchant = new HashMap<>();
              for (Row row : rows) {
                byMerchant
                    .computeIfAbsent(row.getUUID(0), id -> new ArrayList<>())
                    .add(
                        new Object[] {
                          row.getInteger(1),
                          row.getLocalTime(2),
                          row.getString(3),
                          row.getString(4),
                          row.getString(5),
                          row.getInteger(6),
                          row.getLong(7)
                        });
              }
              Map<UUID, Contract> contracts = new HashMap<>();
              byMerchant.forEach((id, merchantRows) -> contracts.put(id, contract(merchantRows)));
              return contracts;
            });
  }

  public Uni<Contract> find(UUID merchantId) {
    return Panache.withSession(() -> of(merchantId));
  }

  /**
   * Replaces the merchant's contract, fees included.
   *
   * @throws ProblemException 409 {@code iban-is-platform-account} when the payout account is one
   *     the platform pays from: the merchant would be paid from its own account
   */
  public Uni<Contract> set(UUID merchantId, Contract contract) {
    if (contract.iban() != null && isPlatformAccount(contract.iban())) {
      throw new ProblemException(
          409,
          "iban-is-platform-account",
          "Payout account is the platform's",
          "The IBAN is the platform's own payout account (tasvie.payout.accounts); a merchant is"
              + " paid into an account of its own");
    }
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery(
                                "insert into merchant_contract (merchant_id, delay_days, cutoff,"
                                    + " iban, account_holder, updated_at) values (?1, ?2, ?3, ?4,"
                                    + " ?5, ?6) on conflict (merchant_id) do update set delay_days"
                                    + " = excluded.delay_days, cutoff = excluded.cutoff, iban ="
                                    + " excluded.iban, account_holder = excluded.account_holder,"
                                    + " updated_at = excluded.updated_at")
                            .setParameter(1, merchantId)
                            .setParameter(2, contract.delayDays())
                            .setParameter(3, contract.cutoff())
                            .setParameter(4, contract.iban())
                            .setParameter(5, contract.accountHolder())
                            .setParameter(6, OffsetDateTime.now(ZoneOffset.UTC))
                            .executeUpdate()
                            .chain(() -> replaceFees(session, merchantId, contract.fees())))
                .chain(() -> of(merchantId)));
  }

  private boolean isPlatformAccount(String iban) {
    return payout.accounts().values().stream()
        .map(account -> Objects.requireNonNullElse(Iban.normalise(account), account))
        .anyMatch(iban::equals);
  }

  private static Uni<Void> replaceFees(
      Mutiny.Session session, UUID merchantId, Map<String, Fee> fees) {
    Uni<Integer> deleted =
        session
            .createNativeQuery("delete from merchant_fee where merchant_id = ?1")
            .setParameter(1, merchantId)
            .executeUpdate();
    for (Map.Entry<String, Fee> fee : fees.entrySet()) {
      deleted =
          deleted.chain(
              () ->
                  session
                      .createNativeQuery(
                          "insert into merchant_fee (merchant_id, channel, mdr_bps, fixed_fee)"
                              + " values (?1, ?2, ?3, ?4)")
                      .setParameter(1, merchantId)
                      .setParameter(2, fee.getKey())
                      .setParameter(3, fee.getValue().mdrBps())
                      .setParameter(4, fee.getValue().fixedFee())
                      .executeUpdate());
    }
    return deleted.replaceWithVoid();
  }

  private Contract contract(List<Object[]> rows) {
    Object[] first = rows.get(0);
    if (first[0] == null) {
      return defaults();
    }
    Map<String, Fee> fees = new HashMap<>();
    for (Object[] row : rows) {
      if (row[4] != null) {
        fees.put(
            (String) row[4], new Fee(((Number) row[5]).intValue(), ((Number) row[6]).longValue()));
      }
    }
    Object cutoff = first[1];
    return new Contract(
        ((Number) first[0]).intValue(),
        cutoff instanceof LocalTime time ? time : LocalTime.parse(cutoff.toString()),
        fees,
        defaultFee(),
        (String) first[2],
        (String) first[3]);
  }
}
