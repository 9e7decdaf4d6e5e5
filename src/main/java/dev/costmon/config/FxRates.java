package dev.costmon.config;

import dev.costmon.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Conversion rates into the reporting currency, from the config: {@code EUR: 1.08} means one euro is
 * 1.08 units of the reporting currency. The rate used is shown next to converted figures.
 *
 * @param source where rates not written here come from ({@code fx: {source: ecb}}) and how old they may be
 */
public record FxRates(Currency reporting, Map<Currency, BigDecimal> toReporting, FxSource source) {

  public FxRates {
    Objects.requireNonNull(reporting, "reporting");
    toReporting = Map.copyOf(toReporting);
    Objects.requireNonNull(source, "source");
  }

  /** Only the rates written here. */
  public FxRates(Currency reporting, Map<Currency, BigDecimal> toReporting) {
    this(reporting, toReporting, FxSource.NONE);
  }

  /**
   * Whether {@code from} can be converted once rates are stored: a rate written here, or one the
   * source publishes (fetched by {@code collect}). What the config load and a collect check.
   */
  public boolean canObtain(Currency from) {
    return canConvert(from) || source.publishes(from) && source.publishes(reporting);
  }

  /** Units of the reporting currency per unit of {@code from}; 1 for the reporting currency itself. */
  public Optional<BigDecimal> rate(Currency from) {
    if (from.equals(reporting)) {
      return Optional.of(BigDecimal.ONE);
    }
    return Optional.ofNullable(toReporting.get(from));
  }

  public boolean canConvert(Currency from) {
    return rate(from).isPresent();
  }

  public Money toReporting(Money money) {
    return convert(money, reporting);
  }

  /** Converts through the reporting currency; a missing rate is a configuration error. */
  public Money convert(Money money, Currency target) {
    if (money.currency().equals(target)) {
      return money;
    }
    BigDecimal from = require(money.currency());
    BigDecimal to = require(target);
    BigDecimal inReporting = money.amount().multiply(from);
    BigDecimal amount = to.compareTo(BigDecimal.ONE) == 0
        ? inReporting
        : inReporting.divide(to, MathContext.DECIMAL128);
    return new Money(amount, target);
  }

  private BigDecimal require(Currency currency) {
    return rate(currency).orElseThrow(() -> new ConfigException(missing(currency)));
  }

  /** What to do about a currency without a rate, in one line. */
  public String missing(Currency currency) {
    if (canObtain(currency)) {
      return "no ECB rate for " + currency.getCurrencyCode() + " into " + reporting.getCurrencyCode()
          + " is stored yet; run costmon collect, which fetches the ECB's rates (fx: source: ecb)";
    }
    return "no conversion rate for " + currency.getCurrencyCode() + " into " + reporting.getCurrencyCode()
        + "; add it under fx:, e.g. fx: {" + currency.getCurrencyCode() + ": 1.08}";
  }
}
