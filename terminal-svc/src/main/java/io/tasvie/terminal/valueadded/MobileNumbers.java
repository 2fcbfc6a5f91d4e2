package io.tasvie.terminal.valueadded;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.tasvie.common.problem.ProblemException;
import java.util.Map;

/** Iranian mobile numbers as typed ({@code 0912 123 4567}, {@code +98 912…}, Persian digits). */
public final class MobileNumbers {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private MobileNumbers() {}

  /** A valid Iranian mobile number of {@code operator}, in national form ({@code 09121234567}). */
  public static String requireOf(Operator operator, String typed) {
    PhoneNumber number;
    try {
      number = PHONES.parse(typed == null ? "" : typed, "IR");
    } catch (NumberParseException e) {
      throw invalid(typed);
    }
    if (number.getCountryCode() != 98
        || !PHONES.isValidNumberForRegion(number, "IR")
        || PHONES.getNumberType(number) != PhoneNumberType.MOBILE) {
      throw invalid(typed);
    }
    String national = "0" + PHONES.getNationalSignificantNumber(number);
    Operator actual = Operator.ofNumber(national);
    if (actual != operator) {
      throw new ProblemException(
          400,
          "operator-mismatch",
          "Bad request",
          national
              + " is "
              + (actual == null ? "of no operator we sell" : "an " + actual + " number")
              + ", not "
              + operator,
          actual == null ? Map.of() : Map.of("operator", actual.name()));
    }
    return national;
  }

  private static ProblemException invalid(String typed) {
    return ProblemException.badRequest(
        "invalid-mobile-number", "mobileNumber " + typed + " is not an Iranian mobile number");
  }
}
