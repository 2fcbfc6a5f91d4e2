package io.tasvie.common.check;

/** The Luhn (mod 10) check digit of card numbers and Tasvie's settlement tracking numbers. */
public final class Luhn {

  private Luhn() {}

  /** Whether {@code digits} (ASCII digits only) ends in a valid check digit. */
  public static boolean isValid(String digits) {
    return digits.length() >= 2
        && checkDigit(digits.substring(0, digits.length() - 1))
            == digits.charAt(digits.length() - 1) - '0';
  }

  /** The digit to append to {@code digits} (ASCII digits only) to make it valid. */
  public static int checkDigit(String digits) {
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
