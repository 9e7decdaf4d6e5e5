package dev.costmon.budget;

import dev.costmon.config.FxRates;
import dev.costmon.fx.DatedRate;
import dev.costmon.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every configured account's month and the totals in the reporting currency.
 *
 * @param attribution the month's spend by costmon label (team, app, env), adding up to {@code total}
 * @param rates per currency other than the reporting one, the dated rate the month was converted with
 */
public record MonthView(
    YearMonth month,
    Instant now,
    List<AccountView> accounts,
    Money total,
    Money totalForecast,
    Optional<Money> cap,
    Optional<BigDecimal> capRatio,
    Attribution attribution,
    Map<Currency, DatedRate> rates) {

  public MonthView {
    Objects.requireNonNull(attribution, "attribution");
    rates = Map.copyOf(rates);
  }

  /** A month whose rates carry no date or source (built by hand). */
  public MonthView(YearMonth month, Instant now, List<AccountView> accounts, Money total, Money totalForecast,
      Optional<Money> cap, Optional<BigDecimal> capRatio, Attribution attribution) {
    this(month, now, accounts, total, totalForecast, cap, capRatio, attribution, Map.of());
  }

  /** A month without attribution rules: spend is labelled by its accounts' labels. */
  public MonthView(YearMonth month, Instant now, List<AccountView> accounts, Money total, Money totalForecast,
      Optional<Money> cap, Optional<BigDecimal> capRatio) {
    this(month, now, accounts, total, totalForecast, cap, capRatio, Attribution.ofAccounts(accounts, total.currency()));
  }

  /**
   * The rates this month was converted with, for any further conversion of its figures (a cap in
   * another currency, a hard cap): the config's current ones would rewrite a closed month, and hold
   * none of the rates fetched from a reference source. A currency the month has no rate for (a view
   * built by hand) takes {@code fallback}'s.
   */
  public FxRates fx(FxRates fallback) {
    Map<Currency, BigDecimal> out = new HashMap<>(fallback.toReporting());
    rates.forEach((currency, rate) -> out.put(currency, rate.rate()));
    out.remove(total.currency());
    return new FxRates(total.currency(), out);
  }

  /** Whether any account has a figure of this month: without one the totals are an absence, not zero. */
  public boolean hasFigures() {
    return accounts.stream().anyMatch(AccountView::hasFigures);
  }
}
