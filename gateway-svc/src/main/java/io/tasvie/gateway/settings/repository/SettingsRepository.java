package io.tasvie.gateway.settings.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tasvie.gateway.settings.MerchantSettings;
import io.tasvie.gateway.settings.SettingsChange;
import io.tasvie.gateway.settings.rest.SettingsResponse.SandboxChecks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SettingsRepository implements PanacheRepositoryBase<MerchantSettings, UUID> {

  /** Loads and row-locks a merchant's settings, so that changes to them serialise. */
  public Uni<MerchantSettings> lock(UUID merchantId) {
    return findById(merchantId, LockModeType.PESSIMISTIC_WRITE);
  }

  public Uni<SandboxChecks> sandboxChecks(UUID merchantId) {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select exists (select 1 from payment where merchant_id = ?1"
                            + " and environment = 'SANDBOX' and captured_at is not null),"
                            + " exists (select 1 from refund r join payment p on p.id ="
                            + " r.payment_id where p.merchant_id = ?1 and p.environment ="
                            + " 'SANDBOX' and r.status = 'SUCCEEDED')",
                        Object[].class)
                    .setParameter(1, merchantId)
                    .getSingleResult())
        .map(row -> new SandboxChecks((Boolean) row[0], (Boolean) row[1]));
  }

  public Uni<Void> record(SettingsChange change) {
    return getSession().chain(session -> session.persist(change));
  }

  /** A merchant's audit trail, newest first. */
  public Uni<List<SettingsChange>> changes(UUID merchantId, int page, int size) {
    return getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "from SettingsChange where merchantId = ?1 order by changedAt desc, id",
                        SettingsChange.class)
                    .setParameter(1, merchantId)
                    .setFirstResult(page * size)
                    .setMaxResults(size)
                    .getResultList());
  }
}
