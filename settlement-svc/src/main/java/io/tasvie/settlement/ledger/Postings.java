package io.tasvie.settlement.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The balanced entries of each kind of posting. Card and wallet sales are owed to the merchant less
 * the fee; value-added sales (top-ups, internet packages, bills) are owed to the operator or biller
 * and never count towards the merchant's payout.
 */
public final class Postings {

  /** Channels whose money belongs to an operator or biller, not to the merchant. */
  public static final Set<String> VALUE_ADDED = Set.of("TOPUP", "INTERNET_PACKAGE", "BILL");

  private Postings() {}

  public static boolean valueAdded(String channel) {
    return VALUE_ADDED.contains(channel);
  }

  /** The account a sale on {@code channel} is owed to. */
  public static Account payable(String channel) {
    return valueAdded(channel) ? Account.OPERATOR_PAYABLE : Account.MERCHANT_PAYABLE;
  }

  /**
   * A captured payment: the acquirer owes the amount; the merchant (or operator) and we share it.
   */
  public static List<Entry> capture(String channel, long amount, long fee) {
    if (fee < 0 || fee > amount) {
      throw new IllegalArgumentException("fee " + fee + " on " + amount);
    }
    List<Entry> entries = new ArrayList<>(3);
    entries.add(Entry.debit(Account.CLEARING, amount));
    if (amount > fee) {
      entries.add(Entry.credit(payable(channel), amount - fee));
    }
    if (fee > 0) {
      entries.add(Entry.credit(Account.FEE_INCOME, fee));
    }
    return entries;
  }

  /** A refund: the merchant (or operator) gives the amount back through the acquirer. */
  public static List<Entry> refund(String channel, long amount) {
    return List.of(Entry.debit(payable(channel), amount), Entry.credit(Account.CLEARING, amount));
  }

  /** A batch paid out to the merchant's bank account. */
  public static List<Entry> payout(long amount) {
    return List.of(
        Entry.debit(Account.MERCHANT_PAYABLE, amount), Entry.credit(Account.BANK, amount));
  }
}
