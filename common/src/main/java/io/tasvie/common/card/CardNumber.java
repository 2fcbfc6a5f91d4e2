package io.tasvie.common.card;

import io.tasvie.common.check.Luhn;
import java.util.Objects;

/**
 * A primary account number as it arrives from the payer. It lives only in memory for the length of
 * one authorisation; {@link #toString()} masks it so that it cannot reach a log by accident.
 */
public final class CardNumber {

  private final String digits;

  private CardNumber(String digits) {
    this.digits = digits;
  }

  /**
   * @return the card number, or {@code null} when the input is not 12–19 digits passing the Luhn
   *     check (spaces and dashes between digit groups are allowed)
   */
  public static CardNumber parse(String input) {
    if (input == null) {
      return null;
    }
    String digits = input.replaceAll("[ -]", "");
    if (!digits.matches("[0-9]{12,19}") || !Luhn.isValid(digits)) {
      return null;
    }
    return new CardNumber(digits);
  }

  public String digits() {
    return digits;
  }

  public String bin() {
    return digits.substring(0, 6);
  }

  public String last4() {
    return digits.substring(digits.length() - 4);
  }

  public CardBrand brand() {
    return CardBrand.of(digits);
  }

  /** First six and last four digits around six asterisks, whatever the card's length. */
  public String masked() {
    return mask(bin(), last4());
  }

  public static String mask(String bin, String last4) {
    return bin + "******" + last4;
  }

  @Override
  public String toString() {
    return masked();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CardNumber card && card.digits.equals(digits);
  }

  @Override
  public int hashCode() {
    return Objects.hash(digits);
  }
}
