package io.tasvie.common.sql;

/**
 * The {@code VALUES} list of a multi-row insert with numbered parameters: {@code values(2, "?",
 * "cast(? as jsonb)")} is {@code (?1, cast(?2 as jsonb)), (?3, cast(?4 as jsonb))}; row {@code r}'s
 * column {@code c} is parameter {@code r * columns + c + 1}.
 */
public final class MultiRow {

  private MultiRow() {}

  /** Each column is an SQL expression with one {@code ?}, numbered here. */
  public static String values(int rows, String... columns) {
    StringBuilder values = new StringBuilder();
    for (int row = 0; row < rows; row++) {
      values.append(row == 0 ? "(" : ", (");
      for (int column = 0; column < columns.length; column++) {
        values
            .append(column == 0 ? "" : ", ")
            .append(columns[column].replace("?", "?" + (row * columns.length + column + 1)));
      }
      values.append(')');
    }
    return values.toString();
  }
}
