package io.tasvie.terminal.wallet;

/**
 * INITIATED (the till asked) → ISSUED_TO_USER (a wallet user checked in) → RESERVED → CAPTURED (the
 * user confirmed); or CANCELLED_BY_CLIENT (the till), CANCELLED_BY_USER (the user rejected),
 * EXPIRED_AND_CANCELLED (nobody confirmed in time).
 */
public enum WalletPaymentStatus {
  INITIATED,
  ISSUED_TO_USER,
  RESERVED,
  CAPTURED,
  CANCELLED_BY_CLIENT,
  CANCELLED_BY_USER,
  EXPIRED_AND_CANCELLED;

  public boolean isActive() {
    return this == INITIATED || this == ISSUED_TO_USER || this == RESERVED;
  }
}
