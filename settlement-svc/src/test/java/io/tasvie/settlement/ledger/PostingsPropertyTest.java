package io.tasvie.settlement.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

/** Fees and postings for any amount, rate and channel. */
class PostingsPropertyTest {

  @Property
  void aFeeIsNeverNegativeNorMoreThanTheAmount(
      @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long amount,
      @ForAll @IntRange(min = 0, max = Fee.MAX_BPS) int bps,
      @ForAll @LongRange(min = 0, max = 1_000_000_000L) long fixed) {
    long fee = new Fee(bps, fixed).on(amount);
    assertTrue(fee >= 0 && fee <= amount, () -> "fee " + fee + " on " + amount);
  }

  @Property
  void theRatePartIsTheExactRateRoundedHalfUp(
      @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long amount,
      @ForAll @IntRange(min = 0, max = Fee.MAX_BPS) int bps) {
    long fee = new Fee(bps, 0).on(amount);
    BigDecimal exact =
        BigDecimal.valueOf(amount)
            .multiply(BigDecimal.valueOf(bps))
            .divide(BigDecimal.valueOf(Fee.MAX_BPS));
    assertEquals(exact.setScale(0, RoundingMode.HALF_UP).longValueExact(), fee);
  }

  @Example
  void feesOfKnownPayments() {
    assertEquals(1_800, new Fee(150, 0).on(120_000)); // 1.5 % of 120,000 rials
    assertEquals(2_300, new Fee(150, 500).on(120_000)); // plus 500 rials per payment
    assertEquals(1, new Fee(150, 0).on(50)); // 0.75 cent rounds up
    assertEquals(0, new Fee(150, 0).on(33)); // 0.495 cent rounds down
    assertEquals(40, new Fee(0, 500).on(40)); // never more than the payment
  }

  @Property
  void everyPostingBalances(
      @ForAll("channels") String channel,
      @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long amount,
      @ForAll @IntRange(min = 0, max = Fee.MAX_BPS) int bps,
      @ForAll @LongRange(min = 0, max = 10_000_000L) long fixed) {
    long fee = Postings.valueAdded(channel) ? 0 : new Fee(bps, fixed).on(amount);
    assertBalanced(Postings.capture(channel, amount, fee));
    assertBalanced(Postings.refund(channel, amount));
    assertBalanced(Postings.payout(amount));
  }

  @Property
  void valueAddedSalesAreOwedToTheOperatorNeverToTheMerchant(
      @ForAll("valueAdded") String channel,
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long amount) {
    List<Entry> entries = Postings.capture(channel, amount, 0);
    assertTrue(entries.stream().noneMatch(e -> e.account() == Account.MERCHANT_PAYABLE));
    assertEquals(
        amount,
        entries.stream()
            .filter(e -> e.account() == Account.OPERATOR_PAYABLE)
            .mapToLong(Entry::credit)
            .sum());
  }

  @Property
  void aCardSaleOwesTheMerchantTheAmountLessTheFee(
      @ForAll @StringLength(min = 3, max = 10) @AlphaChars String name,
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long amount,
      @ForAll @IntRange(min = 0, max = Fee.MAX_BPS) int bps) {
    String channel = name.toUpperCase(Locale.ROOT);
    Assume.that(!Postings.valueAdded(channel));
    long fee = new Fee(bps, 0).on(amount);
    long owed =
        Postings.capture(channel, amount, fee).stream()
            .filter(e -> e.account() == Account.MERCHANT_PAYABLE)
            .mapToLong(Entry::credit)
            .sum();
    assertEquals(amount - fee, owed);
  }

  @Provide
  Arbitrary<String> channels() {
    return Arbitraries.of(
        "ONLINE", "MPOS", "SOFTPOS", "WALLET", "TOPUP", "INTERNET_PACKAGE", "BILL");
  }

  @Provide
  Arbitrary<String> valueAdded() {
    return Arbitraries.of(Postings.VALUE_ADDED);
  }

  private static void assertBalanced(List<Entry> entries) {
    assertEquals(
        entries.stream().mapToLong(Entry::debit).sum(),
        entries.stream().mapToLong(Entry::credit).sum(),
        entries::toString);
  }
}
