package io.tasvie.notify.sms;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How a text goes over SMS (3GPP TS 23.038 / 23.040): in the GSM 7-bit default alphabet when every
 * character is in it (extension characters such as {@code €} take two septets), otherwise UCS-2;
 * one message up to 160 septets or 70 UCS-2 units, else concatenated parts of 153 or 67 (the rest
 * is the user data header), never splitting an escape pair or a surrogate pair.
 */
public record SmsText(String text, Encoding encoding, int units, List<String> parts) {

  public enum Encoding {
    /** SMPP data_coding 0x00, one septet per octet. */
    GSM_7(160, 153, (byte) 0x00),
    /** SMPP data_coding 0x08, UTF-16BE. */
    UCS_2(70, 67, (byte) 0x08);

    final int single;
    final int perSegment;
    private final byte dataCoding;

    Encoding(int single, int perSegment, byte dataCoding) {
      this.single = single;
      this.perSegment = perSegment;
      this.dataCoding = dataCoding;
    }

    public byte dataCoding() {
      return dataCoding;
    }
  }

  /** The GSM 03.38 default alphabet in code order (0x1B is the escape to the extension table). */
  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** The extension table's characters and, at the same index, their codes after the escape. */
  private static final String EXTENSION = "\f^{}\\[~]|€";

  private static final byte[] EXTENSION_CODES = {
    0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65
  };

  public static SmsText of(String text) {
    boolean gsm = text.codePoints().allMatch(c -> septets(c) > 0);
    Encoding encoding = gsm ? Encoding.GSM_7 : Encoding.UCS_2;
    int units = 0;
    List<String> parts = new ArrayList<>();
    int partStart = 0;
    int inPart = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int size = gsm ? septets(codePoint) : Character.charCount(codePoint);
      units += size;
      if (inPart + size > encoding.perSegment) {
        parts.add(text.substring(partStart, i));
        partStart = i;
        inPart = 0;
      }
      inPart += size;
      i += Character.charCount(codePoint);
    }
    parts.add(text.substring(partStart));
    return new SmsText(text, encoding, units, units <= encoding.single ? List.of(text) : parts);
  }

  /**
   * {@code formatted}, a number as a locale writes it, with each grouping or space separator
   * outside the GSM 7-bit basic set written as a plain space, where that leaves the whole number in
   * GSM-7: one such character (the no-break space that Albanian, Swedish and Norwegian group
   * thousands with, French's narrow one) would make the whole SMS UCS-2, up to twice the segments.
   * A number in another script (Persian digits) keeps its own separators: it goes as UCS-2 whatever
   * they are.
   */
  public static String withGsmSeparators(String formatted, char grouping) {
    StringBuilder plain = new StringBuilder(formatted.length());
    formatted
        .codePoints()
        .forEach(
            c ->
                plain.appendCodePoint(
                    !basic(c)
                            && (c == grouping || Character.getType(c) == Character.SPACE_SEPARATOR)
                        ? ' '
                        : c));
    return plain.codePoints().allMatch(c -> septets(c) > 0) ? plain.toString() : formatted;
  }

  /** How many SMS the text is sent (and billed) as. */
  public int segments() {
    return parts.size();
  }

  /** A part's octets in this text's encoding, as SMPP's short_message carries them. */
  public byte[] octets(String part) {
    if (encoding == Encoding.UCS_2) {
      return part.getBytes(StandardCharsets.UTF_16BE);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(part.length());
    part.codePoints()
        .forEach(
            c -> {
              int basic = BASIC.indexOf(c);
              if (basic >= 0 && c != 0x1B) {
                out.write(basic);
              } else {
                out.write(0x1B);
                out.write(EXTENSION_CODES[EXTENSION.indexOf(c)]);
              }
            });
    return out.toByteArray();
  }

  /** Septets of a character in the GSM 7-bit alphabet, 0 if it has none. */
  private static int septets(int codePoint) {
    if (basic(codePoint)) {
      return 1;
    }
    return codePoint < 0x10000 && EXTENSION.indexOf(codePoint) >= 0 ? 2 : 0;
  }

  /** Whether a character is in the GSM 7-bit default alphabet proper (one septet, no escape). */
  private static boolean basic(int codePoint) {
    return codePoint < 0x10000 && BASIC.indexOf(codePoint) >= 0 && codePoint != 0x1B;
  }
}
