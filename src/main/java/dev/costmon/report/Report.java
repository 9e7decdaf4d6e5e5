package dev.costmon.report;

import dev.costmon.budget.AccountView;
import dev.costmon.budget.Attribution;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.ServiceSpend;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /** Groups in key order, {@code unattributed} last; accounts keep the configuration's order within a group. */
  private static List<SpendGroup> groups(MonthView view, Grouping grouping, Currency currency) {
    Map<String, List<SpendGroup.Member>> byKey = new TreeMap<>(
        Comparator.comparing((String key) -> key.equals(Grouping.NO_LABEL)).thenComparing(Comparator.naturalOrder()));
    for (AccountView account : view.accounts()) {
      if (grouping.kind() == Grouping.Kind.LABEL) {
        attributed(view, grouping.labelKey(), account)
            .forEach((key, member) -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(member));
      } else {
        byKey.computeIfAbsent(grouping.groupOf(account), k -> new ArrayList<>()).add(SpendGroup.Member.of(account));
      }
    }
    List<SpendGroup> groups = new ArrayList<>();
    for (Map.Entry<String, List<SpendGroup.Member>> e : byKey.entrySet()) {
      Money spend = Money.zero(currency);
      Money forecast = Money.zero(currency);
      boolean whole = true;
      Set<Provenance> provenance = EnumSet.noneOf(Provenance.class);
      for (SpendGroup.Member member : e.getValue()) {
        spend = spend.plus(member.spendReporting());
        forecast = forecast.plus(forecastReporting(member.account(), currency));
        whole &= member.whole();
        if (member.whole()) {
          provenance.addAll(member.account().provenance());
        } else {
          member.services().forEach(s -> provenance.add(s.provenance()));
        }
      }
      groups.add(new SpendGroup(e.getKey(), e.getValue(), spend, whole ? Optional.of(forecast) : Optional.empty(),
          provenance));
    }
    return groups;
  }

  /**
   * An account's members of the groups of a label: the whole account where all its spend has one
   * value (or it has none, by the value of its spend not split by service), else one part per value.
   */
  private static Map<String, SpendGroup.Member> attributed(MonthView view, String key, AccountView account) {
    Map<String, List<Attribution.Line>> byValue = new LinkedHashMap<>();
    for (Attribution.Line line : view.attribution().lines()) {
      if (line.account() == account) {
        byValue.computeIfAbsent(line.value(key), v -> new ArrayList<>()).add(line);
      }
    }
    if (byValue.size() <= 1) {
      String value = byValue.isEmpty()
          ? view.attribution().accountValue(account, key) : byValue.keySet().iterator().next();
      return Map.of(value, SpendGroup.Member.of(account));
    }
    Map<String, SpendGroup.Member> members = new LinkedHashMap<>();
    byValue.forEach((value, lines) -> {
      Money spend = Money.zero(account.spend().currency());
      Money reporting = Money.zero(account.spendReporting().currency());
      // Parts of one service with different provider tags but this same value show as one line.
      Map<String, ServiceSpend> services = new LinkedHashMap<>();
      for (Attribution.Line line : lines) {
        spend = spend.plus(account.spend().currency().equals(line.service().amount().currency())
            ? line.service().amount() : line.reporting());
        reporting = reporting.plus(line.reporting());
        services.merge(line.service().service(), line.service(), (a, b) ->
            new ServiceSpend(a.service(), a.amount().plus(b.amount()), a.provenance()));
      }
      List<ServiceSpend> sorted = services.values().stream()
          .sorted(Comparator.comparing((ServiceSpend s) -> s.amount().amount()).reversed()
              .thenComparing(ServiceSpend::service))
          .toList();
      members.put(value, new SpendGroup.Member(account, spend, reporting, sorted, false));
    });
    return members;
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
    return account.toReporting(amount);
  }

  /** Every provenance label of a set, in a stable order: {@code api+estimate}. */
  static String provenance(Set<Provenance> provenance) {
    return String.join("+", provenance.stream().sorted().map(Provenance::label).toList());
  }
}
