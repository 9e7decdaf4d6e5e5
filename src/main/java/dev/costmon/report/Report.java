package dev.costmon.report;

import dev.costmon.budget.AccountView;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.ServiceSpend;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A month view prepared for rendering: its groups, its progress and the exact reporting-currency figures. */
record Report(MonthView view, ReportOptions options, MonthProgress progress, List<SpendGroup> groups) {

  static Report of(MonthView view, ReportOptions options) {
    Currency currency = options.currency();
    if (!view.total().currency().equals(currency)) {
      // The renderer only rounds; converting here would hide a mismatch between config and analysis.
      throw new IllegalArgumentException("the report is in " + currency.getCurrencyCode()
          + " but the month's totals are in " + view.total().currency().getCurrencyCode());
    }
    return new Report(view, options, MonthProgress.of(view.month(), view.now(), options.timezone()),
        groups(view, options.grouping(), currency));
  }

  Currency currency() {
    return options.currency();
  }

  Grouping grouping() {
    return options.grouping();
  }

  /** Groups in key order, {@code (none)} last; accounts keep the configuration's order within a group. */
  private static List<SpendGroup> groups(MonthView view, Grouping grouping, Currency currency) {
    Map<String, List<AccountView>> byKey = new TreeMap<>(
        Comparator.comparing((String key) -> key.equals(Grouping.NO_LABEL)).thenComparing(Comparator.naturalOrder()));
    for (AccountView account : view.accounts()) {
      byKey.computeIfAbsent(grouping.groupOf(account), k -> new ArrayList<>()).add(account);
    }
    List<SpendGroup> groups = new ArrayList<>();
    for (Map.Entry<String, List<AccountView>> e : byKey.entrySet()) {
      Money spend = Money.zero(currency);
      Money forecast = Money.zero(currency);
      Set<Provenance> provenance = EnumSet.noneOf(Provenance.class);
      for (AccountView account : e.getValue()) {
        spend = spend.plus(account.spendReporting());
        forecast = forecast.plus(forecastReporting(account, currency));
        provenance.addAll(account.provenance());
      }
      groups.add(new SpendGroup(e.getKey(), e.getValue(), spend, forecast, provenance));
    }
    return groups;
  }

  /** The account's forecast in the reporting currency, exact, at the rate its spend was converted with. */
  static Money forecastReporting(AccountView account, Currency currency) {
    return inReporting(account, account.forecast(), currency);
  }

  static Money serviceReporting(AccountView account, ServiceSpend service, Currency currency) {
    return inReporting(account, service.amount(), currency);
  }

  private static Money inReporting(AccountView account, Money amount, Currency currency) {
    if (amount.currency().equals(currency)) {
      return amount;
    }
    if (!amount.currency().equals(account.account().currency())) {
      throw new IllegalStateException("account " + account.id() + " has a figure in "
          + amount.currency().getCurrencyCode() + ", not its own currency " + account.account().currency());
    }
    return amount.convert(currency, account.fxRate());
  }

  /** Every provenance label of a set, in a stable order: {@code api+estimate}. */
  static String provenance(Set<Provenance> provenance) {
    return String.join("+", provenance.stream().sorted().map(Provenance::label).toList());
  }
}
