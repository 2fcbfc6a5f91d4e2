package io.tasvie.terminal.terminal;

import io.tasvie.common.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One terminal of a merchant: a Bluetooth reader, a SoftPOS device or a till. Its {@code
 * terminalId} ({@code TM000016}) is assigned on approval; its credentials carry {@code
 * credentialVersion}, which activation, re-binding and revocation bump so that older ones are void.
 */
@Entity
@Table(name = "terminal")
public class Terminal {

  @Id private UUID id;

  @Column(name = "terminal_id")
  private String terminalId;

  @Column(name = "merchant_id")
  private UUID merchantId;

  @Enumerated(EnumType.STRING)
  private TerminalKind kind;

  @Enumerated(EnumType.STRING)
  private TerminalStatus status;

  @Enumerated(EnumType.STRING)
  private ReaderModel model;

  @Column(name = "serial_number")
  private String serialNumber;

  @Column(name = "bluetooth_mac")
  private String bluetoothMac;

  @Column(name = "device_id")
  private String deviceId;

  @Column(name = "android_version")
  private Integer androidVersion;

  @Column(name = "qr_id")
  private String qrId;

  @Column(name = "nfc_tag_id")
  private String nfcTagId;

  private String email;
  private String language;
  private String label;
  private String operator;

  @Column(name = "requested_at")
  private Instant requestedAt;

  @Column(name = "decided_at")
  private Instant decidedAt;

  @Column(name = "reject_reason")
  private String rejectReason;

