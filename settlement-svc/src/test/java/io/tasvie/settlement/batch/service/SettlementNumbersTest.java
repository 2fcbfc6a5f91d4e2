package io.tasvie.settlement.batch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SettlementNumbersTest {

  @Test
  void theCheckDigitIsLuhns() {
    assertEquals("79927398713", SettlementNumbers.withCheckDigit(7992739871L)); // the textbook case
    assertTrue(SettlementNumbers.isValid(SettlementNumbers.withCheckDigit(1000000001L)));
  }

  @Test
  void aMistypedDigitOrSwapIsCaught() {
    String number = SettlementNumbers.withCheckDigit(1000000042L);
    String mistyped =
        number.substring(0, 3) + ((number.charAt(3) - '0' + 1) % 10) + number.substring(4);
    assertFalse(SettlementNumbers.isValid(mistyped));
    assertFalse(SettlementNumbers.isValid("12a4"));
    assertFalse(SettlementNumbers.isValid(null));
  }
}
