package io.tasvie.terminal.wallet.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.PaymentCapturedEvent;
import io.tasvie.common.contract.PaymentFacts;
import io.tasvie.common.contract.PaymentRefundedEvent;
import io.tasvie.common.outbox.Outbox;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.problem.Unavailability;
import io.tasvie.terminal.message.Frames;
import io.tasvie.terminal.message.MessageLog;
import io.tasvie.terminal.session.SessionRegistry;
import io.tasvie.terminal.terminal.TerminalKind;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import io.tasvie.terminal.terminal.repository.TerminalRepository;
import io.tasvie.terminal.transaction.CardTransaction;
import io.tasvie.terminal.transaction.service.RefundService;
import io.tasvie.terminal.transaction.service.TerminalLookup;
import io.tasvie.terminal.wallet.WalletPayment;
import io.tasvie.terminal.wallet.WalletPaymentStatus;
import io.tasvie.terminal.wallet.WalletPaymentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Wallet payments at tills. The whole amount is paid from the wallet (no split tender, no cash
 * back); one active payment per till; every transition is committed before it is pushed to the
 * till's session, and captures and refunds are outbox events. A till that was down finds its
 * payment with {@code last-transaction} and either completes the sale with it (once) or refunds it.
 */
@ApplicationScoped
public class WalletService {

  public static final String START = "wallet-payment";
  public static final String CANCEL = "wallet-cancel";
  public static final String COMPLETE_SALE = "wallet-complete-sale";
  public static final String REFUND = "wallet-refund";
  static final String STATUS_PUSH = "wallet-payment.status";
  private static final String ONE_ACTIVE = "wallet_payment_one_active";

  private final TerminalLookup lookup;
  private final TerminalRepository terminals;
  private final WalletAccounts accounts;
  private final MessageLog messages;
  private final Outbox outbox;
  private final SessionRegistry sessions;
  private final Frames frames;
  private final TerminalConfig config;

  public WalletService(
      TerminalLookup lookup,
      TerminalRepository terminals,
      WalletAccounts accounts,
      MessageLog messages,
      Outbox outbox,
      SessionRegistry sessions,
      Frames frames,
      TerminalConfig config) {
    this.lookup = lookup;
    this.terminals = terminals;
    this.accounts = accounts;
    this.messages = messages;
    this.outbox = outbox;
    this.sessions = sessions;
    this.frames = frames;
    this.config = config;
  }

  /** What the till asks for; {@code cashBack} and {@code otherTender} are refused, not ignored. */
  public record StartCommand(
      long amount, String currency, String orderReference, Long cashBack, Long otherTender) {}

  public record RefundResult(
      UUID paymentId, long refundAmount, long refundedTotal, long remaining) {}

  public record LastPayment(boolean active, WalletPaymentView payment) {}

  public Uni<WalletPaymentView> start(UUID tillRef, String messageId, StartCommand command) {
    if (command.cashBack() != null && command.cashBack() != 0) {
      throw ProblemException.badRequest(
          "cash-back-not-allowed", "A wallet payment pays the sale only; no cash back");
    }
    if (command.otherTender() != null && command.otherTender() != 0) {
      throw ProblemException.badRequest(
          "split-tender-not-allowed", "The whole amount is paid with the wallet; no split tender");
    }
    Instant now = Instant.now();
    return Panache.withTransaction(
            () ->
                till(tillRef)
                    .chain(
                        context -> {
                          context.requireCurrency(command.currency());
                          return active(tillRef)
                              .chain(
                                  active -> {
                                    if (active != null) {
                                      throw busy(active);
                                    }
                                    WalletPayment payment =
                                        WalletPayment.initiated(
                                            tillRef,
                                            context.terminal().getMerchantId(),
                                            command.amount(),
                                            command.currency(),
                                            command.orderReference(),
                                            now,
                                            now.plus(config.walletPaymentTtl()));
                                    WalletPaymentView view = view(payment, context);
                                    return Panache.getSession()
                                        .chain(session -> session.persist(payment))
                                        .call(() -> Panache.getSession().chain(s -> s.flush()))
                                        .call(
                                            () ->
                                                messages.remember(tillRef, messageId, START, view))
                                        .replaceWith(view);
                                  });
                        }))
        .onFailure(failure -> ONE_ACTIVE.equals(Unavailability.uniqueViolation(failure)))
        .transform(
            failure ->
                ProblemException.conflict(
                    "busy", "Another wallet payment started at this till at the same moment"));
  }

