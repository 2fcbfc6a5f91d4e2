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

  @Column(name = "fee_amount")
  private long feeAmount;

  @Column(name = "operator_amount")
  private long operatorAmount;

  @Column(name = "carried_in")
  private long carriedIn;

  @Column(name = "payout_amount")
  private Long payoutAmount;

  @Column(name = "carried_out")
  private Long carriedOut;

  @Column(name = "created_at")
  private Instant createdAt;

  protected SettlementBatch() {}

  /**
   * Closes the batch, taking over {@code debt} (what earlier batches could not cover): the payout
   * is the net if positive, otherwise nothing, and the shortfall is answered to carry forward.
   */
  public long close(Instant now, long debt) {
    requireStatus(BatchStatus.OPEN);
    carriedIn = debt;
    long net = netAmount();
    payoutAmount = Math.max(0, net);
    carriedOut = Math.max(0, -net);
    status = BatchStatus.CLOSED;
    closedAt = now;
    return carriedOut;
  }

  public void markPaid(String bankReference, Instant now) {
    requireStatus(BatchStatus.CLOSED);
    this.status = BatchStatus.PAID;
    this.bankReference = bankReference;
    this.paidAt = now;
  }

  /**
   * What the merchant is owed: captures less refunds, fees, what belongs to operators and billers,
   * and debt carried in; negative when refunds outweigh sales (then nothing is paid out).
   */
  public long netAmount() {
    return capturedAmount - refundedAmount - feeAmount - operatorAmount - carriedIn;
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

  public long getFeeAmount() {
    return feeAmount;
  }

  public long getOperatorAmount() {
    return operatorAmount;
  }

  public long getCarriedIn() {
    return carriedIn;
  }

  /** Set at close: what finance pays out, never negative. */
  public Long getPayoutAmount() {
    return payoutAmount;
  }

  /** Set at close: debt passed on to the merchant's next batch. */
  public Long getCarriedOut() {
    return carriedOut;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
