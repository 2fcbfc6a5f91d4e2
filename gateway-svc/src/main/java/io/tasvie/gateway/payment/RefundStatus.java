package io.tasvie.gateway.payment;

/** A refund is PENDING while the acquirer works on it, then SUCCEEDED or FAILED. */
public enum RefundStatus {
  PENDING,
  SUCCEEDED,
  FAILED
}
