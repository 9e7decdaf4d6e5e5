package dev.costmon.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount in one ISO 4217 currency. All money arithmetic in costmon goes through this type;
 * amounts are never rounded except by {@link #display()}.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
  }

  public static Money of(String amount, String currency) {
    return new Money(new BigDecimal(amount), Currency.getInstance(currency));
  }

  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /**
   * Parses {@code "20 USD"}, {@code "6.00 EUR"} or {@code "EUR 6"}: a plain decimal and an ISO code.
   *
   * @throws IllegalArgumentException with a message fit for a configuration error
   */
  public static Money parse(String text) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an amount; write it as a number and an ISO currency, e.g. '20 USD'");
    }
    boolean codeFirst = isIsoShape(parts[0]);
    String number = codeFirst ? parts[1] : parts[0];
    String code = codeFirst ? parts[0] : parts[1];
    BigDecimal amount;
    try {
      amount = new BigDecimal(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + number + "' in '" + text + "' is not a decimal number");
    }
    return new Money(amount, currency(code));
  }

  /** An ISO 4217 code, upper case, or a readable error. */
  public static Currency currency(String code) {
    if (!isIsoShape(code)) {
      throw new IllegalArgumentException("'" + code + "' is not an ISO 4217 currency code like USD or EUR");
    }
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + code + "' is not an ISO 4217 currency code like USD or EUR");
    }
  }

  // Checked by hand: String.matches compiles its pattern on every call, and this runs for every
  // stored figure read (Observation's constructor), a million times in a long export.
  private static boolean isIsoShape(String code) {
    if (code == null || code.length() != 3) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      char c = code.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  public Money times(BigDecimal factor) {
    return new Money(amount.multiply(factor), currency);
  }

  /** This amount in another currency at {@code rate} units of the target per unit of this one. */
  public Money convert(Currency target, BigDecimal rate) {
    return new Money(amount.multiply(rate), target);
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  /** The amount rounded half-even to the currency's minor unit, for display only. */
  public String displayAmount() {
    int digits = Math.max(currency.getDefaultFractionDigits(), 0);
    return amount.setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** For display only, e.g. {@code 12.35 USD}. */
  public String display() {
    return displayAmount() + " " + currency.getCurrencyCode();
  }

  /** Exact, for JSON/CSV and storage: {@code 12.3456 USD}. */
  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "cannot combine " + currency.getCurrencyCode() + " and " + other.currency.getCurrencyCode()
              + " without a conversion rate");
    }
  }
}
