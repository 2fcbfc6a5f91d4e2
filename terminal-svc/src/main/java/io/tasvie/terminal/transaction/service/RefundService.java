package io.tasvie.terminal.transaction.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.acquirer.Acquirer;
import io.tasvie.common.outbox.Outbox;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.message.MessageLog;
import io.tasvie.terminal.supervisor.SupervisorCodes;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import io.tasvie.terminal.transaction.CardTransaction;
import io.tasvie.terminal.transaction.PresentedCard;
import io.tasvie.terminal.transaction.RefundApproval;
import io.tasvie.terminal.transaction.TransactionStatus;
import io.tasvie.terminal.transaction.TransactionType;
import io.tasvie.terminal.transaction.mapping.Receipt;
import io.tasvie.terminal.transaction.mapping.TransactionMapper;
import io.tasvie.terminal.transaction.repository.TransactionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Refunds of a merchant's card purchases: authorised by the supervisor code (or a back-office
 * approval), the same card presented again, several partial refunds never above the purchase. The
 * purchase row is locked for the refund, so two refunds cannot both take the last remainder; the
 * acquirer is asked inside that transaction, which holds the lock for the acquirer's answer (the
 * sandbox answers at once; a slow real connector would want the purchase's two-step shape).
 */
@ApplicationScoped
public class RefundService {

  public static final String TYPE = "refund";

  private final TransactionRepository transactions;
  private final TerminalLookup lookup;
  private final SupervisorCodes supervisorCodes;
  private final Acquirer acquirer;
  private final Outbox outbox;
  private final MessageLog messages;
  private final TerminalConfig config;

  public RefundService(
      TransactionRepository transactions,
      TerminalLookup lookup,
      SupervisorCodes supervisorCodes,
      Acquirer acquirer,
      Outbox outbox,
      MessageLog messages,
      TerminalConfig config) {
    this.transactions = transactions;
    this.lookup = lookup;
    this.supervisorCodes = supervisorCodes;
    this.acquirer = acquirer;
    this.outbox = outbox;
    this.messages = messages;
    this.config = config;
  }

  /** Exactly one of {@code supervisorCode} and {@code approvalId} authorises the refund. */
  public record RefundCommand(
      UUID originalTransactionId,
      long amount,
      PresentedCard card,
      String supervisorCode,
      UUID approvalId) {}

  public record RefundResult(
      UUID transactionId,
      String status,
      String responseCode,
      long refundedTotal,
      long remaining,
      Receipt receipt) {}

  public record ApprovalResult(
      UUID approvalId,
      UUID originalTransactionId,
      long amount,
      String currency,
      Instant expiresAt) {}

  public Uni<RefundResult> refund(UUID terminalRef, String messageId, RefundCommand command) {
    if (command.amount() <= 0) {
      throw ProblemException.badRequest("invalid-amount", "amount must be positive (minor units)");
    }
    Uni<Void> authorised =
        command.approvalId() != null
            ? Uni.createFrom().voidItem()
            : supervisorCodes.verify(terminalRef, command.supervisorCode());
    return authorised.chain(
        () -> Panache.withTransaction(() -> refundInTransaction(terminalRef, messageId, command)));
  }

  /**
   * The back office's approval of a refund on {@code terminalRef}: checked like a refund now, so
   * that the terminal is asked for the card only for a refund that can go through.
   */
  public Uni<ApprovalResult> approve(
      UUID terminalRef, UUID originalId, long amount, String supervisorCode) {
    if (amount <= 0) {
      throw ProblemException.badRequest("invalid-amount", "amount must be positive (minor units)");
    }
    Instant now = Instant.now();
    return supervisorCodes
        .verify(terminalRef, supervisorCode)
        .chain(
            () ->
                Panache.withTransaction(
                    () ->
                        lookup
                            .active(terminalRef)
                            .chain(
                                context ->
                                    refundable(context, originalId, amount, null)
                                        .chain(
                                            original -> {
                                              RefundApproval approval =
                                                  RefundApproval.of(
                                                      terminalRef,
                                                      originalId,
                                                      amount,
                                                      now,
                                                      now.plus(config.refundApprovalTtl()));
                                              return Panache.getSession()
                                                  .chain(session -> session.persist(approval))
                                                  .replaceWith(
                                                      new ApprovalResult(
                                                          approval.getId(),
                                                          originalId,
                                                          amount,
                                                          original.getCurrency(),
                                                          approval.getExpiresAt()));
                                            }))));
  }

