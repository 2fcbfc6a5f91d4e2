package io.tasvie.terminal.transaction.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.acquirer.Acquirer;
import io.tasvie.common.acquirer.AcquirerReply;
import io.tasvie.common.acquirer.AuthorizationRequest;
import io.tasvie.common.merchant.MerchantProjection;
import io.tasvie.common.outbox.Outbox;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.problem.Unavailability;
import io.tasvie.terminal.message.MessageLog;
import io.tasvie.terminal.settings.CvmLimits;
import io.tasvie.terminal.terminal.Terminal;
import io.tasvie.terminal.terminal.TerminalKind;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import io.tasvie.terminal.transaction.CardTransaction;
import io.tasvie.terminal.transaction.EntryMode;
import io.tasvie.terminal.transaction.PresentedCard;
import io.tasvie.terminal.transaction.TransactionStatus;
import io.tasvie.terminal.transaction.TransactionType;
import io.tasvie.terminal.transaction.mapping.Receipt;
import io.tasvie.terminal.transaction.mapping.TransactionMapper;
import io.tasvie.terminal.transaction.repository.TransactionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Card-present purchases, one active per terminal. A purchase is recorded IN_PROGRESS and committed
 * before the acquirer is asked, and its outcome committed with its event and its answer: a terminal
 * that lost its connection finds the outcome with {@code last-transaction}, and a crash in between
 * leaves a row the sweep reverses.
 */
@ApplicationScoped
public class PurchaseService {

  private static final Logger LOG = Logger.getLogger(PurchaseService.class);
  public static final String TYPE = "purchase";

  /** The unique index that lets one transaction per terminal be active. */
  private static final String ONE_ACTIVE = "card_transaction_one_active";

  private final TransactionRepository transactions;
  private final TerminalLookup lookup;
  private final CvmLimits cvmLimits;
  private final Acquirer acquirer;
  private final Outbox outbox;
  private final MessageLog messages;
  private final TerminalConfig config;

  public PurchaseService(
      TransactionRepository transactions,
      TerminalLookup lookup,
      CvmLimits cvmLimits,
      Acquirer acquirer,
      Outbox outbox,
      MessageLog messages,
      TerminalConfig config) {
    this.transactions = transactions;
    this.lookup = lookup;
    this.cvmLimits = cvmLimits;
    this.acquirer = acquirer;
    this.outbox = outbox;
    this.messages = messages;
    this.config = config;
  }

  /**
   * {@code transactionId} is set when the terminal retries a PIN_REQUIRED purchase with the PIN.
   */
  public record PurchaseCommand(
      long amount, String currency, PresentedCard card, UUID transactionId) {}

  /** {@code cvmLimit} is set with PIN_REQUIRED; {@code receipt} once the outcome is final. */
  public record PurchaseResult(
      UUID transactionId,
      String status,
      String responseCode,
      String declineReason,
      String authCode,
      String rrn,
      Long cvmLimit,
      Receipt receipt) {}

  private record Started(
      CardTransaction transaction, TerminalLookup.Context context, Long cvmLimit) {}

  public Uni<PurchaseResult> purchase(UUID terminalRef, String messageId, PurchaseCommand command) {
    Instant now = Instant.now();
    return Panache.withTransaction(() -> start(terminalRef, messageId, command, now))
        .onFailure(failure -> ONE_ACTIVE.equals(Unavailability.uniqueViolation(failure)))
        .transform(
            failure ->
                new ProblemException(
                    409,
                    "busy",
                    "Terminal busy",
                    "Another transaction started on this terminal at the same moment"))
        .chain(
            started ->
                started.transaction().getStatus() == TransactionStatus.PIN_REQUIRED
                    ? Uni.createFrom()
                        .item(
                            new PurchaseResult(
                                started.transaction().getId(),
                                TransactionStatus.PIN_REQUIRED.name(),
                                null,
                                null,
                                null,
                                null,
                                started.cvmLimit(),
                                null))
                    : authorise(started, messageId, command));
  }

  private Uni<Started> start(
      UUID terminalRef, String messageId, PurchaseCommand command, Instant now) {
    return lookup
        .active(terminalRef)
        .chain(
            context -> {
              Terminal terminal = context.terminal();
              if (terminal.getKind() == TerminalKind.MPOS_BLUETOOTH
                  && terminal.getPairedAt() == null) {
                throw ProblemException.conflict(
                    "reader-not-paired",
                    "Pair the reader of terminal " + terminal.getTerminalId() + " first");
              }
              requireAccepted(context.merchant(), command);
              if (command.transactionId() != null) {
                return withPin(context, command, now);
              }
              return cvmLimits
                  .limit(terminal.getMerchantId(), command.currency())
                  .chain(limit -> begin(context, messageId, command, limit, now));
            });
  }

