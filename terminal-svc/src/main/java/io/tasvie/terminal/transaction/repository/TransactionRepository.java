package io.tasvie.terminal.transaction.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.transaction.CardTransaction;
import io.tasvie.terminal.transaction.TransactionStatus;
import io.tasvie.terminal.transaction.TransactionType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class TransactionRepository implements PanacheRepositoryBase<CardTransaction, UUID> {

  private static final List<TransactionStatus> ACTIVE =
      List.of(TransactionStatus.IN_PROGRESS, TransactionStatus.PIN_REQUIRED);

  /**
   * A transaction of {@code merchantId}; another merchant's is not found.
   *
   * @throws ProblemException 404
   */
  public Uni<CardTransaction> requireOwn(UUID id, UUID merchantId, boolean forUpdate) {
    return findById(id, forUpdate ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE)
        .map(
            transaction -> {
              if (transaction == null || !transaction.getMerchantId().equals(merchantId)) {
                throw ProblemException.notFound("transaction", id);
              }
              return transaction;
            });
  }

  /**
   * Makes room for a new transaction on the terminal: a purchase that waited for its PIN since
   * before {@code pinExpiredBefore} is cancelled; any other active one makes the terminal busy. The
   * unique index on active transactions settles a race between two requests.
   *
   * @throws ProblemException 409 {@code busy} naming the active transaction
   */
  public Uni<Void> claimTerminal(UUID terminalRef, Instant pinExpiredBefore, Instant now) {
    return update(
            "status = :cancelled, responseCode = 'pin-timeout', updatedAt = :now, completedAt ="
                + " :now where terminalRef = :terminal and status = :waiting and updatedAt <"
                + " :before",
            Parameters.with("cancelled", TransactionStatus.CANCELLED)
                .and("now", now)
                .and("terminal", terminalRef)
                .and("waiting", TransactionStatus.PIN_REQUIRED)
                .and("before", pinExpiredBefore))
        .chain(() -> active(terminalRef))
        .invoke(
            active -> {
              if (active != null) {
                throw busy(active);
              }
            })
        .replaceWithVoid();
  }

  public Uni<CardTransaction> active(UUID terminalRef) {
    return find("terminalRef = ?1 and status in ?2", terminalRef, ACTIVE).firstResult();
  }

  /** Whether a bill (its {@code billId/paymentId}) is paid or being paid. */
  public Uni<Boolean> billTaken(String reference) {
    return count(
            "type = ?1 and productRef = ?2 and status in ?3",
            TransactionType.BILL_PAYMENT,
            reference,
            List.of(
                TransactionStatus.IN_PROGRESS,
                TransactionStatus.PIN_REQUIRED,
                TransactionStatus.APPROVED))
        .map(count -> count > 0);
  }

  public Uni<CardTransaction> latest(UUID terminalRef) {
    return find("terminalRef", Sort.descending("createdAt"), terminalRef).firstResult();
  }

  /** Final transactions of a terminal or a merchant between two instants, newest first. */
  public Uni<List<CardTransaction>> between(
      UUID terminalRef, UUID merchantId, Instant from, Instant to, int limit) {
    String scope = terminalRef != null ? "terminalRef = :scope" : "merchantId = :scope";
    return find(
            scope + " and createdAt >= :from and createdAt < :to and status in :final",
            Sort.descending("createdAt"),
            Map.of(
                "scope",
                terminalRef != null ? terminalRef : merchantId,
                "from",
                from,
                "to",
                to,
                "final",
                List.of(TransactionStatus.APPROVED, TransactionStatus.DECLINED)))
        .page(0, limit)
        .list();
  }

  /** Active transactions whose last change is older than {@code before}, for the sweep. */
  public Uni<List<CardTransaction>> stale(TransactionStatus status, Instant before, int limit) {
    return find("status = ?1 and updatedAt < ?2", Sort.ascending("updatedAt"), status, before)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .page(0, limit)
        .list();
  }

  public static ProblemException busy(CardTransaction active) {
    return new ProblemException(
        409,
        "busy",
        "Terminal busy",
        "Transaction "
            + active.getId()
            + " is "
            + active.getStatus()
            + " on this terminal; finish or cancel it first",
        Map.of(
            "activeTransactionId",
            active.getId().toString(),
            "activeStatus",
            active.getStatus().name()));
  }
}
