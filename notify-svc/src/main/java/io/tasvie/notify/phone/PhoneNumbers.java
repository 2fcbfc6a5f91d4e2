package io.tasvie.notify.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Mobile numbers as a cashier types them ({@code 383 44 123 456}, {@code +383 44 123 456}, {@code
 * 0912 345 6789}, {@code ۰۹۱۲۳۴۵۶۷۸۹}), read with libphonenumber in the merchant's country, to
 * E.164. Anything that cannot receive an SMS is refused with the reason.
 */
public final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Pattern TYPED = Pattern.compile("[+]?[\\p{Nd}\\s().\\-]{1,30}");
  private static final Set<PhoneNumberType> MOBILE =
      Set.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);

  /** In {@code served}: numbers of every country are accepted (for looking messages up). */
  public static final String ANY_COUNTRY = "*";

  private PhoneNumbers() {}

  /** Why a number was refused; {@link #message()} is for the cashier. */
  public enum Refusal {
    NOT_A_NUMBER("is not a phone number: only digits, spaces, +, -, ( and ) are allowed"),
    INVALID("is not a valid phone number"),
    NOT_MOBILE("is not a mobile number, so it cannot receive an SMS"),
    OTHER_COUNTRY("is a number of a country the merchant does not serve");

    private final String message;

    Refusal(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }

  /** The number in E.164, or the reason it was refused. */
  public record Result(String e164, Refusal refusal) {

    public boolean accepted() {
      return e164 != null;
    }
  }

  /**
   * Reads {@code typed} as a mobile number of {@code region} (ISO 3166-1, the merchant's country)
   * or of one of {@code served}: a number with its country code but without {@code +} ({@code 383
   * 44 123 456} in Kosovo) is read as international.
   */
  public static Result mobile(String typed, String region, Set<String> served) {
    if (typed == null || !TYPED.matcher(typed.strip()).matches()) {
      return new Result(null, Refusal.NOT_A_NUMBER);
    }
    PhoneNumber number = parse(typed.strip(), region);
    if (number == null || !UTIL.isValidNumber(number)) {
      return new Result(null, Refusal.INVALID);
    }
    if (!MOBILE.contains(UTIL.getNumberType(number))) {
      return new Result(null, Refusal.NOT_MOBILE);
    }
    String country = UTIL.getRegionCodeForNumber(number);
    if (!country.equals(region) && !served.contains(country) && !served.contains(ANY_COUNTRY)) {
      return new Result(null, Refusal.OTHER_COUNTRY);
    }
    return new Result(UTIL.format(number, PhoneNumberFormat.E164), null);
  }

  /**
   * The national reading, or the international one when the digits start with the country code
   * ({@code 383 44 123 456}): whichever is a mobile number wins, since that is what a cashier types
   * a number for.
   */
  private static PhoneNumber parse(String typed, String region) {
    PhoneNumber national = tryParse(typed, region);
    String digits = PhoneNumberUtil.normalizeDigitsOnly(typed);
    if (typed.startsWith("+")
        || !digits.startsWith(Integer.toString(UTIL.getCountryCodeForRegion(region)))
        || isValidMobile(national)) {
      return national;
    }
    PhoneNumber international = tryParse("+" + digits, region);
    return isValidMobile(international) ? international : national;
  }

  private static boolean isValidMobile(PhoneNumber number) {
    return number != null
        && UTIL.isValidNumber(number)
        && MOBILE.contains(UTIL.getNumberType(number));
  }

  private static PhoneNumber tryParse(String typed, String region) {
    try {
      return UTIL.parse(typed, region);
    } catch (NumberParseException e) {
      return null;
    }
  }
}
