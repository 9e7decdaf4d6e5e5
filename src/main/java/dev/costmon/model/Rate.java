package dev.costmon.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * A price per quantity of usage, from the config's {@code rates:}, e.g. {@code 2 USD per 1M} or
 * {@code 0.125 USD per GB}: turns usage into an {@code estimate} where a provider gives no money.
 */
public record Rate(Money price, Quantity per) {

  public Rate {
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(per, "per");
    if (per.value().signum() <= 0) {
      throw new IllegalArgumentException("a rate must be per a positive quantity");
    }
  }

  /** Parses {@code "<amount> <currency> per <quantity>"}, e.g. {@code 0.60 USD per 1M}. */
  public static Rate parse(String text) {
    String[] parts = text.trim().split("\\s+per\\s+|\\s*/\\s*", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a rate; write it as '<amount> <currency> per <quantity>', e.g. '2 USD per 1M'");
    }
    return new Rate(Money.parse(parts[0]), Quantity.parse(parts[1]));
  }

  /** What {@code usage} (in the quantity's unit) costs at this rate. */
  public Money cost(BigDecimal usage) {
    return price.times(usage.divide(per.value(), MathContext.DECIMAL128));
  }
}