  private Uni<Started> begin(
      TerminalLookup.Context context,
      String messageId,
      PurchaseCommand command,
      Long limit,
      Instant now) {
    PresentedCard card = command.card();
    boolean pinNeeded =
        card.entryMode() == EntryMode.CONTACTLESS
            && !card.pinEntered()
            && limit != null
            && command.amount() > limit;
    Terminal terminal = context.terminal();
    CardTransaction transaction =
        CardTransaction.started(
            TransactionType.PURCHASE,
            pinNeeded ? TransactionStatus.PIN_REQUIRED : TransactionStatus.IN_PROGRESS,
            terminal.getId(),
            terminal.getMerchantId(),
            terminal.getKind().channel(),
            command.amount(),
            command.currency(),
            card,
            null,
            now);
    Started started = new Started(transaction, context, pinNeeded ? limit : null);
    return transactions
        .claimTerminal(terminal.getId(), now.minus(config.pinTimeout()), now)
        .chain(() -> transactions.persist(transaction))
        .call(() -> Panache.getSession().chain(session -> session.flush()))
        .call(
            () ->
                pinNeeded
                    ? messages.remember(
                        terminal.getId(),
                        messageId,
                        TYPE,
                        new PurchaseResult(
                            transaction.getId(),
                            TransactionStatus.PIN_REQUIRED.name(),
                            null,
                            null,
                            null,
                            null,
                            limit,
                            null))
                    : Uni.createFrom().voidItem())
        .replaceWith(started);
  }

  private Uni<Started> withPin(
      TerminalLookup.Context context, PurchaseCommand command, Instant now) {
    return transactions
        .requireOwn(command.transactionId(), context.terminal().getMerchantId(), true)
        .map(
            transaction -> {
              if (!transaction.getTerminalRef().equals(context.terminal().getId())
                  || transaction.getStatus() != TransactionStatus.PIN_REQUIRED) {
                throw ProblemException.conflict(
                    "not-waiting-for-pin",
                    "Transaction " + command.transactionId() + " is not waiting for a PIN");
              }
              if (!command.card().pinEntered()) {
                throw ProblemException.badRequest(
                    "pin-required", "The retry of a PIN_REQUIRED purchase carries the pinBlock");
              }
              if (!transaction.getCardToken().equals(command.card().token())
                  || transaction.getAmount() != command.amount()
                  || !transaction.getCurrency().equals(command.currency())) {
                throw ProblemException.conflict(
                    "card-mismatch",
                    "The retry must present the same card for the same amount and currency");
              }
              transaction.pinEntered(now);
              return new Started(transaction, context, null);
            });
  }

  private Uni<PurchaseResult> authorise(
      Started started, String messageId, PurchaseCommand command) {
    CardTransaction transaction = started.transaction();
    MerchantProjection merchant = started.context().merchant();
    return acquirer
        .authorize(
            new AuthorizationRequest(
                transaction.getId(),
                merchant.getMerchantNumber(),
                command.card().number(),
                command.card().expiry(),
                transaction.getAmount(),
                transaction.getCurrency()))
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf(
                  "acquirer failed for purchase %s: %s", transaction.getId(), failure.toString());
              return new AcquirerReply("91", null, null);
            })
        .chain(
            reply ->
                Panache.withTransaction(
                    () -> complete(transaction.getId(), started.context(), messageId, reply)));
  }

  private Uni<PurchaseResult> complete(
      UUID transactionId, TerminalLookup.Context context, String messageId, AcquirerReply reply) {
    Instant now = Instant.now();
    String terminalId = context.terminal().getTerminalId();
    return transactions
        .findById(transactionId, LockModeType.PESSIMISTIC_WRITE)
        .chain(
            transaction -> {
              if (transaction.getStatus() != TransactionStatus.IN_PROGRESS) {
                // The sweep reversed it meanwhile (a very slow acquirer): report what stands.
                return Uni.createFrom().item(result(transaction, context, null));
              }
              transaction.complete(reply, now);
              PurchaseResult result = result(transaction, context, reply);
              Uni<Void> event =
                  reply.approved()
                      ? outbox.publish(TransactionMapper.captured(transaction, terminalId))
                      : Uni.createFrom().voidItem();
              return event
                  .chain(
                      () -> messages.remember(context.terminal().getId(), messageId, TYPE, result))
                  .replaceWith(result);
            });
  }

  private static PurchaseResult result(
      CardTransaction transaction, TerminalLookup.Context context, AcquirerReply reply) {
    return new PurchaseResult(
        transaction.getId(),
        transaction.getStatus().name(),
        transaction.getResponseCode(),
        reply == null ? null : reply.declineReason(),
        transaction.getAuthCode(),
        transaction.getRrn(),
        null,
        TransactionMapper.receipt(
            transaction, context.merchant().getName(), context.terminal().getTerminalId()));
  }

  private static void requireAccepted(MerchantProjection merchant, PurchaseCommand command) {
    if (command.amount() <= 0) {
      throw ProblemException.badRequest("invalid-amount", "amount must be positive (minor units)");
    }
    if (!merchant.getCurrency().equals(command.currency())) {
      throw new ProblemException(
          400,
          "currency-not-accepted",
          "Bad request",
          "Merchant "
              + merchant.getMerchantNumber()
              + " accepts "
              + merchant.getCurrency()
              + " only",
          Map.of("accepted", List.of(merchant.getCurrency())));
    }
  }
}
