package io.tasvie.terminal.transaction.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.acquirer.Acquirer;
import io.tasvie.common.contract.ReceiptRequestedEvent;
import io.tasvie.common.outbox.Outbox;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.message.MessageLog;
import io.tasvie.terminal.transaction.CardTransaction;
import io.tasvie.terminal.transaction.TransactionStatus;
import io.tasvie.terminal.transaction.mapping.Receipt;
import io.tasvie.terminal.transaction.mapping.TransactionMapper;
import io.tasvie.terminal.transaction.repository.TransactionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Recovery and follow-ups of a terminal's transactions: last transaction, cancel, SMS receipt. */
@ApplicationScoped
public class TransactionService {

  public static final String CANCEL = "cancel";
  public static final String RECEIPT_SMS = "receipt-sms";

  /** As typed on the result screen ({@code 383 44 123 456}); notify-svc reads it fully. */
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{5,22}");

  private final TransactionRepository transactions;
  private final TerminalLookup lookup;
  private final Acquirer acquirer;
  private final Outbox outbox;
  private final MessageLog messages;

  public TransactionService(
      TransactionRepository transactions,
      TerminalLookup lookup,
      Acquirer acquirer,
      Outbox outbox,
      MessageLog messages) {
    this.transactions = transactions;
    this.lookup = lookup;
    this.acquirer = acquirer;
    this.outbox = outbox;
    this.messages = messages;
  }

  /** {@code transaction} is null for a terminal that never transacted. */
  public record LastTransaction(boolean active, Receipt transaction) {}

  public record ReceiptRequested(UUID transactionId, String phoneNumber, String status) {}

  /** Whether a bill ({@code billId/paymentId}) is paid or being paid. */
  public Uni<Boolean> billPaid(String reference) {
    return Panache.withSession(() -> transactions.billTaken(reference));
  }

  public Uni<LastTransaction> last(UUID terminalRef) {
    return Panache.withSession(
        () ->
            lookup
                .active(terminalRef)
                .chain(
                    context ->
                        transactions
                            .latest(terminalRef)
                            .map(
                                latest ->
                                    latest == null
                                        ? new LastTransaction(false, null)
                                        : new LastTransaction(
                                            latest.getStatus().isActive(),
                                            TransactionMapper.receipt(
                                                latest,
                                                context.merchant().getName(),
                                                context.terminal().getTerminalId())))));
  }

  /**
   * Cancels the terminal's purchase that waits for its PIN (the cashier pressed cancel, or the
   * customer walked away). One at the acquirer cannot be cancelled: its outcome is a moment away.
   */
  public Uni<Receipt> cancel(UUID terminalRef, String messageId, UUID transactionId) {
    Instant now = Instant.now();
    return Panache.withTransaction(
        () ->
            lookup
                .active(terminalRef)
                .chain(
                    context ->
                        transactions
                            .active(terminalRef)
                            .chain(
                                active -> {
                                  if (active == null
                                      || (transactionId != null
                                          && !active.getId().equals(transactionId))) {
                                    throw ProblemException.conflict(
                                        "nothing-to-cancel",
                                        "No active transaction "
                                            + (transactionId == null ? "" : transactionId + " ")
                                            + "on this terminal");
                                  }
                                  if (active.getStatus() != TransactionStatus.PIN_REQUIRED) {
                                    throw ProblemException.conflict(
                                        "not-cancellable",
                                        "Transaction "
                                            + active.getId()
                                            + " is at the acquirer; ask last-transaction for its"
                                            + " outcome");
                                  }
                                  active.end(TransactionStatus.CANCELLED, "cancelled", now);
                                  Receipt receipt =
                                      TransactionMapper.receipt(
                                          active,
                                          context.merchant().getName(),
                                          context.terminal().getTerminalId());
                                  return messages
                                      .remember(terminalRef, messageId, CANCEL, receipt)
                                      .replaceWith(receipt);
                                })));
  }

  /** Publishes a request for an SMS receipt; notify-svc sends it and tracks its delivery. */
  public Uni<ReceiptRequested> requestReceipt(
      UUID terminalRef, String messageId, UUID transactionId, String phoneNumber, String language) {
    if (phoneNumber == null
        || !PHONE.matcher(phoneNumber).matches()
        || phoneNumber.chars().filter(Character::isDigit).count() < 6) {
      throw ProblemException.badRequest(
          "invalid-phone-number", "phoneNumber must be a phone number such as 383 44 123 456");
    }
    if (language != null && !language.matches("[a-z]{2}")) {
      throw ProblemException.badRequest(
          "invalid-language", "language must be an ISO 639-1 code such as sq");
    }
    Instant now = Instant.now();
    return Panache.withTransaction(
        () ->
            lookup
                .active(terminalRef)
                .chain(
                    context ->
                        transactions
                            .requireOwn(transactionId, context.terminal().getMerchantId(), false)
                            .chain(
                                transaction -> {
                                  if (transaction.getStatus() != TransactionStatus.APPROVED) {
                                    throw ProblemException.conflict(
                                        "no-receipt",
                                        "Transaction " + transactionId + " was not approved");
                                  }
                                  ReceiptRequested answer =
                                      new ReceiptRequested(transactionId, phoneNumber, "REQUESTED");
                                  return outbox
                                      .publish(
                                          receiptEvent(
                                              transaction,
                                              context.terminal().getTerminalId(),
                                              phoneNumber,
                                              language,
                                              now))
                                      .chain(
                                          () ->
                                              messages.remember(
                                                  terminalRef, messageId, RECEIPT_SMS, answer))
                                      .replaceWith(answer);
                                })));
  }

  /**
   * Ends transactions that cannot finish: purchases waiting for their PIN too long are cancelled;
   * purchases at the acquirer with no recorded outcome (the process died) are reversed there, so
   * that no cardholder is charged for a sale the terminal never saw completed.
   */
  public Uni<Integer> sweep(Instant pinExpiredBefore, Instant staleBefore, int limit) {
    return Panache.withTransaction(
        () ->
            transactions
                .stale(TransactionStatus.PIN_REQUIRED, pinExpiredBefore, limit)
                .invoke(
                    waiting ->
                        waiting.forEach(
                            t -> t.end(TransactionStatus.CANCELLED, "pin-timeout", Instant.now())))
                .chain(
                    waiting ->
                        transactions
                            .stale(TransactionStatus.IN_PROGRESS, staleBefore, limit)
                            .chain(
                                stale ->
                                    reverse(stale).replaceWith(waiting.size() + stale.size()))));
  }

  private Uni<Void> reverse(List<CardTransaction> stale) {
    Uni<Void> done = Uni.createFrom().voidItem();
    for (CardTransaction transaction : stale) {
      done =
          done.chain(
              () ->
                  acquirer
                      .reverse(transaction.getId().toString())
                      .invoke(
                          reply ->
                              transaction.end(
                                  TransactionStatus.REVERSED, "no-outcome-reversed", Instant.now()))
                      .replaceWithVoid());
    }
    return done;
  }

  private static ReceiptRequestedEvent receiptEvent(
      CardTransaction transaction,
      String terminalId,
      String phoneNumber,
      String language,
      Instant now) {
    return new ReceiptRequestedEvent(
        transaction.getMerchantId(),
        transaction.getId(),
        terminalId,
        phoneNumber,
        language,
        transaction.getType().name(),
        transaction.getAmount(),
        transaction.getCurrency(),
        transaction.getMaskedCard(),
        transaction.getCardBrand(),
        transaction.getAuthCode(),
        transaction.getRrn(),
        transaction.getCompletedAt(),
        null,
        now);
  }
}
