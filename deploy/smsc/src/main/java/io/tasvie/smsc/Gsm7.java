package io.tasvie.smsc;

/**
 * Decodes the GSM 03.38 default alphabet as SMPP carries it with data_coding 0 (one septet per
 * octet, unpacked). The SMSC decodes on its own, from the standard's table, so that a test reading
 * what it received checks the client's encoder rather than trusting it.
 */
final class Gsm7 {

  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  private Gsm7() {}

  static String decode(byte[] septets) {
    StringBuilder text = new StringBuilder(septets.length);
    for (int i = 0; i < septets.length; i++) {
      int code = septets[i] & 0x7F;
      if (code == 0x1B && i + 1 < septets.length) {
        text.append(extension(septets[++i] & 0x7F));
      } else {
        text.append(BASIC.charAt(code));
      }
    }
    return text.toString();
  }

  private static char extension(int code) {
    return switch (code) {
      case 0x0A -> '\f';
      case 0x14 -> '^';
      case 0x28 -> '{';
      case 0x29 -> '}';
      case 0x2F -> '\\';
      case 0x3C -> '[';
      case 0x3D -> '~';
      case 0x3E -> ']';
      case 0x40 -> '|';
      case 0x65 -> '€';
      default -> ' ';
    };
  }
}
