package io.tasvie.terminal.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The session protocol: one JSON request frame in, one answer or error frame out, matched by the
 * client's {@code id}. Requests that change something are answered from {@link MessageLog} when
 * their id was already processed, so a resent purchase is never charged twice.
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

  private static final int MAX_ID_LENGTH = 64;

  private final ObjectMapper mapper;
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
      ObjectMapper mapper,
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
    this.mapper = mapper;
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
    if (text.length() > config.maxFrameBytes()
        || text.getBytes(StandardCharsets.UTF_8).length > config.maxFrameBytes()) {
      return error(
          null, "FRAME_TOO_LARGE", "Frames are at most " + config.maxFrameBytes() + " bytes");
    }
    JsonNode frame;
    try {
      frame = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      return error(null, "INVALID_JSON", "The frame is not JSON: " + e.getOriginalMessage());
    }
    if (frame == null || !frame.isObject()) {
      return error(null, "INVALID_JSON", "A frame is a JSON object");
    }
    JsonNode idNode = frame.get("id");
    if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
      return error(null, "MISSING_ID", "Every request carries its own id (a string)");
    }
    String id = idNode.asText();
    if (id.length() > MAX_ID_LENGTH) {
      return error(null, "MISSING_ID", "An id is at most " + MAX_ID_LENGTH + " characters");
    }
    JsonNode typeNode = frame.get("type");
    String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
    if (type == null || !TYPES.contains(type)) {
      return Uni.createFrom()
          .item(
              frames.error(
                  id,
                  "UNKNOWN_TYPE",
                  "Unknown message type " + (type == null ? "(none)" : type),
                  Map.of("supported", TYPES)));
    }
    Supplier<Uni<String>> work = () -> dispatch(session, type, id, frame);
    Uni<String> answer =
        RECORDED.contains(type)
            ? messages
                .answered(session.terminalRef(), id)
                .chain(stored -> stored != null ? Uni.createFrom().item(stored) : work.get())
            : Uni.createFrom().deferred(work::get);
    return answer.onFailure().recoverWithUni(failure -> failed(session, type, id, failure));
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
    if (RECORDED.contains(type) && Unavailability.isUniqueViolation(failure)) {
      // The same id arrived twice at once: the other one recorded its answer, or is still working.
      return messages
          .answered(session.terminalRef(), id)
          .map(
              stored ->
                  stored != null
                      ? stored
                      : frames.error(
                          id,
                          "IN_PROGRESS",
                          "A request with this id is being processed; ask again or ask"
                              + " last-transaction",
                          Map.of()));
    }
    if (Unavailability.isTransient(failure)) {
      return error(
          id, "UNAVAILABLE", "The service cannot reach its database; retry with the same id");
    }
    LOG.errorf(failure, "%s %s of terminal %s failed", type, id, session.terminalId());
    return error(id, "INTERNAL_ERROR", "The request failed; retry with the same id");
  }

  private Uni<String> answer(String type, String id, Object payload) {
    return Uni.createFrom().item(frames.answer(type, id, payload));
  }

  private Uni<String> error(String id, String code, String message) {
    return Uni.createFrom().item(frames.error(id, code, message, Map.of()));
  }
}
