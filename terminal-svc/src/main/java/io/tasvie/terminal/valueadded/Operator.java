package io.tasvie.terminal.valueadded;

import java.util.List;
import java.util.Set;

/**
 * The Iranian mobile operators the sandbox sells top-ups and internet packages of: their number
 * prefixes, the charge types they offer and the amounts (in rials) they accept — MCI fixed
 * denominations, MTN Irancell and RighTel a range in steps of 10,000.
 */
public enum Operator {
  MCI(
      List.of(
          "0910", "0911", "0912", "0913", "0914", "0915", "0916", "0917", "0918", "0919", "0990",
          "0991", "0992", "0993", "0994"),
      Set.of(ChargeType.NORMAL, ChargeType.PERMANENT),
      List.of(100_000L, 200_000L, 500_000L, 1_000_000L, 2_000_000L),
      0,
      0),
  MTN(
      List.of(
          "0901", "0902", "0903", "0904", "0905", "0930", "0933", "0935", "0936", "0937", "0938",
          "0939", "0941"),
      Set.of(ChargeType.NORMAL, ChargeType.AMAZING, ChargeType.PERMANENT),
      List.of(),
      50_000,
      5_000_000),
  RTL(
      List.of("0920", "0921", "0922"),
      Set.of(ChargeType.NORMAL, ChargeType.AMAZING),
      List.of(),
      50_000,
      2_000_000);

  /** Normal, "amazing" (شگفت‌انگیز, bonus credit) and permanent (دائمی, for permanent lines). */
  public enum ChargeType {
    NORMAL,
    AMAZING,
    PERMANENT
  }

  static final long STEP = 10_000;

  private final List<String> prefixes;
  private final Set<ChargeType> chargeTypes;
  private final List<Long> denominations;
  private final long min;
  private final long max;

  Operator(
      List<String> prefixes,
      Set<ChargeType> chargeTypes,
      List<Long> denominations,
      long min,
      long max) {
    this.prefixes = prefixes;
    this.chargeTypes = chargeTypes;
    this.denominations = denominations;
    this.min = min;
    this.max = max;
  }

  /** The operator of a national number such as {@code 09121234567}, or null. */
  public static Operator ofNumber(String national) {
    for (Operator operator : values()) {
      if (operator.prefixes.stream().anyMatch(national::startsWith)) {
        return operator;
      }
    }
    return null;
  }

  public boolean offers(ChargeType chargeType) {
    return chargeTypes.contains(chargeType);
  }

  public boolean accepts(long amount) {
    return denominations.isEmpty()
        ? amount >= min && amount <= max && amount % STEP == 0
        : denominations.contains(amount);
  }

  /** What {@link #accepts} allows, for the error that refuses an amount. */
  public String amounts() {
    return denominations.isEmpty()
        ? min + " to " + max + " rials in steps of " + STEP
        : "one of " + denominations + " rials";
  }

  public Set<ChargeType> chargeTypes() {
    return chargeTypes;
  }
}
