package io.tasvie.terminal.transaction;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A refund the merchant's supervisor approved in the back office (with the supervisor code); the
 * terminal then refunds with its id instead of the code, once, before it expires.
 */
@Entity
@Table(name = "refund_approval")
public class RefundApproval {

  @Id private UUID id;

  @Column(name = "terminal_id")
  private UUID terminalRef;

  @Column(name = "original_id")
  private UUID originalId;

  private long amount;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  protected RefundApproval() {}

  public static RefundApproval of(
      UUID terminalRef, UUID originalId, long amount, Instant now, Instant expiresAt) {
    RefundApproval approval = new RefundApproval();
    approval.id = UUID.randomUUID();
    approval.terminalRef = terminalRef;
    approval.originalId = originalId;
    approval.amount = amount;
    approval.createdAt = now;
    approval.expiresAt = expiresAt;
    return approval;
  }

  public boolean usableFor(UUID terminal, UUID original, long refundAmount, Instant now) {
    return usedAt == null
        && expiresAt.isAfter(now)
        && terminalRef.equals(terminal)
        && originalId.equals(original)
        && amount == refundAmount;
  }

  public void use(Instant now) {
    usedAt = now;
  }

  public UUID getId() {
    return id;
  }

  public UUID getOriginalId() {
    return originalId;
  }

  public long getAmount() {
    return amount;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }
}
