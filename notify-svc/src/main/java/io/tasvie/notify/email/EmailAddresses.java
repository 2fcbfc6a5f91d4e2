package io.tasvie.notify.email;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail addresses the platform sends to: one mailbox, local part and a domain with a dot, no
 * spaces, quotes or control characters, so that nothing can inject a header or a second recipient.
 */
public final class EmailAddresses {

  private static final Pattern ADDRESS =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
              + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

  private EmailAddresses() {}

  /** The address with its domain in lower case, or null when it is not one we send to. */
  public static String normalise(String address) {
    if (address == null || address.length() > 254 || !ADDRESS.matcher(address).matches()) {
      return null;
    }
    int at = address.lastIndexOf('@');
    return address.substring(0, at) + "@" + address.substring(at + 1).toLowerCase(Locale.ROOT);
  }
}
