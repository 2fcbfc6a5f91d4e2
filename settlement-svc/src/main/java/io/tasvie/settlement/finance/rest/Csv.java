package io.tasvie.settlement.finance.rest;

import java.util.StringJoiner;

/**
 * CSV rows (RFC 4180) that spreadsheets open safely: fields with separators or quotes are quoted,
 * and text starting like a formula ({@code = + - @}) is prefixed with an apostrophe.
 */
final class Csv {

  private final StringBuilder out = new StringBuilder();

  Csv row(Object... fields) {
    StringJoiner row = new StringJoiner(",");
    for (Object field : fields) {
      row.add(field == null ? "" : field(field));
    }
    out.append(row).append("\r\n");
    return this;
  }

  private static String field(Object value) {
    String text = value.toString();
    if (value instanceof CharSequence
        && !text.isEmpty()
        && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      text = "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
