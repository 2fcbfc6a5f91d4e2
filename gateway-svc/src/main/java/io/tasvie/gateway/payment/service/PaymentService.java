package io.tasvie.gateway.payment.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.acquirer.Acquirer;
import io.tasvie.common.acquirer.AcquirerReply;
import io.tasvie.common.acquirer.AuthorizationRequest;
import io.tasvie.common.acquirer.sandbox.SandboxAcquirer;
import io.tasvie.common.card.CardNumber;
import io.tasvie.common.card.CardVault;
import io.tasvie.common.outbox.DomainEvent;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.gateway.merchant.Merchant;
import io.tasvie.gateway.notification.Notifications;
import io.tasvie.gateway.payment.Payment;
import io.tasvie.gateway.payment.PaymentStatus;
import io.tasvie.gateway.payment.Refund;
import io.tasvie.gateway.payment.ReversalReason;
import io.tasvie.gateway.payment.config.CheckoutConfig;
import io.tasvie.gateway.payment.mapping.PaymentEvents;
import io.tasvie.gateway.payment.repository.PaymentRepository;
import io.tasvie.gateway.payment.repository.PaymentRepository.PaymentSearch;
import io.tasvie.gateway.payment.repository.RefundRepository;
import io.tasvie.gateway.savedcard.SavedCards;
import io.tasvie.gateway.settings.Environment;
import io.tasvie.gateway.settings.MerchantSettings;
import io.tasvie.gateway.settings.repository.SettingsRepository;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * A payment's life: created by the merchant, paid by the payer, verified, reversed or refunded.
 * Every change locks the payment's row, so a double-clicked pay button or two concurrent refunds
 * serialise; every change and its event commit together.
 */
@ApplicationScoped
public class PaymentService {

  private final PaymentRepository payments;
  private final RefundRepository refunds;
  private final Acquirer acquirer;
  private final SandboxAcquirer sandbox;
  private final SettingsRepository settings;
  private final CardVault vault;
  private final Notifications notifications;
  private final SavedCards savedCards;
  private final CheckoutRules rules;
  private final CheckoutConfig config;

  public PaymentService(
      PaymentRepository payments,
      RefundRepository refunds,
      Acquirer acquirer,
      SandboxAcquirer sandbox,
      SettingsRepository settings,
      CardVault vault,
      Notifications notifications,
      SavedCards savedCards,
      CheckoutRules rules,
      CheckoutConfig config) {
    this.payments = payments;
    this.refunds = refunds;
    this.acquirer = acquirer;
    this.sandbox = sandbox;
    this.settings = settings;
    this.vault = vault;
    this.notifications = notifications;
    this.savedCards = savedCards;
    this.rules = rules;
    this.config = config;
  }

  /** Creates the payment; must run in a transaction (the caller may add an idempotency key). */
  public Uni<Payment> create(
      Merchant merchant, MerchantSettings merchantSettings, NewPayment request) {
    long discount = rules.check(request, merchant, merchantSettings);
    return payments
        .findByReference(merchant.getId(), request.merchantReference())
        .map(existing -> create(merchant, merchantSettings, request, discount, existing))
        .chain(payments::persistAndFlush)
        // Two concurrent requests with one reference: the unique key lets only one through.
        .onFailure(PaymentService::isDuplicateReference)
        .transform(e -> duplicateReference(null, request.merchantReference()));
  }

  private Payment create(
      Merchant merchant,
      MerchantSettings merchantSettings,
      NewPayment request,
      long discount,
      Payment existing) {
    if (existing != null) {
      throw duplicateReference(existing.getId(), request.merchantReference());
    }
    return Payment.create(
        merchant.getId(),
        request.merchantReference(),
        request.amount(),
        discount,
        request.currency(),
        merchantSettings.getEnvironment(),
        request.payerName(),
        request.description(),
        request.redirectUrl(),
        request.customerId(),
        request.origin(),
        now(),
        config.paymentLifetime());
  }

  private static boolean isDuplicateReference(Throwable failure) {
    return failure instanceof ConstraintViolationException violation
        && "payment_merchant_id_merchant_reference_key".equals(violation.getConstraintName());
  }

