package io.tasvie.common.country;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Country codes the platform accepts: ISO 3166-1 alpha-2, plus {@code XK} for Kosovo, a
 * user-assigned code that the EU, SWIFT and Kosovo's banks use but ISO does not list.
 */
public final class Countries {

  private static final Set<String> KNOWN = known();

  private Countries() {}

  public static boolean isKnown(String code) {
    return code != null && KNOWN.contains(code);
  }

  private static Set<String> known() {
    Set<String> codes = new HashSet<>(Set.of(Locale.getISOCountries()));
    codes.add("XK");
    return Set.copyOf(codes);
  }
}
