package io.tasvie.common.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MultiRowTest {

  @Test
  void numbersEachRowsParametersAfterThePreviousRows() {
    assertEquals(
        "(?1, cast(?2 as jsonb)), (?3, cast(?4 as jsonb)), (?5, cast(?6 as jsonb))",
        MultiRow.values(3, "?", "cast(? as jsonb)"));
    assertEquals("(?1)", MultiRow.values(1, "?"));
  }
}
