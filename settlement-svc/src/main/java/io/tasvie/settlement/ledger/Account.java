package io.tasvie.settlement.ledger;

/** The ledger's accounts; balances are debits less credits. */
public enum Account {
  /** Owed to the platform by acquirers and schemes for captured payments (asset). */
  CLEARING,
  /** Owed to the merchant (liability). */
  MERCHANT_PAYABLE,
  /** Owed to mobile operators and billers for top-ups, internet packages and bills (liability). */
  OPERATOR_PAYABLE,
  /** The platform's fees (income). */
  FEE_INCOME,
  /** Paid out to merchants by bank transfer. */
  BANK
}
