package io.tasvie.settlement.batch;

public enum BatchStatus {
  OPEN,
  CLOSED,
  PAID
}