  /** A wallet user scanned the till's QR code (or tapped its NFC tag): its payment is theirs. */
  public Uni<WalletPaymentView> checkIn(String walletUser, String tagId) {
    Instant now = Instant.now();
    return push(
        Panache.withTransaction(
            () ->
                terminals
                    .findTill(tagId)
                    .chain(
                        till -> {
                          if (till == null || !till.isActive()) {
                            throw ProblemException.notFound("till", tagId);
                          }
                          return lookup.active(till.getId());
                        })
                    .chain(
                        context ->
                            active(context.terminal().getId())
                                .map(
                                    payment -> {
                                      if (payment == null
                                          || payment.getStatus() != WalletPaymentStatus.INITIATED) {
                                        throw ProblemException.conflict(
                                            "nothing-to-pay",
                                            "Till "
                                                + tagId
                                                + " has no payment waiting for a wallet");
                                      }
                                      payment.issueTo(walletUser, now);
                                      return view(payment, context);
                                    }))));
  }

  /**
   * The user confirms: the wallet is debited, the payment captured, the till told. Confirming a
   * captured payment again answers it as it is (the app may retry), without a second debit.
   */
  public Uni<WalletPaymentView> confirm(String walletUser, UUID paymentId) {
    Instant now = Instant.now();
    return push(
        Panache.withTransaction(
            () ->
                own(walletUser, paymentId)
                    .chain(
                        payment -> {
                          if (payment.getStatus() == WalletPaymentStatus.CAPTURED) {
                            return viewOf(payment); // a retried confirmation: debited once
                          }
                          payment.capture(now);
                          return accounts
                              .debit(walletUser, payment.getCurrency(), payment.getAmount())
                              .chain(() -> lookup.active(payment.getTerminalRef()))
                              .call(
                                  context ->
                                      outbox.publish(
                                          new PaymentCapturedEvent(
                                              payment.getId(), facts(payment, context), now)))
                              .map(context -> view(payment, context));
                        })));
  }

  public Uni<WalletPaymentView> reject(String walletUser, UUID paymentId) {
    Instant now = Instant.now();
    return push(
        Panache.withTransaction(
            () ->
                own(walletUser, paymentId)
                    .invoke(payment -> payment.cancel(WalletPaymentStatus.CANCELLED_BY_USER, now))
                    .chain(this::viewOf)));
  }

  public Uni<WalletPaymentView> walletView(String walletUser, UUID paymentId) {
    return Panache.withSession(() -> own(walletUser, paymentId).chain(this::viewOf));
  }

  public Uni<WalletPaymentView> cancel(UUID tillRef, String messageId, UUID paymentId) {
    Instant now = Instant.now();
    return Panache.withTransaction(
        () ->
            tillPayment(tillRef, paymentId)
                .invoke(payment -> payment.cancel(WalletPaymentStatus.CANCELLED_BY_CLIENT, now))
                .chain(this::viewOf)
                .call(view -> messages.remember(tillRef, messageId, CANCEL, view)));
  }

  public Uni<WalletPaymentView> completeSale(UUID tillRef, String messageId, UUID paymentId) {
    Instant now = Instant.now();
    return Panache.withTransaction(
        () ->
            tillPayment(tillRef, paymentId)
                .invoke(payment -> payment.completeSale(now))
                .chain(this::viewOf)
                .call(view -> messages.remember(tillRef, messageId, COMPLETE_SALE, view)));
  }

