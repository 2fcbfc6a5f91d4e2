package io.tasvie.terminal.transaction;

public enum TransactionType {
  PURCHASE,
  REFUND
}
