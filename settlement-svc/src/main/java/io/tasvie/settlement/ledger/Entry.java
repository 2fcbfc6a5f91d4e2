package io.tasvie.settlement.ledger;

/** One side of a posting: exactly one of {@code debit} and {@code credit} is positive. */
public record Entry(Account account, long debit, long credit) {

  public Entry {
    if (debit < 0 || credit < 0 || (debit == 0) == (credit == 0)) {
      throw new IllegalArgumentException(account + " debit " + debit + " credit " + credit);
    }
  }

  static Entry debit(Account account, long amount) {
    return new Entry(account, amount, 0);
  }

  static Entry credit(Account account, long amount) {
    return new Entry(account, 0, amount);
  }
}
