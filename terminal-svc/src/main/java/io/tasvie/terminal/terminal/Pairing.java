package io.tasvie.terminal.terminal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to pair a Bluetooth reader with the merchant's phone: the phone shows a 6-digit
 * security code, the cashier types it on the reader. PENDING → PAIRED | VOIDED (too many wrong
 * codes, or a newer pairing) | EXPIRED.
 */
@Entity
@Table(name = "pairing")
public class Pairing {

  public enum Status {
    PENDING,
    PAIRED,
    VOIDED,
    EXPIRED
  }

  @Id private UUID id;

  @Column(name = "terminal_id")
  private UUID terminalRef;

  @Column(name = "code_hash")
  private String codeHash;

  @Enumerated(EnumType.STRING)
  private Status status;

  private int failures;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "decided_at")
  private Instant decidedAt;

  protected Pairing() {}

  public static Pairing started(UUID terminalRef, String codeHash, Instant now, Instant expiresAt) {
    Pairing pairing = new Pairing();
    pairing.id = UUID.randomUUID();
    pairing.terminalRef = terminalRef;
    pairing.codeHash = codeHash;
    pairing.status = Status.PENDING;
    pairing.createdAt = now;
    pairing.expiresAt = expiresAt;
    return pairing;
  }

  /**
   * Applies one typed code: a match pairs, an expired pairing expires, and the {@code allowed}-th
   * wrong code voids it.
   */
  public Status confirm(boolean codeMatches, int allowed, Instant now) {
    if (status != Status.PENDING) {
      return status;
    }
    if (!expiresAt.isAfter(now)) {
      return decide(Status.EXPIRED, now);
    }
    if (codeMatches) {
      return decide(Status.PAIRED, now);
    }
    failures++;
    return failures >= allowed ? decide(Status.VOIDED, now) : status;
  }

  private Status decide(Status outcome, Instant now) {
    status = outcome;
    decidedAt = now;
    return outcome;
  }

  public UUID getId() {
    return id;
  }

  public UUID getTerminalRef() {
    return terminalRef;
  }

  public String getCodeHash() {
    return codeHash;
  }

  public Status getStatus() {
    return status;
  }

  public int getFailures() {
    return failures;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }
}