  private static ProblemException duplicateReference(UUID paymentId, String reference) {
    return new ProblemException(
        409,
        "duplicate-merchant-reference",
        "Duplicate merchant reference",
        "A payment with merchantReference " + reference + " exists already",
        paymentId == null ? Map.of() : Map.of("paymentId", paymentId));
  }

  @WithSession
  public Uni<Payment> find(UUID paymentId) {
    return payments.findById(paymentId);
  }

  @WithSession
  public Uni<Payment> findForMerchant(UUID paymentId, UUID merchantId) {
    return payments.findForMerchant(paymentId, merchantId);
  }

  @WithSession
  public Uni<Payment> findByReference(UUID merchantId, String merchantReference) {
    return payments.findByReference(merchantId, merchantReference);
  }

  @WithSession
  public Uni<List<Payment>> search(PaymentSearch search, int offset, int limit) {
    return payments.search(search, offset, limit);
  }

  @WithSession
  public Uni<List<Refund>> refundsOf(UUID paymentId) {
    return refunds.listForPayment(paymentId);
  }

  /**
   * The payer pays with a card. A payment that is no longer payable (paid already, e.g. by a double
   * click, or expired) is returned unchanged: at most one authorisation per payment. With {@code
   * saveCard} (the payer's consent) an approved card is kept for the payment's customer.
   */
  public Uni<Payment> pay(
      UUID paymentId,
      String merchantNumber,
      CardNumber card,
      YearMonth expiry,
      String payerIp,
      boolean saveCard) {
    return Panache.withTransaction(
        () ->
            payments
                .lock(paymentId)
                .chain(
                    payment -> {
                      if (payment == null) {
                        throw ProblemException.notFound("payment", paymentId);
                      }
                      Instant now = now();
                      if (!payment.isPayable(now)) {
                        return Uni.createFrom().item(payment);
                      }
                      return settings
                          .findById(payment.getMerchantId())
                          .chain(
                              merchantSettings -> {
                                requireAccepted(payment, merchantSettings, card);
                                AuthorizationRequest request =
                                    new AuthorizationRequest(
                                        paymentId,
                                        merchantNumber,
                                        card,
                                        expiry,
                                        payment.getAmount(),
                                        payment.getCurrency());
                                // Kept only with the payer's consent, for a named customer, where
                                // the merchant's settings allow it.
                                boolean keep =
                                    saveCard
                                        && merchantSettings.isSaveCards()
                                        && payment.getCustomerId() != null;
                                return acquirerOf(payment)
                                    .authorize(request)
                                    .chain(
                                        reply ->
                                            recordAuthorization(payment, reply, card, payerIp, now))
                                    .call(
                                        paid ->
                                            keep && paid.getStatus() == PaymentStatus.AUTHORIZED
                                                ? savedCards.save(
                                                    paid.getMerchantId(),
                                                    paid.getCustomerId(),
                                                    card,
                                                    expiry)
                                                : Uni.createFrom().voidItem());
                              });
                    }));
  }

  /**
   * Refuses a card the payment's environment does not take, and every card while the merchant's
   * checkout is in maintenance; the payment stays payable.
   */
  private static void requireAccepted(
      Payment payment, MerchantSettings merchantSettings, CardNumber card) {
    if (merchantSettings.isMaintenance()) {
      throw CheckoutRules.maintenance();
    }
    boolean testCard = SandboxAcquirer.isTestCard(card.digits());
    if (payment.getEnvironment() == Environment.SANDBOX && !testCard) {
      throw new ProblemException(
          422,
          "real-card-in-sandbox",
          "Only test cards in the sandbox",
          "The shop is in the sandbox: only the sandbox's test cards can be used, nothing is charged");
    }
    if (payment.getEnvironment() == Environment.PRODUCTION && testCard) {
      throw new ProblemException(
          422,
          "test-card-in-production",
          "Test card refused",
          "Test cards cannot pay in production");
    }
  }

  /** The event on Kafka and the merchant's notification, in the payment's transaction. */
  private Uni<Void> publish(DomainEvent event, Payment payment) {
    return notifications.publish(event, payment.getMerchantId(), payment.getId());
  }

