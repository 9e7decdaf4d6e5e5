package dev.costmon.fx;

import dev.costmon.config.FxRates;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;

/** The rates a month is converted with, and for each currency the dated rate it came from. */
public record MonthRates(FxRates rates, Map<Currency, DatedRate> used) {
  public MonthRates {
    Objects.requireNonNull(rates, "rates");
    used = Map.copyOf(used);
  }
}
