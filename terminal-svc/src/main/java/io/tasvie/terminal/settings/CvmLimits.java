package io.tasvie.terminal.settings;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The contactless CVM limit: above it a contactless purchase needs the PIN. A merchant's own limit
 * for a currency wins over the platform's ({@code tasvie.terminal.cvm-limits.<currency>}); a
 * currency with neither has no limit.
 */
@ApplicationScoped
public class CvmLimits {

  private final TerminalConfig config;

  public CvmLimits(TerminalConfig config) {
    this.config = config;
  }

  /** The limit in minor units, or null when there is none for the currency. */
  public Uni<Long> limit(UUID merchantId, String currency) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select limit_minor from merchant_cvm_limit"
                            + " where merchant_id = ?1 and currency = ?2",
                        Long.class)
                    .setParameter(1, merchantId)
                    .setParameter(2, currency)
                    .getResultList())
        .map(rows -> rows.isEmpty() ? config.cvmLimits().get(currency) : rows.get(0));
  }

  /** The limits in force for a merchant: the platform's, overridden by its own. */
  public Uni<Map<String, Long>> effective(UUID merchantId) {
    return own(merchantId)
        .map(
            own -> {
              Map<String, Long> limits = new TreeMap<>(config.cvmLimits());
              limits.putAll(own);
              return limits;
            });
  }

  /** Replaces the merchant's own limits; runs in the caller's transaction. */
  public Uni<Void> replace(UUID merchantId, Map<String, Long> limits) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery("delete from merchant_cvm_limit where merchant_id = ?1")
                    .setParameter(1, merchantId)
                    .executeUpdate()
                    .chain(
                        () -> {
                          Uni<Void> done = Uni.createFrom().voidItem();
                          for (Map.Entry<String, Long> limit : limits.entrySet()) {
                            done =
                                done.chain(
                                    () ->
                                        session
                                            .createNativeQuery(
                                                "insert into merchant_cvm_limit (merchant_id,"
                                                    + " currency, limit_minor) values (?1, ?2, ?3)")
                                            .setParameter(1, merchantId)
                                            .setParameter(2, limit.getKey())
                                            .setParameter(3, limit.getValue())
                                            .executeUpdate()
                                            .replaceWithVoid());
                          }
                          return done;
                        }));
  }

  private Uni<Map<String, Long>> own(UUID merchantId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select currency, limit_minor from merchant_cvm_limit where merchant_id ="
                            + " ?1",
                        Object[].class)
                    .setParameter(1, merchantId)
                    .getResultList())
        .map(
            rows -> {
              Map<String, Long> limits = new LinkedHashMap<>();
              for (Object[] row : (List<Object[]>) rows) {
                limits.put(row[0].toString().trim(), ((Number) row[1]).longValue());
              }
              return limits;
            });
  }
}