  /** Back to the wallet, only for a payment made with it, partly or wholly, within the window. */
  public Uni<RefundResult> refund(UUID tillRef, String messageId, UUID paymentId, long amount) {
    if (amount <= 0) {
      throw ProblemException.badRequest("invalid-amount", "amount must be positive (minor units)");
    }
    Instant now = Instant.now();
    return Panache.withTransaction(
        () ->
            tillPayment(tillRef, paymentId)
                .chain(
                    payment -> {
                      if (payment.getStatus() != WalletPaymentStatus.CAPTURED) {
                        throw ProblemException.conflict(
                            "not-captured",
                            "Wallet payment " + paymentId + " is " + payment.getStatus());
                      }
                      if (payment.getCapturedAt().plus(config.walletRefundWindow()).isBefore(now)) {
                        throw ProblemException.conflict(
                            "refund-window-passed",
                            "Wallet payments are refunded within "
                                + config.walletRefundWindow().toDays()
                                + " days");
                      }
                      if (amount > payment.remaining()) {
                        throw RefundService.exceedsRemainder(amount, payment.remaining());
                      }
                      payment.refunded(amount, now);
                      RefundResult result =
                          new RefundResult(
                              paymentId, amount, payment.getRefundedTotal(), payment.remaining());
                      return accounts
                          .credit(payment.getWalletUser(), payment.getCurrency(), amount)
                          .chain(() -> lookup.active(tillRef))
                          .call(
                              context ->
                                  outbox.publish(
                                      new PaymentRefundedEvent(
                                          paymentId,
                                          facts(payment, context),
                                          UUID.randomUUID(),
                                          amount,
                                          payment.getRefundedTotal(),
                                          "wallet refund at till "
                                              + context.terminal().getTerminalId(),
                                          now)))
                          .call(() -> messages.remember(tillRef, messageId, REFUND, result))
                          .replaceWith(result);
                    }));
  }

  public Uni<LastPayment> last(UUID tillRef) {
    return Panache.withSession(
        () ->
            till(tillRef)
                .chain(
                    context ->
                        Panache.getSession()
                            .chain(
                                session ->
                                    session
                                        .createQuery(
                                            "from WalletPayment where terminalRef = :till order by"
                                                + " createdAt desc",
                                            WalletPayment.class)
                                        .setParameter("till", tillRef)
                                        .setMaxResults(1)
                                        .getResultList())
                            .map(
                                found ->
                                    found.isEmpty()
                                        ? new LastPayment(false, null)
                                        : new LastPayment(
                                            found.get(0).getStatus().isActive(),
                                            view(found.get(0), context)))));
  }

