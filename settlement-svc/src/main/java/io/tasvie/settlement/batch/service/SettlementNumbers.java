package io.tasvie.settlement.batch.service;

import io.tasvie.common.check.Luhn;

/** Settlement tracking numbers (NoTasvie): a sequence number with a Luhn check digit. */
public final class SettlementNumbers {

  private SettlementNumbers() {}

  public static String withCheckDigit(long sequence) {
    String digits = Long.toString(sequence);
    return digits + Luhn.checkDigit(digits);
  }

  public static boolean isValid(String number) {
    return number != null && number.matches("[0-9]{2,}") && Luhn.isValid(number);
  }
}