  /** The sandbox never reaches a real acquirer: its payments go to the sandbox acquirer. */
  private Acquirer acquirerOf(Payment payment) {
    return payment.getEnvironment() == Environment.SANDBOX ? sandbox : acquirer;
  }

  private Uni<Payment> recordAuthorization(
      Payment payment, AcquirerReply reply, CardNumber card, String payerIp, Instant now) {
    payment.recordAuthorization(
        reply, card, vault.tokenise(card), payerIp, now, config.verifyWindow());
    if (!reply.approved()) {
      return Uni.createFrom().item(payment);
    }
    return publish(PaymentEvents.authorized(payment), payment).replaceWith(payment);
  }

  public record Verification(Payment payment, VerifyResult result) {}

  /**
   * The merchant confirms the payment it expected: captures the authorisation if the amount matches
   * and the window is open. {@code expectedAmount} is null for a legacy PayRep, which names no
   * amount.
   */
  public Uni<Verification> verify(UUID merchantId, UUID paymentId, Long expectedAmount) {
    return Panache.withTransaction(
        () ->
            lockForMerchant(merchantId, paymentId)
                .chain(payment -> capture(payment, expectedAmount)));
  }

  private Uni<Verification> capture(Payment payment, Long expectedAmount) {
    // The merchant confirms the amount it asked for; a card discount is the platform's to apply.
    boolean amountMatches = expectedAmount == null || expectedAmount == payment.getOrderAmount();
    if (payment.getStatus() == PaymentStatus.CAPTURED) {
      return verification(
          payment, amountMatches ? VerifyResult.ALREADY_VERIFIED : VerifyResult.AMOUNT_MISMATCH);
    }
    if (payment.getStatus() != PaymentStatus.AUTHORIZED) {
      return verification(payment, VerifyResult.NOT_AUTHORIZED);
    }
    if (!amountMatches) {
      return verification(payment, VerifyResult.AMOUNT_MISMATCH);
    }
    Instant now = now();
    if (now.isAfter(payment.getVerifyDeadline())) {
      return verification(payment, VerifyResult.WINDOW_CLOSED);
    }
    return acquirerOf(payment)
        .capture(payment.getRrn(), payment.getAmount(), payment.getCurrency())
        .chain(
            reply -> {
              if (!reply.approved()) {
                throw acquirerRefused("capture", reply);
              }
              payment.capture(now);
              return publish(PaymentEvents.captured(payment), payment);
            })
        .replaceWith(new Verification(payment, VerifyResult.VERIFIED));
  }

  private static Uni<Verification> verification(Payment payment, VerifyResult result) {
    return Uni.createFrom().item(new Verification(payment, result));
  }

  /** The merchant releases an authorisation it will not verify. Reversing twice is harmless. */
  public Uni<Payment> reverse(UUID merchantId, UUID paymentId) {
    return Panache.withTransaction(
        () ->
            lockForMerchant(merchantId, paymentId)
                .chain(
                    payment -> {
                      if (payment.getStatus() == PaymentStatus.REVERSED) {
                        return Uni.createFrom().item(payment);
                      }
                      if (payment.getStatus() != PaymentStatus.AUTHORIZED) {
                        throw new ProblemException(
                            409,
                            "payment-not-reversible",
                            "Payment cannot be reversed",
                            "Only an authorised, unverified payment can be reversed; this one is "
                                + payment.getStatus());
                      }
                      return release(payment, ReversalReason.MERCHANT);
                    }));
  }

  private Uni<Payment> release(Payment payment, ReversalReason reason) {
    return acquirerOf(payment)
        .reverse(payment.getRrn())
        .chain(
            reply -> {
              if (!reply.approved()) {
                throw acquirerRefused("reversal", reply);
              }
              payment.reverse(reason, now());
              return publish(PaymentEvents.reversed(payment), payment);
            })
        .replaceWith(payment);
  }

  public record Refunded(Payment payment, Refund refund) {}

