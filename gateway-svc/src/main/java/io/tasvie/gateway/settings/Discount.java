package io.tasvie.gateway.settings;

import java.math.BigDecimal;

/**
 * A discount for paying by card: a fixed amount in minor units, or a percentage in basis points
 * (250 = 2.5 %) capped at {@code cap} minor units when a cap is set.
 */
public record Discount(Type type, long value, Long cap) {

  public enum Type {
    FIXED,
    PERCENT
  }

  public static final long FULL = 10_000; // basis points in 100 %

  /** What comes off an order of {@code amount}; never more than the amount itself. */
  public long of(long amount) {
    long off =
        switch (type) {
          case FIXED -> value;
          case PERCENT ->
              BigDecimal.valueOf(amount)
                  .multiply(BigDecimal.valueOf(value))
                  .divide(BigDecimal.valueOf(FULL), 0, java.math.RoundingMode.DOWN)
                  .longValueExact();
        };
    if (cap != null) {
      off = Math.min(off, cap);
    }
    return Math.min(off, amount);
  }

  /** As the API shows it: {@code 5000} or {@code 2.5%} (capped at 20000). */
  @Override
  public String toString() {
    String shown =
        type == Type.FIXED
            ? String.valueOf(value)
            : BigDecimal.valueOf(value, 2).stripTrailingZeros().toPlainString() + "%";
    return cap == null ? shown : shown + " capped at " + cap;
  }
}
