package io.tasvie.gateway.payment;

/**
 * CREATED → AUTHORIZED → CAPTURED (verified by the merchant), or REVERSED (by the merchant or the
 * verify-window sweep); CREATED → DECLINED by the issuer, or EXPIRED unpaid.
 */
public enum PaymentStatus {
  CREATED,
  AUTHORIZED,
  CAPTURED,
  REVERSED,
  DECLINED,
  EXPIRED;

  public boolean isFinal() {
    return this == REVERSED || this == DECLINED || this == EXPIRED;
  }
}