  private Uni<RefundResult> refundInTransaction(
      UUID terminalRef, String messageId, RefundCommand command) {
    Instant now = Instant.now();
    return lookup
        .active(terminalRef)
        .chain(
            context ->
                refundable(
                        context, command.originalTransactionId(), command.amount(), command.card())
                    .call(original -> useApproval(terminalRef, command, now))
                    .chain(
                        original -> {
                          String terminalId = context.terminal().getTerminalId();
                          CardTransaction refund =
                              CardTransaction.started(
                                  TransactionType.REFUND,
                                  TransactionStatus.IN_PROGRESS,
                                  terminalRef,
                                  original.getMerchantId(),
                                  context.terminal().getKind().channel(),
                                  command.amount(),
                                  original.getCurrency(),
                                  command.card(),
                                  original.getId(),
                                  now);
                          return transactions
                              .claimTerminal(terminalRef, now.minus(config.pinTimeout()), now)
                              .chain(() -> transactions.persist(refund))
                              .chain(
                                  () ->
                                      acquirer.refund(
                                          original.getRrn(),
                                          command.amount(),
                                          original.getCurrency()))
                              .chain(
                                  reply -> {
                                    refund.complete(reply, Instant.now());
                                    if (!reply.approved()) {
                                      return Uni.createFrom().item(refund);
                                    }
                                    original.refunded(command.amount());
                                    return outbox
                                        .publish(
                                            TransactionMapper.refunded(
                                                original, refund, terminalId))
                                        .replaceWith(refund);
                                  })
                              .map(
                                  done ->
                                      new RefundResult(
                                          done.getId(),
                                          done.getStatus().name(),
                                          done.getResponseCode(),
                                          original.getRefundedTotal(),
                                          original.remaining(),
                                          TransactionMapper.receipt(
                                              done, context.merchant().getName(), terminalId)))
                              .call(
                                  result ->
                                      messages.remember(terminalRef, messageId, TYPE, result));
                        }));
  }

  /** The purchase to refund, locked; {@code card} (null for an approval) must be its card. */
  private Uni<CardTransaction> refundable(
      TerminalLookup.Context context, UUID originalId, long amount, PresentedCard card) {
    return transactions
        .requireOwn(originalId, context.terminal().getMerchantId(), true)
        .map(
            original -> {
              if (original.getType() != TransactionType.PURCHASE
                  || original.getStatus() != TransactionStatus.APPROVED) {
                throw ProblemException.conflict(
                    "not-refundable", "Transaction " + originalId + " is not an approved purchase");
              }
              if (amount > original.remaining()) {
                throw exceedsRemainder(amount, original.remaining());
              }
              if (card != null && !card.token().equals(original.getCardToken())) {
                throw ProblemException.conflict(
                    "card-mismatch", "The card presented is not the card of the purchase");
              }
              return original;
            });
  }

  /** A refund above what is left of the payment it pays back, card or wallet. */
  public static ProblemException exceedsRemainder(long amount, long remaining) {
    return new ProblemException(
        409,
        "refund-exceeds-remainder",
        "Conflict",
        "The refund of " + amount + " is above what is left to refund (" + remaining + ")",
        Map.of("remaining", remaining));
  }

  private Uni<Void> useApproval(UUID terminalRef, RefundCommand command, Instant now) {
    if (command.approvalId() == null) {
      return Uni.createFrom().voidItem();
    }
    return Panache.getSession()
        .chain(
            session ->
                session.find(
                    RefundApproval.class, command.approvalId(), LockModeType.PESSIMISTIC_WRITE))
        .invoke(
            approval -> {
              if (approval == null
                  || !approval.usableFor(
                      terminalRef, command.originalTransactionId(), command.amount(), now)) {
                throw ProblemException.conflict(
                    "approval-not-usable",
                    "Refund approval "
                        + command.approvalId()
                        + " is unknown, used, expired or for another refund");
              }
              approval.use(now);
            })
        .replaceWithVoid();
  }
}
