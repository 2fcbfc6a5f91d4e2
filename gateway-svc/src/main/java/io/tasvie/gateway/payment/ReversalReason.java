package io.tasvie.gateway.payment;

public enum ReversalReason {
  /** The merchant asked for it before verifying. */
  MERCHANT,
  /** Nobody verified the payment within the verify window. */
  VERIFY_WINDOW_EXPIRED
}
