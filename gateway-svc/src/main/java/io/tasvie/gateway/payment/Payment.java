package io.tasvie.gateway.payment;

import io.tasvie.common.acquirer.AcquirerReply;
import io.tasvie.common.card.CardNumber;
import io.tasvie.gateway.settings.Environment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One checkout: created by the merchant, paid by the payer on the hosted page, then verified
 * (captured) or reversed. The card is held only as a token, BIN and last four digits.
 */
@Entity
@Table(name = "payment")
public class Payment {

  @Id private UUID id;

  @Column(name = "merchant_id", nullable = false, updatable = false)
  private UUID merchantId;

  /** The merchant's own reference (the legacy {@code Res}), unique per merchant. */
  @Column(name = "merchant_reference", nullable = false, updatable = false)
  private String merchantReference;

  /** What the card is charged: the order amount less the card discount. */
  private long amount;

  private String currency;

  /** What the merchant asked for, before the card discount. */
  @Column(name = "order_amount")
  private long orderAmount;

  @Column(name = "discount_amount")
  private long discountAmount;

  /** The merchant's environment when the payment was made; it decides the acquirer. */
  @Enumerated(EnumType.STRING)
  private Environment environment;

  @Column(name = "payer_name")
  private String payerName;

  private String description;

  @Column(name = "redirect_url")
  private String redirectUrl;

  /** The merchant's id for the payer, whose cards it may keep; null for anonymous payers. */
  @Column(name = "customer_id")
  private String customerId;

  @Enumerated(EnumType.STRING)
  private PaymentOrigin origin;

