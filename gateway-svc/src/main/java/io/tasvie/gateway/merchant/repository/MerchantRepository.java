package io.tasvie.gateway.merchant.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tasvie.gateway.merchant.Merchant;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class MerchantRepository implements PanacheRepositoryBase<Merchant, UUID> {

  public Uni<Merchant> findByMerchantNumber(String merchantNumber) {
    return find("merchantNumber", merchantNumber).firstResult();
  }

  /** The next merchant number (the legacy {@code ID}) from a database sequence. */
  public Uni<String> nextMerchantNumber() {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery("select nextval('merchant_number_seq')", Long.class)
                    .getSingleResult())
        .map(String::valueOf);
  }
}
