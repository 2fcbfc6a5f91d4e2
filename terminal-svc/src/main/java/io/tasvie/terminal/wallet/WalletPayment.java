package io.tasvie.terminal.wallet;

import io.tasvie.common.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A wallet payment at a till, paid in full from a wallet user's sandbox balance. */
@Entity
@Table(name = "wallet_payment")
public class WalletPayment {

  @Id private UUID id;

  @Column(name = "terminal_id")
  private UUID terminalRef;

  @Column(name = "merchant_id")
  private UUID merchantId;

  private long amount;
  private String currency;

  @Column(name = "order_reference")
  private String orderReference;

  @Enumerated(EnumType.STRING)
  private WalletPaymentStatus status;

  @Column(name = "wallet_user")
  private String walletUser;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "captured_at")
  private Instant capturedAt;

  @Column(name = "sale_completed_at")
  private Instant saleCompletedAt;

  @Column(name = "refunded_total")
  private long refundedTotal;

  protected WalletPayment() {}

  public static WalletPayment initiated(
      UUID terminalRef,
      UUID merchantId,
      long amount,
      String currency,
      String orderReference,
      Instant now,
      Instant expiresAt) {
    WalletPayment payment = new WalletPayment();
    payment.id = UUID.randomUUID();
    payment.terminalRef = terminalRef;
    payment.merchantId = merchantId;
    payment.amount = amount;
    payment.currency = currency;
    payment.orderReference = orderReference;
    payment.status = WalletPaymentStatus.INITIATED;
    payment.createdAt = now;
    payment.updatedAt = now;
    payment.expiresAt = expiresAt;
    return payment;
  }

  public void issueTo(String user, Instant now) {
    require(WalletPaymentStatus.INITIATED, now);
    walletUser = user;
    move(WalletPaymentStatus.ISSUED_TO_USER, now);
  }

  /** The user confirmed: the amount is reserved on the wallet and captured at once. */
  public void capture(Instant now) {
    require(WalletPaymentStatus.ISSUED_TO_USER, now);
    move(WalletPaymentStatus.RESERVED, now);
    capturedAt = now;
    move(WalletPaymentStatus.CAPTURED, now);
  }

  public void cancel(WalletPaymentStatus cancelled, Instant now) {
    if (!status.isActive() || status == WalletPaymentStatus.RESERVED) {
      throw conflict("not-cancellable", "Wallet payment " + id + " is " + status);
    }
    move(cancelled, now);
  }

  /** Past its deadline without a confirmation; the sweep cancels it. */
  public boolean isOverdue(Instant now) {
    return (status == WalletPaymentStatus.INITIATED || status == WalletPaymentStatus.ISSUED_TO_USER)
        && !expiresAt.isAfter(now);
  }

  /** The till completed the sale with this payment; a payment completes one sale only. */
  public void completeSale(Instant now) {
    if (status != WalletPaymentStatus.CAPTURED) {
      throw conflict("not-captured", "Wallet payment " + id + " is " + status);
    }
    if (saleCompletedAt != null) {
      throw conflict(
          "sale-already-completed", "Wallet payment " + id + " completed a sale already");
    }
    saleCompletedAt = now;
    updatedAt = now;
  }

  public void refunded(long refundAmount, Instant now) {
    refundedTotal += refundAmount;
    updatedAt = now;
  }

  public long remaining() {
    return amount - refundedTotal;
  }

  private void require(WalletPaymentStatus expected, Instant now) {
    if (isOverdue(now)) {
      throw new ProblemException(
          410,
          "wallet-payment-expired",
          "Wallet payment expired",
          "Wallet payment " + id + " expired");
    }
    if (status != expected) {
      throw conflict(
          "wallet-payment-" + status.name().toLowerCase().replace('_', '-'),
          "Wallet payment " + id + " is " + status);
    }
  }

  private void move(WalletPaymentStatus next, Instant now) {
    status = next;
    updatedAt = now;
  }

  private static ProblemException conflict(String type, String detail) {
    return ProblemException.conflict(type, detail);
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

  public long getAmount() {
    return amount;
  }

  public String getCurrency() {
    return currency;
  }

  public String getOrderReference() {
    return orderReference;
  }

  public WalletPaymentStatus getStatus() {
    return status;
  }

  public String getWalletUser() {
    return walletUser;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public Instant getCapturedAt() {
    return capturedAt;
  }

  public Instant getSaleCompletedAt() {
    return saleCompletedAt;
  }

  public long getRefundedTotal() {
    return refundedTotal;
  }
}