  @Enumerated(EnumType.STRING)
  private PaymentStatus status;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "authorized_at")
  private Instant authorizedAt;

  @Column(name = "verify_deadline")
  private Instant verifyDeadline;

  @Column(name = "captured_at")
  private Instant capturedAt;

  @Column(name = "reversed_at")
  private Instant reversedAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "reversal_reason")
  private ReversalReason reversalReason;

  @Column(name = "declined_at")
  private Instant declinedAt;

  @Column(name = "decline_reason")
  private String declineReason;

  @Column(name = "response_code")
  private String responseCode;

  @Column(name = "card_token")
  private String cardToken;

  @Column(name = "card_bin")
  private String cardBin;

  @Column(name = "card_last4")
  private String cardLast4;

  @Column(name = "card_brand")
  private String cardBrand;

  @Column(name = "auth_code")
  private String authCode;

  private String rrn;

  @Column(name = "payer_ip")
  private String payerIp;

  @Column(name = "refunded_amount")
  private long refundedAmount;

  @Column(name = "settlement_date")
  private LocalDate settlementDate;

  @Column(name = "settlement_number")
  private String settlementNumber;

  protected Payment() {}

  public static Payment create(
      UUID merchantId,
      String merchantReference,
      long orderAmount,
      long discountAmount,
      String currency,
      Environment environment,
      String payerName,
      String description,
      String redirectUrl,
      String customerId,
      PaymentOrigin origin,
      Instant now,
      Duration lifetime) {
    Payment payment = new Payment();
    payment.id = UUID.randomUUID();
    payment.merchantId = merchantId;
    payment.merchantReference = merchantReference;
    payment.orderAmount = orderAmount;
    payment.discountAmount = discountAmount;
    payment.amount = orderAmount - discountAmount;
    payment.environment = environment;
    payment.currency = currency;
    payment.payerName = payerName;
    payment.description = description;
    payment.redirectUrl = redirectUrl;
    payment.customerId = customerId;
    payment.origin = origin;
    payment.status = PaymentStatus.CREATED;
    payment.createdAt = now;
    payment.expiresAt = now.plus(lifetime);
    return payment;
  }

  /** Whether the payer can still pay at {@code now}. */
  public boolean isPayable(Instant now) {
    return status == PaymentStatus.CREATED && now.isBefore(expiresAt);
  }

  /** Records the acquirer's answer to the payer's card: authorised or declined. */
  public void recordAuthorization(
      AcquirerReply reply,
      CardNumber card,
      String cardToken,
      String payerIp,
      Instant now,
      Duration verifyWindow) {
    requireStatus(PaymentStatus.CREATED);
    this.cardToken = cardToken;
    this.cardBin = card.bin();
    this.cardLast4 = card.last4();
    this.cardBrand = card.brand().name();
    this.payerIp = payerIp;
    this.responseCode = reply.responseCode();
    this.rrn = reply.rrn();
    if (reply.approved()) {
      this.status = PaymentStatus.AUTHORIZED;
      this.authCode = reply.authCode();
      this.authorizedAt = now;
      this.verifyDeadline = now.plus(verifyWindow);
    } else {
      this.status = PaymentStatus.DECLINED;
      this.declinedAt = now;
      this.declineReason = reply.declineReason();
    }
  }

  public void capture(Instant now) {
    requireStatus(PaymentStatus.AUTHORIZED);
    this.status = PaymentStatus.CAPTURED;
    this.capturedAt = now;
  }

  public void reverse(ReversalReason reason, Instant now) {
    requireStatus(PaymentStatus.AUTHORIZED);
    this.status = PaymentStatus.REVERSED;
    this.reversalReason = reason;
    this.reversedAt = now;
  }

  public void expire() {
    requireStatus(PaymentStatus.CREATED);
    this.status = PaymentStatus.EXPIRED;
  }

  /** What can still be refunded: the captured amount less the refunds so far. */
  public long refundableAmount() {
    return status == PaymentStatus.CAPTURED ? amount - refundedAmount : 0;
  }

  public void addRefund(long refundAmount) {
    if (refundAmount <= 0 || refundAmount > refundableAmount()) {
      throw new IllegalStateException("refund of " + refundAmount + " exceeds what is refundable");
    }
    this.refundedAmount += refundAmount;
  }

  public void assignSettlement(LocalDate settlementDate, String settlementNumber) {
    this.settlementDate = settlementDate;
    this.settlementNumber = settlementNumber;
  }

  private void requireStatus(PaymentStatus expected) {
    if (status != expected) {
      throw new IllegalStateException("payment " + id + " is " + status + ", not " + expected);
    }
  }

  /** The card as shown everywhere: first six, last four. */
  public String getMaskedCard() {
    return cardBin == null ? null : CardNumber.mask(cardBin, cardLast4);
  }

  public UUID getId() {
    return id;
  }

  public UUID getMerchantId() {
    return merchantId;
  }

  public String getMerchantReference() {
    return merchantReference;
  }

  public long getAmount() {
    return amount;
  }

  public String getCustomerId() {
    return customerId;
  }

  public long getOrderAmount() {
    return orderAmount;
  }

  public long getDiscountAmount() {
    return discountAmount;
  }

  public Environment getEnvironment() {
    return environment;
  }

  public String getCurrency() {
    return currency;
  }

  public String getPayerName() {
    return payerName;
  }

  public String getDescription() {
    return description;
  }

  public String getRedirectUrl() {
    return redirectUrl;
  }

  public PaymentOrigin getOrigin() {
    return origin;
  }

  public PaymentStatus getStatus() {
    return status;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public Instant getAuthorizedAt() {
    return authorizedAt;
  }

  public Instant getVerifyDeadline() {
    return verifyDeadline;
  }

  public Instant getCapturedAt() {
    return capturedAt;
  }

  public Instant getReversedAt() {
    return reversedAt;
  }

  public ReversalReason getReversalReason() {
    return reversalReason;
  }

  public Instant getDeclinedAt() {
    return declinedAt;
  }

  public String getDeclineReason() {
    return declineReason;
  }

  public String getResponseCode() {
    return responseCode;
  }

  public String getCardToken() {
    return cardToken;
  }

  public String getCardBrand() {
    return cardBrand;
  }

  public String getAuthCode() {
    return authCode;
  }

  public String getRrn() {
    return rrn;
  }

  public String getPayerIp() {
    return payerIp;
  }

  public long getRefundedAmount() {
    return refundedAmount;
  }

  public LocalDate getSettlementDate() {
    return settlementDate;
  }

  public String getSettlementNumber() {
    return settlementNumber;
  }
}
