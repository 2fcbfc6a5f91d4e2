package io.tasvie.terminal.transaction.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.tasvie.terminal.valueadded.Fulfilment;
import io.tasvie.terminal.valueadded.ValueAddedOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Card-present sales, one active per terminal: purchases and value-added sales (a top-up, an
 * internet package, a bill) paid by card. A sale is recorded IN_PROGRESS and committed before the
 * acquirer is asked, and its outcome committed with its event and its answer: a terminal that lost
 * its connection finds the outcome with {@code last-transaction}, and a crash in between leaves a
 * row the sweep reverses. A value-added sale is fulfilled by the operator after the approval; if
 * the operator fails, the card charge is reversed and the sale ends REVERSED, never captured.
 */
@ApplicationScoped
public class PurchaseService {

  private static final Logger LOG = Logger.getLogger(PurchaseService.class);
  public static final String TYPE = "purchase";

  /** The unique index that lets one transaction per terminal be active. */
  private static final String ONE_ACTIVE = "card_transaction_one_active";

  /** The unique index that lets a bill be paid once. */
  private static final String BILL_ONCE = "card_transaction_bill_once";

  private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

  private final TransactionRepository transactions;
  private final TerminalLookup lookup;
  private final CvmLimits cvmLimits;
  private final Acquirer acquirer;
  private final Fulfilment fulfilment;
  private final Outbox outbox;
  private final MessageLog messages;
  private final ObjectMapper mapper;
  private final TerminalConfig config;

  public PurchaseService(
      TransactionRepository transactions,
      TerminalLookup lookup,
      CvmLimits cvmLimits,
      Acquirer acquirer,
      Fulfilment fulfilment,
      Outbox outbox,
      MessageLog messages,
      ObjectMapper mapper,
      TerminalConfig config) {
    this.transactions = transactions;
    this.lookup = lookup;
    this.cvmLimits = cvmLimits;
    this.acquirer = acquirer;
    this.fulfilment = fulfilment;
    this.outbox = outbox;
    this.messages = messages;
    this.mapper = mapper;
    this.config = config;
  }

