package io.tasvie.terminal.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.check.Text;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.problem.Unavailability;
import io.tasvie.terminal.message.Frames;
import io.tasvie.terminal.message.MessageLog;
import io.tasvie.terminal.supervisor.SupervisorCodes;
import io.tasvie.terminal.terminal.TerminalKind;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import io.tasvie.terminal.terminal.repository.TerminalRepository;
import io.tasvie.terminal.terminal.service.PairingService;
import io.tasvie.terminal.transaction.service.HistoryService;
import io.tasvie.terminal.transaction.service.HistoryService.Period;
import io.tasvie.terminal.transaction.service.HistoryService.Scope;
import io.tasvie.terminal.transaction.service.PurchaseService;
import io.tasvie.terminal.transaction.service.PurchaseService.PurchaseCommand;
import io.tasvie.terminal.transaction.service.RefundService;
import io.tasvie.terminal.transaction.service.RefundService.RefundCommand;
import io.tasvie.terminal.transaction.service.TransactionService;
import io.tasvie.terminal.valueadded.Bill;
import io.tasvie.terminal.valueadded.InternetPackage;
import io.tasvie.terminal.valueadded.Operator;
import io.tasvie.terminal.valueadded.ValueAddedOrder;
import io.tasvie.terminal.valueadded.ValueAddedOrders;
import io.tasvie.terminal.wallet.service.WalletService;
import io.tasvie.terminal.wallet.service.WalletService.StartCommand;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The session protocol: one JSON request frame in, one answer or error frame out, matched by the
 * client's {@code id}. A frame is read by {@link FrameReader} before anything else. A request that
 * changes something first claims its id in {@link MessageLog}: a copy of it, sent again later or
 * arriving while the first is processed, is answered from there (the stored answer, or {@code
 * IN_PROGRESS}) and never done twice.
 */
@ApplicationScoped
public class SessionProtocol {

  private static final Logger LOG = Logger.getLogger(SessionProtocol.class);
  private static final String TOP_UP = "topup";
  private static final String INTERNET_PACKAGE = "internet-package";
  private static final String BILL_PAYMENT = "bill-payment";

  static final List<String> TYPES =
      List.of(
          "ping",
          PurchaseService.TYPE,
          TransactionService.CANCEL,
          "last-transaction",
          RefundService.TYPE,
          "history",
          TransactionService.RECEIPT_SMS,
          "pairing-confirm",
          TOP_UP,
          "internet-packages",
          INTERNET_PACKAGE,
          "bill-info",
          BILL_PAYMENT,
          WalletService.START,
          WalletService.CANCEL,
          WalletService.COMPLETE_SALE,
          WalletService.REFUND);

  /** Requests whose first answer is kept and replayed for a resent id. */
  private static final Set<String> RECORDED =
      Set.of(
          PurchaseService.TYPE,
          RefundService.TYPE,
          TransactionService.CANCEL,
          TransactionService.RECEIPT_SMS,
          TOP_UP,
          INTERNET_PACKAGE,
          BILL_PAYMENT,
          WalletService.START,
          WalletService.CANCEL,
          WalletService.COMPLETE_SALE,
          WalletService.REFUND);

  private final FrameReader reader;
  private final Frames frames;
  private final MessageLog messages;
  private final CardReader cards;
  private final PurchaseService purchases;
  private final RefundService refunds;
  private final TransactionService transactions;
  private final HistoryService history;
  private final PairingService pairing;
  private final SupervisorCodes supervisorCodes;
  private final TerminalRepository terminals;
  private final TerminalConfig config;
  private final WalletService wallet;

  public SessionProtocol(
      FrameReader reader,
      Frames frames,
      MessageLog messages,
      CardReader cards,
      PurchaseService purchases,
      RefundService refunds,
      TransactionService transactions,
      HistoryService history,
      PairingService pairing,
      SupervisorCodes supervisorCodes,
      TerminalRepository terminals,
      TerminalConfig config,
      WalletService wallet) {
    this.reader = reader;
    this.frames = frames;
    this.messages = messages;
    this.cards = cards;
    this.purchases = purchases;
    this.refunds = refunds;
    this.transactions = transactions;
    this.history = history;
    this.pairing = pairing;
    this.supervisorCodes = supervisorCodes;
    this.terminals = terminals;
    this.config = config;
    this.wallet = wallet;
  }

  public Uni<String> handle(TerminalSession session, String text) {
    session.seen();
    FrameReader.Request request;
    try {
      request = reader.read(text, TYPES);
    } catch (FrameReader.Refused refused) {
      return Uni.createFrom()
          .item(
              frames.error(refused.id(), refused.code(), refused.getMessage(), refused.details()));
    }
    String type = request.type();
    String id = request.id();
    JsonNode frame = request.frame();
    if (!RECORDED.contains(type)) {
      return Uni.createFrom()
          .deferred(() -> dispatch(session, type, id, frame))
          .onFailure()
          .recoverWithUni(failure -> failed(session, type, id, failure));
    }
    return messages
        .claim(session.terminalRef(), id, type, config.messageClaimTimeout())
        .chain(
            claim -> {
              if (claim.answered()) {
                return Uni.createFrom().item(claim.answer());
              }
              if (!claim.ours()) {
                return Uni.createFrom().item(inProgress(id));
              }
              return Uni.createFrom()
                  .deferred(() -> dispatch(session, type, id, frame))
                  .call(answer -> settle(session, id, claim.token(), answer))
                  .onFailure()
                  .recoverWithUni(
                      failure ->
                          release(session, id, claim.token())
                              .chain(() -> failed(session, type, id, failure)));
            })
        .onFailure()
        .recoverWithUni(failure -> failed(session, type, id, failure));
  }

