package dev.costmon.fx;

import dev.costmon.config.FxRates;
import dev.costmon.store.ExchangeRates;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rates of every month one command converts, read once from the stored rates and each month
 * worked out once by {@link RateHistory#forMonth}: an export of a year of days asks for the same
 * twelve months thousands of times.
 */
public final class RateBook {
  private final FxRates config;
  private final List<ExchangeRates.Row> stored;
  private final LocalDate today;
  private final Map<YearMonth, MonthRates> months = new HashMap<>();

  public RateBook(FxRates config, List<ExchangeRates.Row> stored, LocalDate today) {
    this.config = config;
    this.stored = List.copyOf(stored);
    this.today = today;
  }

  /** The rates {@code month} is converted with. */
  public MonthRates month(YearMonth month) {
    return months.computeIfAbsent(month, m -> RateHistory.forMonth(config, stored, m, today));
  }

  /** The rates the month of {@code day} is converted with: one rate per month, as in {@code report}. */
  public MonthRates day(LocalDate day) {
    return month(YearMonth.from(day));
  }
}