  /**
   * Pays back part or all of a captured payment. The row lock makes concurrent refunds queue, so
   * their sum never exceeds the captured amount. Must run in a transaction.
   */
  public Uni<Refunded> refund(UUID merchantId, UUID paymentId, long amount, String reason) {
    return lockForMerchant(merchantId, paymentId)
        .chain(
            payment -> {
              if (payment.getStatus() != PaymentStatus.CAPTURED) {
                throw new ProblemException(
                    409,
                    "payment-not-refundable",
                    "Payment cannot be refunded",
                    "Only a verified (captured) payment can be refunded; this one is "
                        + payment.getStatus());
              }
              if (amount > payment.refundableAmount()) {
                throw new ProblemException(
                    422,
                    "refund-exceeds-captured",
                    "Refund exceeds what is left",
                    "At most "
                        + payment.refundableAmount()
                        + " "
                        + payment.getCurrency()
                        + " minor units can still be refunded",
                    Map.of("refundable", payment.refundableAmount()));
              }
              return acquirerOf(payment)
                  .refund(payment.getRrn(), amount, payment.getCurrency())
                  .chain(
                      reply -> {
                        if (!reply.approved()) {
                          throw acquirerRefused("refund", reply);
                        }
                        Refund refund =
                            Refund.succeeded(paymentId, amount, reason, reply.rrn(), now());
                        payment.addRefund(amount);
                        return refunds
                            .persist(refund)
                            .call(() -> publish(PaymentEvents.refunded(payment, refund), payment))
                            .replaceWith(new Refunded(payment, refund));
                      });
            });
  }

  /**
   * Reverses authorisations nobody verified within the window and expires payments nobody paid, a
   * batch at a time; the state lives in the table, so a restart loses nothing.
   *
   * @return how many payments it changed
   */
  public Uni<Integer> sweepOverdue(int batchSize) {
    return Panache.withTransaction(
        () ->
            payments
                .lockOverdue(now(), batchSize)
                .chain(
                    overdue ->
                        Multi.createFrom()
                            .iterable(overdue)
                            .onItem()
                            .transformToUniAndConcatenate(this::close)
                            .collect()
                            .asList()
                            .map(List::size)));
  }

  private Uni<Payment> close(Payment payment) {
    if (payment.getStatus() == PaymentStatus.AUTHORIZED) {
      return release(payment, ReversalReason.VERIFY_WINDOW_EXPIRED);
    }
    payment.expire();
    return Uni.createFrom().item(payment);
  }

  /** A settlement date and number settlement-svc gave a payment. */
  public record SettlementAssignment(
      UUID paymentId, LocalDate settlementDate, String settlementNumber) {}

  /**
   * Records the settlement dates and numbers settlement-svc gave payments of this service, in the
   * caller's transaction (the batch inbox's); of several for one payment the last holds.
   */
  public Uni<Void> assignSettlements(
      SqlConnection transaction, List<SettlementAssignment> assignments) {
    Map<UUID, SettlementAssignment> latest = new LinkedHashMap<>();
    for (SettlementAssignment assignment : assignments) {
      latest.remove(assignment.paymentId());
      latest.put(assignment.paymentId(), assignment);
    }
    return payments.assignSettlements(
        transaction,
        latest.values().stream().map(SettlementAssignment::paymentId).toArray(UUID[]::new),
        latest.values().stream()
            .map(SettlementAssignment::settlementDate)
            .toArray(LocalDate[]::new),
        latest.values().stream()
            .map(SettlementAssignment::settlementNumber)
            .toArray(String[]::new));
  }

  private Uni<Payment> lockForMerchant(UUID merchantId, UUID paymentId) {
    return payments
        .lock(paymentId)
        .invoke(
            payment -> {
              if (payment == null || !payment.getMerchantId().equals(merchantId)) {
                throw ProblemException.notFound("payment", paymentId);
              }
            });
  }

  private static ProblemException acquirerRefused(String operation, AcquirerReply reply) {
    return new ProblemException(
        502,
        "acquirer-declined",
        "Acquirer declined",
        "The acquirer refused the " + operation + " (response code " + reply.responseCode() + ")");
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
