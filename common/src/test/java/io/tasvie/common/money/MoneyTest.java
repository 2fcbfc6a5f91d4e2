package io.tasvie.common.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void rialsAreWholeUnitsAlthoughIsoListsTwoDecimals() {
    Money amount = Money.of(120_000, "IRR");
    assertEquals(0, amount.exponent());
    assertEquals(new BigDecimal("120000"), amount.toMajor());
    assertEquals("120000 IRR", amount.toString());
  }

  @Test
  void otherCurrenciesUseTheirIsoExponent() {
    assertEquals(new BigDecimal("40.00"), Money.of(4000, "EUR").toMajor());
    assertEquals(0, Money.of(500, "JPY").exponent());
    assertEquals(3, Money.of(1, "KWD").exponent());
  }

  @Test
  void arithmeticStaysInOneCurrency() {
    assertEquals(Money.of(150, "EUR"), Money.of(100, "EUR").plus(Money.of(50, "EUR")));
    assertEquals(Money.of(-50, "EUR"), Money.of(100, "EUR").minus(Money.of(150, "EUR")));
    assertThrows(
        IllegalArgumentException.class, () -> Money.of(100, "EUR").plus(Money.of(100, "IRR")));
  }

  @Test
  void overflowIsAnErrorNotAWrapAround() {
    assertThrows(
        ArithmeticException.class, () -> Money.of(Long.MAX_VALUE, "IRR").plus(Money.of(1, "IRR")));
  }

  @Test
  void rejectsCodesThatAreNotIso4217() {
    assertThrows(IllegalArgumentException.class, () -> Money.of(1, "XYZ"));
    assertThrows(IllegalArgumentException.class, () -> Money.of(1, "eur"));
    assertThrows(IllegalArgumentException.class, () -> Money.of(1, null));
  }
}
