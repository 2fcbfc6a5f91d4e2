package io.tasvie.gateway.payment.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tasvie.gateway.payment.Payment;
import io.tasvie.gateway.payment.PaymentStatus;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PaymentRepository implements PanacheRepositoryBase<Payment, UUID> {

  /** The merchant's payment, or null: another merchant's payment is as absent as a missing one. */
  public Uni<Payment> findForMerchant(UUID paymentId, UUID merchantId) {
    return find("id = ?1 and merchantId = ?2", paymentId, merchantId).firstResult();
  }

  /** Loads and row-locks the payment until the transaction ends, so changes to it serialise. */
  public Uni<Payment> lock(UUID paymentId) {
    return findById(paymentId, LockModeType.PESSIMISTIC_WRITE);
  }

  public Uni<Payment> findByReference(UUID merchantId, String merchantReference) {
    return find("merchantId = ?1 and merchantReference = ?2", merchantId, merchantReference)
        .firstResult();
  }

  /** Up to {@code limit} of a merchant's payments from the {@code offset}th, newest first. */
  public Uni<List<Payment>> search(PaymentSearch search, int offset, int limit) {
    StringBuilder query = new StringBuilder("merchantId = :merchant");
    Parameters parameters = Parameters.with("merchant", search.merchantId());
    if (search.merchantReference() != null) {
      query.append(" and merchantReference = :reference");
      parameters.and("reference", search.merchantReference());
    }
    if (search.status() != null) {
      query.append(" and status = :status");
      parameters.and("status", search.status());
    }
    if (search.from() != null) {
      query.append(" and createdAt >= :from");
      parameters.and("from", search.from());
    }
    if (search.to() != null) {
      query.append(" and createdAt < :to");
      parameters.and("to", search.to());
    }
    return find(query.toString(), Sort.descending("createdAt").and("id"), parameters)
        .range(offset, offset + limit - 1)
        .list();
  }

  /**
   * Locks up to {@code limit} payments whose time is up: authorised but not verified in the window,
   * or never paid. Rows another sweeper holds are skipped, not waited for.
   */
  public Uni<List<Payment>> lockOverdue(Instant now, int limit) {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select * from payment where (status = 'AUTHORIZED' and verify_deadline < ?1)"
                            + " or (status = 'CREATED' and expires_at < ?1)"
                            + " order by created_at limit ?2 for update skip locked",
                        Payment.class)
                    .setParameter(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .setParameter(2, limit)
                    .getResultList());
  }

  /**
   * Records settlement dates and numbers in one statement, in the caller's transaction; a payment
   * this service does not have is skipped.
   *
   * @param paymentIds each at most once (one statement cannot change a row twice)
   */
  public Uni<Void> assignSettlements(
      SqlConnection transaction,
      UUID[] paymentIds,
      LocalDate[] settlementDates,
      String[] settlementNumbers) {
    if (paymentIds.length == 0) {
      return Uni.createFrom().voidItem();
    }
    return transaction
        .preparedQuery(
            "update payment p set settlement_date = s.settlement_date,"
                + " settlement_number = s.settlement_number"
                + " from unnest($1::uuid[], $2::date[], $3::text[])"
                + " as s(payment_id, settlement_date, settlement_number)"
                + " where p.id = s.payment_id")
        .execute(
            Tuple.tuple()
                .addArrayOfUUID(paymentIds)
                .addArrayOfLocalDate(settlementDates)
                .addArrayOfString(settlementNumbers))
        .replaceWithVoid();
  }

  public record PaymentSearch(
      UUID merchantId, String merchantReference, PaymentStatus status, Instant from, Instant to) {}
}