  /** Cancels payments nobody confirmed in time, and tells their tills. */
  public Uni<Integer> expire(int limit) {
    Instant now = Instant.now();
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createQuery(
                                    "from WalletPayment where status in :open and expiresAt <= :now"
                                        + " order by expiresAt",
                                    WalletPayment.class)
                                .setParameter(
                                    "open",
                                    List.of(
                                        WalletPaymentStatus.INITIATED,
                                        WalletPaymentStatus.ISSUED_TO_USER))
                                .setParameter("now", now)
                                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                                .setMaxResults(limit)
                                .getResultList())
                    .chain(
                        overdue -> {
                          Uni<List<WalletPaymentView>> views =
                              Uni.createFrom().item(new ArrayList<>());
                          for (WalletPayment payment : overdue) {
                            payment.cancel(WalletPaymentStatus.EXPIRED_AND_CANCELLED, now);
                            views =
                                views.chain(
                                    list ->
                                        viewOf(payment)
                                            .map(
                                                view -> {
                                                  list.add(view);
                                                  return list;
                                                }));
                          }
                          return views;
                        }))
        .invoke(views -> views.forEach(this::tell))
        .map(List::size);
  }

  private Uni<TerminalLookup.Context> till(UUID tillRef) {
    return lookup
        .active(tillRef)
        .invoke(
            context -> {
              if (context.terminal().getKind() != TerminalKind.TILL) {
                throw ProblemException.conflict(
                    "not-a-till",
                    "Wallet payments are taken at tills; this terminal is a "
                        + context.terminal().getKind());
              }
            });
  }

  private static Uni<WalletPayment> active(UUID tillRef) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createQuery(
                        "from WalletPayment where terminalRef = :till and status in :active",
                        WalletPayment.class)
                    .setParameter("till", tillRef)
                    .setParameter(
                        "active",
                        List.of(
                            WalletPaymentStatus.INITIATED,
                            WalletPaymentStatus.ISSUED_TO_USER,
                            WalletPaymentStatus.RESERVED))
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList())
        .map(found -> found.isEmpty() ? null : found.get(0));
  }

  /** A payment issued to {@code walletUser}; anyone else's is not found. */
  private static Uni<WalletPayment> own(String walletUser, UUID paymentId) {
    return Panache.getSession()
        .chain(
            session -> session.find(WalletPayment.class, paymentId, LockModeType.PESSIMISTIC_WRITE))
        .map(
            payment -> {
              if (payment == null || !walletUser.equals(payment.getWalletUser())) {
                throw ProblemException.notFound("wallet-payment", paymentId);
              }
              return payment;
            });
  }

  /**
   * A payment of this till's merchant. A card transaction's id is told apart, so that a wallet
   * refund of a card purchase says why it cannot be done.
   */
  private Uni<WalletPayment> tillPayment(UUID tillRef, UUID paymentId) {
    return till(tillRef)
        .chain(
            context ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .find(
                                    WalletPayment.class, paymentId, LockModeType.PESSIMISTIC_WRITE)
                                .chain(
                                    payment -> {
                                      if (payment != null
                                          && payment
                                              .getMerchantId()
                                              .equals(context.terminal().getMerchantId())) {
                                        return Uni.createFrom().item(payment);
                                      }
                                      return session
                                          .find(CardTransaction.class, paymentId)
                                          .map(
                                              card -> {
                                                if (card != null
                                                    && card.getMerchantId()
                                                        .equals(
                                                            context.terminal().getMerchantId())) {
                                                  throw ProblemException.conflict(
                                                      "not-a-wallet-payment",
                                                      "Transaction "
                                                          + paymentId
                                                          + " was paid by card; refund it on a card terminal");
                                                }
                                                throw ProblemException.notFound(
                                                    "wallet-payment", paymentId);
                                              });
                                    })));
  }

  private Uni<WalletPaymentView> viewOf(WalletPayment payment) {
    return lookup.active(payment.getTerminalRef()).map(context -> view(payment, context));
  }

  private static WalletPaymentView view(WalletPayment payment, TerminalLookup.Context context) {
    return WalletPaymentView.of(
        payment, context.terminal().getTerminalId(), context.merchant().getName());
  }

  /** Pushes the committed state to the till's session. */
  private Uni<WalletPaymentView> push(Uni<WalletPaymentView> committed) {
    return committed.invoke(this::tell);
  }

  private void tell(WalletPaymentView view) {
    sessions.send(view.terminalId(), frames.push(STATUS_PUSH, view));
  }

  private static PaymentFacts facts(WalletPayment payment, TerminalLookup.Context context) {
    return new PaymentFacts(
        payment.getMerchantId(),
        payment.getOrderReference() != null
            ? payment.getOrderReference()
            : payment.getId().toString(),
        payment.getAmount(),
        payment.getCurrency(),
        TerminalKind.TILL.channel(),
        null,
        null,
        null,
        null,
        context.terminal().getTerminalId(),
        PaymentFacts.MERCHANT);
  }

  private static ProblemException busy(WalletPayment active) {
    return new ProblemException(
        409,
        "busy",
        "Till busy",
        "Wallet payment " + active.getId() + " is " + active.getStatus() + " at this till",
        Map.of(
            "activePaymentId",
            active.getId().toString(),
            "activeStatus",
            active.getStatus().name()));
  }
}