  /**
   * {@code messageType} is the session request ({@code purchase}, {@code topup}, ...) whose answer
   * is kept; {@code order} is null for a plain purchase; {@code transactionId} is set when the
   * terminal retries a PIN_REQUIRED sale with the PIN.
   */
  public record PurchaseCommand(
      String messageType,
      long amount,
      String currency,
      PresentedCard card,
      ValueAddedOrder order,
      UUID transactionId) {}

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
        .onFailure(failure -> Unavailability.uniqueViolation(failure) != null)
        .transform(PurchaseService::raced)
        .chain(
            started ->
                started.transaction().getStatus() == TransactionStatus.PIN_REQUIRED
                    ? Uni.createFrom().item(pinRequired(started.transaction(), started.cvmLimit()))
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
              requireAccepted(context, command);
              if (command.transactionId() != null) {
                return withPin(context, command, now);
              }
              return requireUnpaid(command.order())
                  .chain(() -> cvmLimits.limit(terminal.getMerchantId(), command.currency()))
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
    ValueAddedOrder order = command.order();
    boolean pinNeeded =
        card.entryMode() == EntryMode.CONTACTLESS
            && !card.pinEntered()
            && limit != null
            && command.amount() > limit;
    Terminal terminal = context.terminal();
    CardTransaction transaction =
        CardTransaction.started(
            order == null ? TransactionType.PURCHASE : order.type(),
            pinNeeded ? TransactionStatus.PIN_REQUIRED : TransactionStatus.IN_PROGRESS,
            terminal.getId(),
            terminal.getMerchantId(),
            order == null ? terminal.getKind().channel() : order.channel(),
            command.amount(),
            command.currency(),
            card,
            null,
            now);
    if (order != null) {
      transaction.buys(json(order.details()), order.reference());
    }
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
                        command.messageType(),
                        pinRequired(transaction, limit))
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
                    "pin-required", "The retry of a PIN_REQUIRED sale carries the pinBlock");
              }
              TransactionType expected =
                  command.order() == null ? TransactionType.PURCHASE : command.order().type();
              if (!transaction.getCardToken().equals(command.card().token())
                  || transaction.getType() != expected
                  || transaction.getAmount() != command.amount()
                  || !transaction.getCurrency().equals(command.currency())) {
                throw ProblemException.conflict(
                    "card-mismatch",
                    "The retry must present the same card for the same sale, amount and currency");
              }
              transaction.pinEntered(now);
              return new Started(transaction, context, null);
            });
  }

  private Uni<PurchaseResult> authorise(
      Started started, String messageId, PurchaseCommand command) {
    CardTransaction transaction = started.transaction();
    MerchantProjection merchant = started.context().merchant();
    ValueAddedOrder order = order(transaction);
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
                reply.approved() && order != null
                    ? fulfil(order, reply)
                    : Uni.createFrom().item(new Fulfilled(reply, null)))
        .chain(
            fulfilled ->
                Panache.withTransaction(
                    () ->
                        complete(
                            transaction.getId(),
                            started.context(),
                            messageId,
                            command.messageType(),
                            fulfilled)));
  }

  /** The acquirer's reply and, for a value-added sale it approved, the operator's outcome. */
  private record Fulfilled(AcquirerReply reply, Fulfilment.Outcome outcome) {

    boolean failed() {
      return outcome != null && !outcome.done();
    }
  }

  /** Asks the operator; when it fails, the approved charge is reversed before anything is kept. */
  private Uni<Fulfilled> fulfil(ValueAddedOrder order, AcquirerReply reply) {
    return fulfilment
        .fulfil(order)
        .onFailure()
        .recoverWithItem(failure -> new Fulfilment.Outcome(false, null, "operator-unavailable"))
        .call(outcome -> outcome.done() ? Uni.createFrom().voidItem() : reverse(reply))
        .map(outcome -> new Fulfilled(reply, outcome));
  }

  private Uni<Void> reverse(AcquirerReply reply) {
    return acquirer.reverse(reply.rrn()).replaceWithVoid();
  }

  private Uni<PurchaseResult> complete(
      UUID transactionId,
      TerminalLookup.Context context,
      String messageId,
      String messageType,
      Fulfilled fulfilled) {
    Instant now = Instant.now();
    String terminalId = context.terminal().getTerminalId();
    AcquirerReply reply = fulfilled.reply();
    return transactions
        .findById(transactionId, LockModeType.PESSIMISTIC_WRITE)
        .chain(
            transaction -> {
              if (transaction.getStatus() != TransactionStatus.IN_PROGRESS) {
                // The sweep reversed it meanwhile (a very slow acquirer): report what stands.
                return Uni.createFrom().item(result(transaction, context, null));
              }
              String reason;
              if (fulfilled.failed()) {
                reason = fulfilled.outcome().reason();
                transaction.fulfilmentFailed(reply, reason, now);
              } else {
                reason = reply.declineReason();
                transaction.complete(reply, now);
                if (fulfilled.outcome() != null) {
                  transaction.fulfilled(fulfilled.outcome().reference());
                }
              }
              PurchaseResult result = result(transaction, context, reason);
              Uni<Void> event =
                  transaction.getStatus() == TransactionStatus.APPROVED
                      ? outbox.publish(TransactionMapper.captured(transaction, terminalId))
                      : Uni.createFrom().voidItem();
              return event
                  .chain(
                      () ->
                          messages.remember(
                              context.terminal().getId(), messageId, messageType, result))
                  .replaceWith(result);
            });
  }

  private static PurchaseResult result(
      CardTransaction transaction, TerminalLookup.Context context, String reason) {
    return new PurchaseResult(
        transaction.getId(),
        transaction.getStatus().name(),
        transaction.getResponseCode(),
        reason,
        transaction.getAuthCode(),
        transaction.getRrn(),
        null,
        TransactionMapper.receipt(
            transaction, context.merchant().getName(), context.terminal().getTerminalId()));
  }

  private static PurchaseResult pinRequired(CardTransaction transaction, Long limit) {
    return new PurchaseResult(
        transaction.getId(),
        TransactionStatus.PIN_REQUIRED.name(),
        null,
        null,
        null,
        null,
        limit,
        null);
  }

  /**
   * @throws ProblemException 409 {@code bill-already-paid}; the unique index settles a race
   */
  private Uni<Void> requireUnpaid(ValueAddedOrder order) {
    if (order == null || order.type() != TransactionType.BILL_PAYMENT) {
      return Uni.createFrom().voidItem();
    }
    return transactions
        .billTaken(order.reference())
        .invoke(
            taken -> {
              if (taken) {
                throw billPaid();
              }
            })
        .replaceWithVoid();
  }

  private static Throwable raced(Throwable failure) {
    String constraint = Unavailability.uniqueViolation(failure);
    if (ONE_ACTIVE.equals(constraint)) {
      return new ProblemException(
          409,
          "busy",
          "Terminal busy",
          "Another transaction started on this terminal at the same moment");
    }
    return BILL_ONCE.equals(constraint) ? billPaid() : failure;
  }

  private static ProblemException billPaid() {
    return ProblemException.conflict("bill-already-paid", "This bill has already been paid");
  }

  /** The order a value-added sale was started with (for its PIN retry), from its row. */
  private ValueAddedOrder order(CardTransaction transaction) {
    if (transaction.getProduct() == null) {
      return null;
    }
    try {
      return new ValueAddedOrder(
          transaction.getType(),
          transaction.getChannel(),
          transaction.getAmount(),
          transaction.getProductRef(),
          mapper.readValue(transaction.getProduct(), DETAILS));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "transaction " + transaction.getId() + " has a bad product", e);
    }
  }

  private String json(Map<String, Object> details) {
    try {
      return mapper.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("order cannot be serialised", e);
    }
  }

  private static void requireAccepted(TerminalLookup.Context context, PurchaseCommand command) {
    if (command.amount() <= 0) {
      throw ProblemException.badRequest("invalid-amount", "amount must be positive (minor units)");
    }
    context.requireCurrency(command.currency());
  }
}
