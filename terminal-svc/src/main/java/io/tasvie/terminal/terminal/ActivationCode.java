package io.tasvie.terminal.terminal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A one-time activation code, kept as its SHA-256 hash: usable once, until it expires. */
@Entity
@Table(name = "activation_code")
public class ActivationCode {

  @Id
  @Column(name = "code_hash")
  private String codeHash;

  @Column(name = "terminal_id")
  private UUID terminalRef;

  @Column(name = "issued_at")
  private Instant issuedAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  @Column(name = "voided_at")
  private Instant voidedAt;

  protected ActivationCode() {}

  public static ActivationCode issued(
      String codeHash, UUID terminalRef, Instant now, Instant expiresAt) {
    ActivationCode code = new ActivationCode();
    code.codeHash = codeHash;
    code.terminalRef = terminalRef;
    code.issuedAt = now;
    code.expiresAt = expiresAt;
    return code;
  }

  public void use(Instant now) {
    usedAt = now;
  }

  public boolean isUsed() {
    return usedAt != null;
  }

  public boolean isVoided() {
    return voidedAt != null;
  }

  public boolean isExpired(Instant now) {
    return !expiresAt.isAfter(now);
  }

  public UUID getTerminalRef() {
    return terminalRef;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }
}
