package dev.costmon.budget;

import dev.costmon.config.FxRates;
import dev.costmon.config.PriceRule;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An account's usage of a month priced by its {@code rates:}, day by day. Each usage figure is priced
 * by the first rule that matches its metric, dimension and unit; a rule's free allowance is used up
 * by the month's first days. A summed metric (requests, tokens) costs its day's usage beyond what
 * is left of the allowance; a level (storage) costs its last day's level beyond the allowance, once
 * for the month, on that day.
 */
final class Estimates {

  /**
   * One rule's estimate.
   *
   * @param daily the estimate per day, in the account's currency
   * @param forecast the month's estimate at its end: summed usage extrapolated linearly from the
   *     days that have it, then priced with the allowance taken off once
   */
  record Priced(PriceRule rule, Map<LocalDate, Money> daily, Money forecast) {}

  private Estimates() {}

  static List<Priced> price(List<PriceRule> rules, List<Observation> usage, YearMonth month, Currency currency,
      FxRates fx) {
    Map<PriceRule, List<Observation>> byRule = new LinkedHashMap<>();
    for (Observation o : usage) {
      for (PriceRule rule : rules) {
        if (rule.prices(o.metric(), o.dimension(), o.unit())) {
          byRule.computeIfAbsent(rule, r -> new ArrayList<>()).add(o);
          break;
        }
      }
    }
    List<Priced> out = new ArrayList<>();
    byRule.forEach((rule, observations) -> out.add(price(rule, observations, month, currency, fx)));
    return out;
  }

  private static Priced price(PriceRule rule, List<Observation> observations, YearMonth month, Currency currency,
      FxRates fx) {
    Map<LocalDate, BigDecimal> byDay = new TreeMap<>();
    observations.forEach(o -> byDay.merge(o.day(), o.value(), BigDecimal::add));
    BigDecimal free = rule.freeAmount();
    Map<LocalDate, Money> daily = new TreeMap<>();
    LocalDate last = ((TreeMap<LocalDate, BigDecimal>) byDay).lastKey();
    if (observations.get(0).aggregation() == Aggregation.LAST) {
      Money cost = cost(rule, byDay.get(last).subtract(free), currency, fx);
      daily.put(last, cost);
      return new Priced(rule, daily, cost);
    }
    BigDecimal left = free;
    BigDecimal total = BigDecimal.ZERO;
    for (Map.Entry<LocalDate, BigDecimal> day : byDay.entrySet()) {
      BigDecimal used = day.getValue();
      daily.put(day.getKey(), cost(rule, used.subtract(left), currency, fx));
      left = left.subtract(used).max(BigDecimal.ZERO);
      total = total.add(used);
    }
    BigDecimal projected = total.multiply(BigDecimal.valueOf(month.lengthOfMonth()))
        .divide(BigDecimal.valueOf(last.getDayOfMonth()), MathContext.DECIMAL128);
    return new Priced(rule, daily, cost(rule, projected.subtract(free), currency, fx));
  }

  /** The price of {@code billable} units (nothing below zero) in the account's currency. */
  private static Money cost(PriceRule rule, BigDecimal billable, Currency currency, FxRates fx) {
    return fx.convert(rule.price().cost(billable.max(BigDecimal.ZERO)), currency);
  }
}
