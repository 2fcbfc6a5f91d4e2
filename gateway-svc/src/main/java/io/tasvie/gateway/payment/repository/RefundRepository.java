package io.tasvie.gateway.payment.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tasvie.gateway.payment.Refund;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RefundRepository implements PanacheRepositoryBase<Refund, UUID> {

  public Uni<List<Refund>> listForPayment(UUID paymentId) {
    return list("paymentId", Sort.ascending("createdAt"), paymentId);
  }
}