  @Column(name = "activated_at")
  private Instant activatedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "revoke_reason")
  private String revokeReason;

  @Column(name = "credential_version")
  private int credentialVersion;

  @Column(name = "refresh_secret_hash")
  private String refreshSecretHash;

  @Column(name = "supervisor_code_hash")
  private String supervisorCodeHash;

  @Column(name = "supervisor_failures")
  private int supervisorFailures;

  @Column(name = "refunds_locked_until")
  private Instant refundsLockedUntil;

  @Column(name = "paired_at")
  private Instant pairedAt;

  @Column(name = "last_seen_at")
  private Instant lastSeenAt;

  protected Terminal() {}

  /** A new request; the device facts were checked against the kind by the caller. */
  public static Terminal requested(
      UUID merchantId, TerminalKind kind, DeviceFacts device, String email, String language) {
    Terminal terminal = new Terminal();
    terminal.id = UUID.randomUUID();
    terminal.merchantId = merchantId;
    terminal.kind = kind;
    terminal.status = TerminalStatus.REQUESTED;
    terminal.model = device.model();
    terminal.serialNumber = device.serialNumber();
    terminal.bluetoothMac = device.bluetoothMac();
    terminal.deviceId = device.deviceId();
    terminal.androidVersion = device.androidVersion();
    terminal.qrId = device.qrId();
    terminal.nfcTagId = device.nfcTagId();
    terminal.label = device.label();
    terminal.email = email;
    terminal.language = language;
    terminal.requestedAt = Instant.now();
    return terminal;
  }

  public void approve(String assignedTerminalId, Instant now) {
    requireStatus(TerminalStatus.REQUESTED, "approved");
    terminalId = assignedTerminalId;
    status = TerminalStatus.APPROVED;
    decidedAt = now;
  }

  public void reject(String reason, Instant now) {
    requireStatus(TerminalStatus.REQUESTED, "rejected");
    status = TerminalStatus.REJECTED;
    rejectReason = reason;
    decidedAt = now;
  }

  /** Binds the terminal to the device it was activated on; earlier credentials become void. */
  public void activate(String device, String supervisorHash, String refreshHash, Instant now) {
    if (status != TerminalStatus.APPROVED && status != TerminalStatus.ACTIVE) {
      throw ProblemException.conflict(
          "terminal-not-activatable", "Terminal " + terminalId + " is " + status);
    }
    status = TerminalStatus.ACTIVE;
    deviceId = device;
    if (supervisorHash != null) {
      supervisorCodeHash = supervisorHash;
      supervisorFailures = 0;
      refundsLockedUntil = null;
    }
    refreshSecretHash = refreshHash;
    activatedAt = now;
    pairedAt = null;
    credentialVersion++;
  }

  /** Moves the terminal to another device or operator; the old device's credentials are void. */
  public void rebind(String device, String newOperator, String refreshHash) {
    requireStatus(TerminalStatus.ACTIVE, "re-bound");
    if (device != null) {
      deviceId = device;
      pairedAt = null;
    }
    if (newOperator != null) {
      operator = newOperator;
    }
    refreshSecretHash = refreshHash;
    credentialVersion++;
  }

  public void revoke(String reason, Instant now) {
    if (status == TerminalStatus.REJECTED || status == TerminalStatus.REVOKED) {
      throw ProblemException.conflict(
          "terminal-not-revocable", "Terminal " + label() + " is already " + status);
    }
    status = TerminalStatus.REVOKED;
    revokeReason = reason;
    revokedAt = now;
    refreshSecretHash = null;
    credentialVersion++;
  }

  public void paired(Instant now) {
    pairedAt = now;
  }

  /** A wrong supervisor code: after {@code allowed} in a row, refunds are locked until then. */
  public void supervisorCodeFailed(int allowed, Instant lockedUntil) {
    supervisorFailures++;
    if (supervisorFailures >= allowed) {
      supervisorFailures = 0;
      refundsLockedUntil = lockedUntil;
    }
  }

  public void supervisorCodeAccepted() {
    supervisorFailures = 0;
  }

  public boolean refundsLocked(Instant now) {
    return refundsLockedUntil != null && refundsLockedUntil.isAfter(now);
  }

  public boolean isActive() {
    return status == TerminalStatus.ACTIVE;
  }

  /** The terminal ID once assigned, else the request's id (for messages). */
  public String label() {
    return terminalId != null ? terminalId : id.toString();
  }

  private void requireStatus(TerminalStatus expected, String verb) {
    if (status != expected) {
      throw ProblemException.conflict(
          "terminal-" + status.name().toLowerCase(),
          "Terminal " + label() + " is " + status + " and cannot be " + verb);
    }
  }

  public UUID getId() {
    return id;
  }

  public String getTerminalId() {
    return terminalId;
  }

  public UUID getMerchantId() {
    return merchantId;
  }

  public TerminalKind getKind() {
    return kind;
  }

  public TerminalStatus getStatus() {
    return status;
  }

  public ReaderModel getModel() {
    return model;
  }

  public String getSerialNumber() {
    return serialNumber;
  }

  public String getBluetoothMac() {
    return bluetoothMac;
  }

  public String getDeviceId() {
    return deviceId;
  }

  public Integer getAndroidVersion() {
    return androidVersion;
  }

  public String getQrId() {
    return qrId;
  }

  public String getNfcTagId() {
    return nfcTagId;
  }

  public String getEmail() {
    return email;
  }

  public String getLanguage() {
    return language;
  }

  public String getLabel() {
    return label;
  }

  public String getOperator() {
    return operator;
  }

  public Instant getRequestedAt() {
    return requestedAt;
  }

  public Instant getDecidedAt() {
    return decidedAt;
  }

  public String getRejectReason() {
    return rejectReason;
  }

  public Instant getActivatedAt() {
    return activatedAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  public int getCredentialVersion() {
    return credentialVersion;
  }

  public String getRefreshSecretHash() {
    return refreshSecretHash;
  }

  public String getSupervisorCodeHash() {
    return supervisorCodeHash;
  }

  public int getSupervisorFailures() {
    return supervisorFailures;
  }

  public Instant getRefundsLockedUntil() {
    return refundsLockedUntil;
  }

  public Instant getPairedAt() {
    return pairedAt;
  }

  public Instant getLastSeenAt() {
    return lastSeenAt;
  }
}
