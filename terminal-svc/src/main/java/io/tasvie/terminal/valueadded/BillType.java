package io.tasvie.terminal.valueadded;

/** The biller, told by the second-to-last digit of a bill ID. */
public enum BillType {
  WATER(1),
  ELECTRICITY(2),
  GAS(3),
  FIXED_PHONE(4),
  MOBILE(5),
  MUNICIPALITY(6),
  TAX(8),
  TRAFFIC_FINES(9);

  private final int digit;

  BillType(int digit) {
    this.digit = digit;
  }

  /** The type of {@code digit}, or null for a digit no biller uses (0 and 7). */
  static BillType of(int digit) {
    for (BillType type : values()) {
      if (type.digit == digit) {
        return type;
      }
    }
    return null;
  }
}
