package io.tasvie.settlement.contract;

import com.prowidesoftware.swift.model.IBAN;
import com.prowidesoftware.swift.model.IbanValidationResult;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * IBAN checks (ISO 13616): Prowide's per-country rules, and for countries Prowide has none for
 * (Iran's Sheba numbers among them) the length we know and the mod-97 check digits.
 */
public final class Iban {

  private static final Map<String, Integer> LENGTHS_PROWIDE_LACKS = Map.of("IR", 26);
  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  private Iban() {}

  /** The IBAN in electronic form (no spaces, upper case), or null when it is not valid. */
  public static String normalise(String value) {
    String iban = value.replace(" ", "").toUpperCase(Locale.ROOT);
    IbanValidationResult result = IBAN.validate(iban);
    if (result == IbanValidationResult.OK) {
      return iban;
    }
    boolean checkable =
        result == IbanValidationResult.MISSING_BBAN_CONFIGURATION
            && iban.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]+")
            && LENGTHS_PROWIDE_LACKS.getOrDefault(iban.substring(0, 2), -1) == iban.length();
    return checkable && mod97(iban) == 1 ? iban : null;
  }

  private static int mod97(String iban) {
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    StringBuilder digits = new StringBuilder(rearranged.length() * 2);
    for (char c : rearranged.toCharArray()) {
      digits.append(Character.getNumericValue(c));
    }
    return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue();
  }
}
