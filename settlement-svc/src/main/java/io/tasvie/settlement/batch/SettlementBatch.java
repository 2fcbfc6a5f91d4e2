package io.tasvie.settlement.batch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One merchant's settlement for one date and currency: OPEN while payments can still land in it,
 * CLOSED after its cut-off (totals final), PAID once finance paid it out. Lines are added by {@code
 * SettlementService} in SQL; this entity reads batches and moves their status.
 */
@Entity
@Table(name = "settlement_batch")
public class SettlementBatch {

  @Id private UUID id;

  @Column(name = "merchant_id")
  private UUID merchantId;

  private String currency;

  @Column(name = "settlement_date")
  private LocalDate settlementDate;

  @Column(name = "settlement_number")
  private String settlementNumber;

  @Enumerated(EnumType.STRING)
  private BatchStatus status;

  @Column(name = "closes_at")
  private Instant closesAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  @Column(name = "paid_at")
  private Instant paidAt;

  @Column(name = "bank_reference")
  private String bankReference;

  @Column(name = "captured_amount")
  private long capturedAmount;

  @Column(name = "refunded_amount")
  private long refundedAmount;

  @Column(name = "captured_count")
  private int capturedCount;

  @Column(name = "refund_count")
  private int refundCount;

  @Column(name = "created_at")
  private Instant createdAt;

  protected SettlementBatch() {}

  public void close(Instant now) {
    requireStatus(BatchStatus.OPEN);
    status = BatchStatus.CLOSED;
    closedAt = now;
  }

  public void markPaid(String bankReference, Instant now) {
    requireStatus(BatchStatus.CLOSED);
    this.status = BatchStatus.PAID;
    this.bankReference = bankReference;
    this.paidAt = now;
  }

  /** What the merchant is owed: captures less refunds, never below zero (the rest carries on). */
  public long netAmount() {
    return Math.max(0, capturedAmount - refundedAmount);
  }

  private void requireStatus(BatchStatus expected) {
    if (status != expected) {
      throw new IllegalStateException("batch " + id + " is " + status + ", not " + expected);
    }
  }

  public UUID getId() {
    return id;
  }

  public UUID getMerchantId() {
    return merchantId;
  }

  public String getCurrency() {
    return currency;
  }

  public LocalDate getSettlementDate() {
    return settlementDate;
  }

  public String getSettlementNumber() {
    return settlementNumber;
  }

  public BatchStatus getStatus() {
    return status;
  }

  public Instant getClosesAt() {
    return closesAt;
  }

  public Instant getClosedAt() {
    return closedAt;
  }

  public Instant getPaidAt() {
    return paidAt;
  }

  public String getBankReference() {
    return bankReference;
  }

  public long getCapturedAmount() {
    return capturedAmount;
  }

  public long getRefundedAmount() {
    return refundedAmount;
  }

  public int getCapturedCount() {
    return capturedCount;
  }

  public int getRefundCount() {
    return refundCount;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
