package io.tasvie.terminal.transaction;

import io.tasvie.common.contract.PaymentFacts;

/** A card sale, its refund, or a value-added sale paid by card. */
public enum TransactionType {
  PURCHASE,
  REFUND,
  TOP_UP,
  INTERNET_PACKAGE,
  BILL_PAYMENT;

  /** Money in: everything but a refund. */
  public boolean isSale() {
    return this != REFUND;
  }

  /**
   * Whose money it is: top-up and package money is the operator's, bill money the biller's; the
   * merchant only collected it. The rest is the merchant's.
   */
  public String owedTo() {
    return switch (this) {
      case TOP_UP, INTERNET_PACKAGE -> PaymentFacts.OPERATOR;
      case BILL_PAYMENT -> PaymentFacts.BILLER;
      default -> PaymentFacts.MERCHANT;
    };
  }
}
