package io.tasvie.gateway.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Part or all of a captured payment paid back to the card. */
@Entity
@Table(name = "refund")
public class Refund {

  @Id private UUID id;

  @Column(name = "payment_id", nullable = false, updatable = false)
  private UUID paymentId;

  private long amount;
  private String reason;

  @Enumerated(EnumType.STRING)
  private RefundStatus status;

  private String rrn;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "completed_at")
  private Instant completedAt;

  protected Refund() {}

  public static Refund succeeded(
      UUID paymentId, long amount, String reason, String rrn, Instant now) {
    Refund refund = new Refund();
    refund.id = UUID.randomUUID();
    refund.paymentId = paymentId;
    refund.amount = amount;
    refund.reason = reason;
    refund.status = RefundStatus.SUCCEEDED;
    refund.rrn = rrn;
    refund.createdAt = now;
    refund.completedAt = now;
    return refund;
  }

  public UUID getId() {
    return id;
  }

  public UUID getPaymentId() {
    return paymentId;
  }

  public long getAmount() {
    return amount;
  }

  public String getReason() {
    return reason;
  }

  public RefundStatus getStatus() {
    return status;
  }

  public String getRrn() {
    return rrn;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getCompletedAt() {
    return completedAt;
  }
}
