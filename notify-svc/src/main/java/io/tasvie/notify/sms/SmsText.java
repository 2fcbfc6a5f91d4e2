package io.tasvie.notify.sms;

/**
 * How a text goes over SMS (3GPP TS 23.038 / 23.040): in the GSM 7-bit default alphabet when every
 * character is in it (extension characters such as {@code €} take two septets), otherwise UCS-2;
 * one message up to 160 septets or 70 UCS-2 units, else concatenated segments of 153 or 67 (the
 * rest is the user data header), never splitting an escape pair or a surrogate pair.
 */
public record SmsText(String text, Encoding encoding, int units, int segments) {

  public enum Encoding {
    GSM_7(160, 153),
    UCS_2(70, 67);

    final int single;
    final int perSegment;

    Encoding(int single, int perSegment) {
      this.single = single;
      this.perSegment = perSegment;
    }
  }

  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String EXTENSION = "\f^{}\\[~]|€";

  public static SmsText of(String text) {
    boolean gsm = text.codePoints().allMatch(c -> septets(c) > 0);
    Encoding encoding = gsm ? Encoding.GSM_7 : Encoding.UCS_2;
    int units = 0;
    int segments = 1;
    int inSegment = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int size = gsm ? septets(codePoint) : Character.charCount(codePoint);
      units += size;
      if (inSegment + size > encoding.perSegment) {
        segments++;
        inSegment = 0;
      }
      inSegment += size;
      i += Character.charCount(codePoint);
    }
    return new SmsText(text, encoding, units, units <= encoding.single ? 1 : segments);
  }

  /** Septets of a character in the GSM 7-bit alphabet, 0 if it has none. */
  private static int septets(int codePoint) {
    if (codePoint < 0x10000 && BASIC.indexOf(codePoint) >= 0 && codePoint != 0x1B) {
      return 1;
    }
    return codePoint < 0x10000 && EXTENSION.indexOf(codePoint) >= 0 ? 2 : 0;
  }
}
