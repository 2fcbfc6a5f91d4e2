package io.tasvie.gateway.payment.service;

/** What a merchant's verify (or a legacy PayRep) did. */
public enum VerifyResult {
  /** The authorisation was captured now. */
  VERIFIED,
  /** It had been captured before: the same answer again, nothing changed. */
  ALREADY_VERIFIED,
  /** The merchant expected another amount; nothing captured. */
  AMOUNT_MISMATCH,
  /** The verify window passed; the sweep reverses it. */
  WINDOW_CLOSED,
  /** There is no authorisation to capture: not paid yet, declined, reversed or expired. */
  NOT_AUTHORIZED;

  public boolean isCaptured() {
    return this == VERIFIED || this == ALREADY_VERIFIED;
  }
}
