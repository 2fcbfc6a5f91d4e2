package io.tasvie.common.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.Set;

/**
 * An amount of money: a whole count of the currency's minor units plus its ISO 4217 code.
 *
 * <p>Iranian rial amounts count whole rials (exponent 0), as Iranian gateways and the legacy {@code
 * Amnt} do, although ISO 4217 lists IRR with two decimals.
 */
public record Money(long minor, Currency currency) {

  private static final Set<String> WHOLE_UNIT_CURRENCIES = Set.of("IRR");

  public Money {
    Objects.requireNonNull(currency, "currency");
  }

  /**
   * @throws IllegalArgumentException if {@code currencyCode} is not an ISO 4217 code
   */
  public static Money of(long minor, String currencyCode) {
    return new Money(minor, currency(currencyCode));
  }

  /**
   * @throws IllegalArgumentException if {@code code} is not an ISO 4217 code
   */
  public static Currency currency(String code) {
    if (code == null || !code.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code such as IRR or EUR");
    }
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown ISO 4217 currency " + code, e);
    }
  }

  /** Digits after the decimal point in this currency's major unit. */
  public int exponent() {
    return exponent(currency);
  }

  public static int exponent(Currency currency) {
    if (WHOLE_UNIT_CURRENCIES.contains(currency.getCurrencyCode())) {
      return 0;
    }
    return Math.max(0, currency.getDefaultFractionDigits());
  }

  public String currencyCode() {
    return currency.getCurrencyCode();
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.addExact(minor, other.minor), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.subtractExact(minor, other.minor), currency);
  }

  public boolean isPositive() {
    return minor > 0;
  }

  /** The amount in major units, e.g. {@code 40.00} for 4000 euro cents. */
  public BigDecimal toMajor() {
    return BigDecimal.valueOf(minor, exponent());
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "cannot mix " + currency.getCurrencyCode() + " and " + other.currencyCode());
    }
  }

  @Override
  public String toString() {
    return toMajor().toPlainString() + " " + currencyCode();
  }
}