  /** A recorded request whose work kept no answer (none of ours should) gets it kept here. */
  private Uni<Void> settle(TerminalSession session, String id, UUID token, String answer) {
    return messages
        .settle(session.terminalRef(), id, token, answer)
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf(
                  "answer to %s of terminal %s not kept: %s",
                  Text.forLog(id), session.terminalId(), failure.toString());
              return null;
            });
  }

  /** An error is not kept: the claim goes, and the id can be sent again. */
  private Uni<Void> release(TerminalSession session, String id, UUID token) {
    return messages
        .release(session.terminalRef(), id, token)
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf(
                  "claim of %s of terminal %s not released (stale in %s): %s",
                  Text.forLog(id),
                  session.terminalId(),
                  config.messageClaimTimeout(),
                  failure.toString());
              return null;
            });
  }

  private String inProgress(String id) {
    return frames.error(
        id,
        "IN_PROGRESS",
        "A request with this id is being processed; ask again with the same id or ask"
            + " last-transaction",
        Map.of());
  }

  private Uni<String> dispatch(TerminalSession session, String type, String id, JsonNode frame) {
    return switch (type) {
      case "ping" -> answer(type, id, Map.of("time", Instant.now().toString()));
      case PurchaseService.TYPE -> purchase(session, id, frame);
      case TransactionService.CANCEL ->
          transactions
              .cancel(session.terminalRef(), id, Fields.uuid(frame, "transactionId", false))
              .map(receipt -> frames.answer(type, id, Map.of("transaction", receipt)));
      case "last-transaction" ->
          session.kind() == TerminalKind.TILL
              ? wallet.last(session.terminalRef()).map(last -> frames.answer(type, id, last))
              : transactions.last(session.terminalRef()).map(last -> frames.answer(type, id, last));
      case WalletService.START ->
          wallet
              .start(
                  session.terminalRef(),
                  id,
                  new StartCommand(
                      Fields.amount(frame, "amount"),
                      Fields.text(frame, "currency", true),
                      Fields.text(frame, "orderReference", false),
                      Fields.optionalLong(frame, "cashBack"),
                      Fields.optionalLong(frame, "otherTender")))
              .map(view -> frames.answer(type, id, view));
      case WalletService.CANCEL ->
          wallet
              .cancel(session.terminalRef(), id, Fields.uuid(frame, "paymentId", true))
              .map(view -> frames.answer(type, id, view));
      case WalletService.COMPLETE_SALE ->
          wallet
              .completeSale(session.terminalRef(), id, Fields.uuid(frame, "paymentId", true))
              .map(view -> frames.answer(type, id, view));
      case WalletService.REFUND ->
          wallet
              .refund(
                  session.terminalRef(),
                  id,
                  Fields.uuid(frame, "paymentId", true),
                  Fields.amount(frame, "amount"))
              .map(result -> frames.answer(type, id, result));
      case RefundService.TYPE -> refund(session, id, frame);
      case "history" -> history(session, id, frame);
      case TransactionService.RECEIPT_SMS ->
          transactions
              .requestReceipt(
                  session.terminalRef(),
                  id,
                  Fields.uuid(frame, "transactionId", true),
                  Fields.text(frame, "phoneNumber", true),
                  Fields.text(frame, "language", false))
              .map(requested -> frames.answer(type, id, requested));
      case "pairing-confirm" -> pairingConfirm(session, id, frame);
      case TOP_UP ->
          sale(
              session,
              type,
              id,
              frame,
              ValueAddedOrders.topUp(
                  Fields.text(frame, "operator", true),
                  Fields.text(frame, "mobileNumber", true),
                  Fields.amount(frame, "amount"),
                  Fields.text(frame, "chargeType", false)));
      case "internet-packages" -> internetPackages(type, id, frame);
      case INTERNET_PACKAGE ->
          sale(
              session,
              type,
              id,
              frame,
              ValueAddedOrders.internetPackage(
                  Fields.text(frame, "packageId", true), Fields.text(frame, "mobileNumber", true)));
      case "bill-info" -> billInfo(type, id, bill(frame));
      default -> {
        if (frame.has("amount")) {
          throw Fields.invalid("amount", "is not sent: a bill's amount comes from its payment ID");
        }
        yield sale(session, type, id, frame, ValueAddedOrders.billPayment(bill(frame)));
      }
    };
  }

  /** A value-added sale: the order, paid by the card presented, in rials. */
  private Uni<String> sale(
      TerminalSession session, String type, String id, JsonNode frame, ValueAddedOrder order) {
    PurchaseCommand command =
        new PurchaseCommand(
            type,
            order.amount(),
            ValueAddedOrders.CURRENCY,
            cards.read(frame),
            order,
            Fields.uuid(frame, "transactionId", false));
    return purchases
        .purchase(session.terminalRef(), id, command)
        .map(result -> frames.answer(type, id, result));
  }

  private Uni<String> internetPackages(String type, String id, JsonNode frame) {
    Operator operator =
        ProblemException.enumValue(
            Operator.class, "operator", Fields.text(frame, "operator", true));
    List<Map<String, Object>> packages =
        InternetPackage.of(operator).stream()
            .map(
                p ->
                    Map.<String, Object>of(
                        "id", p.id(),
                        "name", p.name(),
                        "volumeMb", p.volumeMb(),
                        "validityDays", p.validityDays(),
                        "price", p.price(),
                        "currency", ValueAddedOrders.CURRENCY))
            .toList();
    return answer(type, id, Map.of("operator", operator.name(), "packages", packages));
  }

  private Uni<String> billInfo(String type, String id, Bill bill) {
    return transactions
        .billPaid(bill.reference())
        .map(
            paid ->
                frames.answer(
                    type,
                    id,
                    Map.of(
                        "billId", bill.billId(),
                        "paymentId", bill.paymentId(),
                        "billType", bill.type().name(),
                        "amount", bill.amount(),
                        "currency", ValueAddedOrders.CURRENCY,
                        "paid", paid)));
  }

  private static Bill bill(JsonNode frame) {
    String barcode = Fields.text(frame, "barcode", false);
    return ValueAddedOrders.bill(
        barcode == null ? Fields.text(frame, "billId", true) : null,
        barcode == null ? Fields.text(frame, "paymentId", true) : null,
        barcode);
  }

  private Uni<String> purchase(TerminalSession session, String id, JsonNode frame) {
    PurchaseCommand command =
        new PurchaseCommand(
            PurchaseService.TYPE,
            Fields.amount(frame, "amount"),
            Fields.text(frame, "currency", true),
            cards.read(frame),
            null,
            Fields.uuid(frame, "transactionId", false));
    return purchases
        .purchase(session.terminalRef(), id, command)
        .map(result -> frames.answer(PurchaseService.TYPE, id, result));
  }

  private Uni<String> refund(TerminalSession session, String id, JsonNode frame) {
    RefundCommand command =
        new RefundCommand(
            Fields.uuid(frame, "originalTransactionId", true),
            Fields.amount(frame, "amount"),
            cards.read(frame),
            Fields.text(frame, "supervisorCode", false),
            Fields.uuid(frame, "approvalId", false));
    return refunds
        .refund(session.terminalRef(), id, command)
        .map(result -> frames.answer(RefundService.TYPE, id, result));
  }

  private Uni<String> history(TerminalSession session, String id, JsonNode frame) {
    Period period =
        Period.of(
            Fields.text(frame, "from", false),
            Fields.text(frame, "to", false),
            Fields.text(frame, "zone", false));
    String scope = Fields.text(frame, "scope", false);
    if (scope == null || scope.equals("device")) {
      return history
          .history(new Scope(session.terminalRef(), null), period)
          .map(result -> frames.answer("history", id, result));
    }
    if (!scope.equals("merchant")) {
      throw Fields.invalid("scope", "must be device or merchant");
    }
    return supervisorCodes
        .verify(session.terminalRef(), Fields.text(frame, "supervisorCode", false))
        .chain(() -> history.history(new Scope(null, session.merchantId()), period))
        .map(result -> frames.answer("history", id, result));
  }

  private Uni<String> pairingConfirm(TerminalSession session, String id, JsonNode frame) {
    UUID pairingId = Fields.uuid(frame, "pairingId", true);
    String code = Fields.text(frame, "code", true);
    return Panache.withSession(() -> terminals.findById(session.terminalRef()))
        .chain(terminal -> pairing.confirm(terminal, pairingId, code))
        .map(result -> frames.answer("pairing-confirm", id, result));
  }

  private Uni<String> failed(TerminalSession session, String type, String id, Throwable failure) {
    if (failure instanceof ProblemException problem) {
      return Uni.createFrom().item(frames.error(id, problem));
    }
    if (failure instanceof MessageLog.AlreadyAnswered) {
      // Only after a stale claim was taken over: the answer that was kept is the one that stands.
      return messages
          .answered(session.terminalRef(), id)
          .map(stored -> stored != null ? stored : inProgress(id));
    }
    if (Unavailability.isTransient(failure)) {
      return error(
          id, "UNAVAILABLE", "The service cannot reach its database; retry with the same id");
    }
    LOG.errorf(failure, "%s %s of terminal %s failed", type, Text.forLog(id), session.terminalId());
    return error(id, "INTERNAL_ERROR", "The request failed; retry with the same id");
  }

  private Uni<String> answer(String type, String id, Object payload) {
    return Uni.createFrom().item(frames.answer(type, id, payload));
  }

  private Uni<String> error(String id, String code, String message) {
    return Uni.createFrom().item(frames.error(id, code, message, Map.of()));
  }
}
