package io.tasvie.terminal.transaction;

/**
 * IN_PROGRESS (at the acquirer) → APPROVED | DECLINED; PIN_REQUIRED (waiting for the PIN) →
 * IN_PROGRESS | CANCELLED; an IN_PROGRESS left without outcome (crash) → REVERSED by the sweep.
 */
public enum TransactionStatus {
  IN_PROGRESS,
  PIN_REQUIRED,
  APPROVED,
  DECLINED,
  CANCELLED,
  REVERSED;

  public boolean isActive() {
    return this == IN_PROGRESS || this == PIN_REQUIRED;
  }
}
