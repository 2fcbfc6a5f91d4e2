package io.tasvie.common.check;

/**
 * The one rule for client-supplied text at every edge (JSON bodies, forms, query and path
 * parameters, stored headers, WebSocket frames): no NUL or other C0 control character except tab,
 * CR and LF, no DEL, and no lone UTF-16 surrogate. PostgreSQL cannot store NUL, a lone surrogate
 * would be stored as {@code ?}, and control characters forge log lines and break receipts.
 */
public final class Text {

  private Text() {}

  /** The index of the first character the rule refuses in {@code text}, or -1 if it is clean. */
  public static int firstForbidden(CharSequence text) {
    if (text == null) {
      return -1;
    }
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x20) {
        if (c != '\t' && c != '\n' && c != '\r') {
          return i;
        }
      } else if (c == 0x7f) {
        return i;
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the rule accepts {@code text} (null is accepted: absence is checked elsewhere). */
  public static boolean isClean(CharSequence text) {
    return firstForbidden(text) < 0;
  }

  /** Why {@code text} is refused, for the detail of an error, or null if it is clean. */
  public static String whyRefused(CharSequence text) {
    int i = firstForbidden(text);
    if (i < 0) {
      return null;
    }
    char c = text.charAt(i);
    String what =
        Character.isSurrogate(c)
            ? "a lone UTF-16 surrogate"
            : String.format("the control character U+%04X", (int) c);
    return "contains " + what + " at position " + i;
  }

  /**
   * {@code text} made safe for one log line: control characters and lone surrogates escaped as
   * {@code \\uXXXX}, so client text can never start a log line of its own.
   */
  public static String forLog(CharSequence text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1));
      boolean escape =
          c < 0x20
              || c == 0x7f
              || c == 0x2028
              || c == 0x2029
              || (Character.isSurrogate(c) && !pair);
      if (escape && out == null) {
        out = new StringBuilder(n + 16).append(text, 0, i);
      }
      if (escape) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
        if (pair) {
          out.append(text.charAt(i + 1));
        }
      }
      if (pair) {
        i++;
      }
    }
    return out == null ? text.toString() : out.toString();
  }
}
