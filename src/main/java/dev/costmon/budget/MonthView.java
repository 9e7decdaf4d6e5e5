package dev.costmon.budget;

import dev.costmon.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every configured account's month and the totals in the reporting currency.
 *
 * @param attribution the month's spend by costmon label (team, app, env), adding up to {@code total}
 */
public record MonthView(
    YearMonth month,
    Instant now,
    List<AccountView> accounts,
    Money total,
    Money totalForecast,
    Optional<Money> cap,
    Optional<BigDecimal> capRatio,
    Attribution attribution) {

  public MonthView {
    Objects.requireNonNull(attribution, "attribution");
  }

  /** A month without attribution rules: spend is labelled by its accounts' labels. */
  public MonthView(YearMonth month, Instant now, List<AccountView> accounts, Money total, Money totalForecast,
      Optional<Money> cap, Optional<BigDecimal> capRatio) {
    this(month, now, accounts, total, totalForecast, cap, capRatio, Attribution.ofAccounts(accounts, total.currency()));
  }
}
