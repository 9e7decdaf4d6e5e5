package dev.costmon.fx;

import dev.costmon.config.ConfigException;
import dev.costmon.config.FxRates;
import dev.costmon.store.ExchangeRates;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which exchange rate converts which month. The rule: a closed month is converted with the rate known
 * on its last day (the newest stored rate whose day is on or before it), so it never changes once
 * the month is over, whatever {@code fx:} says later; the current month with the newest rate, which
 * is the config's. History older than the first stored rate of a currency uses that first rate.
 * One rate per month and currency keeps an account's converted parts adding up to its total.
 */
public final class RateHistory {
  /** The source of rates written in the config's {@code fx:}. */
  public static final String CONFIG = "config";

  private RateHistory() {}

  /**
   * The config's rates to store: each one that differs from the newest stored config rate of its
   * currency, with {@code today} as the day it was first seen.
   */
  public static List<ExchangeRates.Row> toRecord(FxRates config, List<ExchangeRates.Row> stored, LocalDate today) {
    String reporting = config.reporting().getCurrencyCode();
    List<ExchangeRates.Row> out = new ArrayList<>();
    config.toReporting().forEach((currency, rate) -> {
      Optional<ExchangeRates.Row> newest = stored.stream()
          .filter(r -> r.currency().equals(currency.getCurrencyCode()) && r.reporting().equals(reporting)
              && r.source().equals(CONFIG))
          .max(Comparator.comparing(ExchangeRates.Row::day));
      if (newest.isEmpty() || newest.get().rate().compareTo(rate) != 0) {
        out.add(new ExchangeRates.Row(today, currency.getCurrencyCode(), reporting, rate, CONFIG));
      }
    });
    return out;
  }

  /** The rates of {@code month}; a closed one from the stored rates, the current one from the config. */
  public static MonthRates forMonth(FxRates config, List<ExchangeRates.Row> stored, YearMonth month, LocalDate today) {
    Currency reporting = config.reporting();
    String code = reporting.getCurrencyCode();
    boolean closed = month.atEndOfMonth().isBefore(today);
    Set<String> currencies = new TreeSet<>();
    config.toReporting().keySet().forEach(c -> currencies.add(c.getCurrencyCode()));
    stored.forEach(r -> currencies.add(r.currency()));
    currencies.remove(code);
    Map<Currency, BigDecimal> rates = new HashMap<>();
    Map<Currency, DatedRate> used = new HashMap<>();
    for (String c : currencies) {
      Currency currency = Currency.getInstance(c);
      LocalDate end = month.atEndOfMonth();
      Optional<DatedRate> rate = closed
          ? onOrBefore(stored, c, code, end).or(() -> derived(stored, c, code, end))
              .or(() -> firstAfter(stored, c, code, end))
          : Optional.empty();
      if (rate.isEmpty() && config.toReporting().containsKey(currency)) {
        rate = Optional.of(fromConfig(config, stored, currency, today));
      }
      if (rate.isEmpty() && !closed) {
        rate = onOrBefore(stored, c, code, today);
      }
      rate.ifPresent(r -> {
        rates.put(currency, r.rate());
        used.put(currency, r);
      });
    }
    return new MonthRates(new FxRates(reporting, rates, config.source()), used);
  }

  /** The config's rate, dated the day it was first stored, or today when it is not stored yet. */
  private static DatedRate fromConfig(FxRates config, List<ExchangeRates.Row> stored, Currency currency,
      LocalDate today) {
    BigDecimal rate = config.toReporting().get(currency);
    Optional<ExchangeRates.Row> newest = rows(stored, currency.getCurrencyCode(), config.reporting().getCurrencyCode())
        .filter(r -> r.source().equals(CONFIG)).max(Comparator.comparing(ExchangeRates.Row::day));
    boolean recorded = newest.isPresent() && newest.get().rate().compareTo(rate) == 0;
    return new DatedRate(currency, rate, recorded ? newest.get().day() : today, CONFIG, recorded);
  }

  /** The newest stored rate on or before {@code day}. */
  private static Optional<DatedRate> onOrBefore(List<ExchangeRates.Row> stored, String currency, String reporting,
      LocalDate day) {
    return rows(stored, currency, reporting).filter(r -> !r.day().isAfter(day))
        .max(Comparator.comparing(ExchangeRates.Row::day)).map(RateHistory::dated);
  }

  /** The oldest stored rate after {@code day}: history older than the first rate costmon stored. */
  private static Optional<DatedRate> firstAfter(List<ExchangeRates.Row> stored, String currency, String reporting,
      LocalDate day) {
    return rows(stored, currency, reporting).filter(r -> r.day().isAfter(day))
        .min(Comparator.comparing(ExchangeRates.Row::day)).map(RateHistory::dated);
  }

  private static DatedRate dated(ExchangeRates.Row r) {
    return new DatedRate(Currency.getInstance(r.currency()), r.rate(), r.day(), r.source(), true);
  }

  /**
   * After a change of the reporting currency: the rate through the old reporting currency, from the
   * rates stored into it on or before {@code day} ({@code currency} and the new reporting currency
   * both had one). Refuses with one line when the history has rates only into another currency and
   * none converts, rather than convert a closed month with today's rates.
   */
  private static Optional<DatedRate> derived(List<ExchangeRates.Row> stored, String currency, String reporting,
      LocalDate day) {
    Set<String> others = new TreeSet<>();
    stored.stream().filter(r -> !r.reporting().equals(reporting)).forEach(r -> others.add(r.reporting()));
    if (others.isEmpty()) {
      return Optional.empty();
    }
    for (String old : others) {
      Optional<DatedRate> from = currency.equals(old)
          ? Optional.of(new DatedRate(Currency.getInstance(old), BigDecimal.ONE, day, CONFIG, true))
          : onOrBefore(stored, currency, old, day);
      Optional<DatedRate> to = onOrBefore(stored, reporting, old, day);
      if (from.isPresent() && to.isPresent()) {
        DatedRate f = from.get();
        DatedRate t = to.get();
        return Optional.of(new DatedRate(Currency.getInstance(currency),
            f.rate().divide(t.rate(), MathContext.DECIMAL128),
            f.day().isAfter(t.day()) ? f.day() : t.day(), f.source() + " via " + old, true));
      }
    }
    if (rows(stored, currency, reporting).findAny().isPresent()
        || stored.stream().noneMatch(r -> r.currency().equals(currency) && !r.day().isAfter(day))) {
      return Optional.empty();
    }
    throw new ConfigException("the history's exchange rates are into " + String.join(", ", others)
        + " and none converts " + currency + " into " + reporting + " for " + YearMonth.from(day)
        + ": set currency: back to " + others.iterator().next() + ", or add " + reporting + " to its fx: and run"
        + " costmon collect once before changing currency:");
  }

  private static java.util.stream.Stream<ExchangeRates.Row> rows(List<ExchangeRates.Row> stored, String currency,
      String reporting) {
    return stored.stream().filter(r -> r.currency().equals(currency) && r.reporting().equals(reporting));
  }
}
