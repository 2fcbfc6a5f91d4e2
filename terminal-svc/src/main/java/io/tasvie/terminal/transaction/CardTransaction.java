package io.tasvie.terminal.transaction;

import io.tasvie.common.acquirer.AcquirerReply;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A card-present purchase or refund on one terminal. The card is kept as its token plus its masked
 * form; PIN and CVC never reach it.
 */
@Entity
@Table(name = "card_transaction")
public class CardTransaction {

  /** The cardholder verification performed. */
  public static final String VERIFIED_BY_PIN = "PIN";

  public static final String NO_VERIFICATION = "NONE";

  @Id private UUID id;

  @Column(name = "terminal_id")
  private UUID terminalRef;

  @Column(name = "merchant_id")
  private UUID merchantId;

  @Enumerated(EnumType.STRING)
  private TransactionType type;

  @Enumerated(EnumType.STRING)
  private TransactionStatus status;

  private String channel;
  private long amount;
  private String currency;

  @Column(name = "card_token")
  private String cardToken;

  @Column(name = "masked_card")
  private String maskedCard;

  @Column(name = "card_brand")
  private String cardBrand;

  @Enumerated(EnumType.STRING)
  @Column(name = "entry_mode")
  private EntryMode entryMode;

  private String verification;

  @Column(name = "response_code")
  private String responseCode;

  @Column(name = "auth_code")
  private String authCode;

  private String rrn;

  @Column(name = "original_id")
  private UUID originalId;

  @Column(name = "refunded_total")
  private long refundedTotal;

  /** What a value-added sale bought (JSON: operator, number, package or bill); null otherwise. */
  private String product;

  @Column(name = "product_ref")
  private String productRef;

  @Column(name = "fulfilment_ref")
  private String fulfilmentRef;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "completed_at")
  private Instant completedAt;

  protected CardTransaction() {}

  public static CardTransaction started(
      TransactionType type,
      TransactionStatus status,
      UUID terminalRef,
      UUID merchantId,
      String channel,
      long amount,
      String currency,
      PresentedCard card,
      UUID originalId,
      Instant now) {
    CardTransaction transaction = new CardTransaction();
    transaction.id = UUID.randomUUID();
    transaction.type = type;
    transaction.status = status;
    transaction.terminalRef = terminalRef;
    transaction.merchantId = merchantId;
    transaction.channel = channel;
    transaction.amount = amount;
    transaction.currency = currency;
    transaction.cardToken = card.token();
    transaction.maskedCard = card.masked();
    transaction.cardBrand = card.brand();
    transaction.entryMode = card.entryMode();
    transaction.verification = card.pinEntered() ? VERIFIED_BY_PIN : NO_VERIFICATION;
    transaction.originalId = originalId;
    transaction.createdAt = now;
    transaction.updatedAt = now;
    return transaction;
  }

  /** Marks a value-added sale with what it buys ({@code details} as JSON). */
  public void buys(String details, String reference) {
    product = details;
    productRef = reference;
  }

  public void fulfilled(String reference) {
    fulfilmentRef = reference;
  }

  /** The card was charged but the operator failed: the charge was reversed at the acquirer. */
  public void fulfilmentFailed(AcquirerReply reply, String reason, Instant now) {
    complete(reply, now);
    status = TransactionStatus.REVERSED;
    responseCode = reason;
  }

  /** The PIN arrived for a purchase that waited for it: it goes to the acquirer now. */
  public void pinEntered(Instant now) {
    status = TransactionStatus.IN_PROGRESS;
    verification = VERIFIED_BY_PIN;
    updatedAt = now;
  }

  public void complete(AcquirerReply reply, Instant now) {
    status = reply.approved() ? TransactionStatus.APPROVED : TransactionStatus.DECLINED;
    responseCode = reply.responseCode();
    authCode = reply.authCode();
    rrn = reply.rrn();
    updatedAt = now;
    completedAt = now;
  }

  /** Ends an active transaction without an approval: cancelled, or reversed after a crash. */
  public void end(TransactionStatus outcome, String code, Instant now) {
    status = outcome;
    responseCode = code;
    updatedAt = now;
    completedAt = now;
  }

  public long remaining() {
    return amount - refundedTotal;
  }

  public void refunded(long refundAmount) {
    refundedTotal += refundAmount;
  }

  public UUID getId() {
    return id;
  }

  public UUID getTerminalRef() {
    return terminalRef;
  }

  public UUID getMerchantId() {
    return merchantId;
  }

  public TransactionType getType() {
    return type;
  }

  public TransactionStatus getStatus() {
    return status;
  }

  public String getChannel() {
    return channel;
  }

  public long getAmount() {
    return amount;
  }

  public String getCurrency() {
    return currency;
  }

  public String getCardToken() {
    return cardToken;
  }

  public String getMaskedCard() {
    return maskedCard;
  }

  public String getCardBrand() {
    return cardBrand;
  }

  public EntryMode getEntryMode() {
    return entryMode;
  }

  public String getVerification() {
    return verification;
  }

  public String getResponseCode() {
    return responseCode;
  }

  public String getAuthCode() {
    return authCode;
  }

  public String getRrn() {
    return rrn;
  }

  public UUID getOriginalId() {
    return originalId;
  }

  public long getRefundedTotal() {
    return refundedTotal;
  }

  public String getProduct() {
    return product;
  }

  public String getProductRef() {
    return productRef;
  }

  public String getFulfilmentRef() {
    return fulfilmentRef;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getCompletedAt() {
    return completedAt;
  }
}
