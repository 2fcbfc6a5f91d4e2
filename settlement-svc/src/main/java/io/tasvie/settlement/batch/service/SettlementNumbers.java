package io.tasvie.settlement.batch.service;

/** Settlement tracking numbers (NoTasvie): a sequence number with a Luhn check digit. */
public final class SettlementNumbers {

  private SettlementNumbers() {}

  public static String withCheckDigit(long sequence) {
    String digits = Long.toString(sequence);
    return digits + luhnDigit(digits);
  }

  public static boolean isValid(String number) {
    return number != null
        && number.matches("[0-9]{2,}")
        && luhnDigit(number.substring(0, number.length() - 1))
            == number.charAt(number.length() - 1) - '0';
  }

  private static int luhnDigit(String digits) {
    int sum = 0;
    boolean doubled = true; // the check digit will sit to the right
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return (10 - sum % 10) % 10;
  }
}
