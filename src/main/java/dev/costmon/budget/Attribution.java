package dev.costmon.budget;

import dev.costmon.config.AttributionRules;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The month's spend split by costmon label: every line of every account (one per service, model or
 * line item, and per set of provider tags within it) carries the value each label key takes by the
 * {@code attribution:} rules, else by its provider tags, else by its account's labels, else
 * {@link #UNATTRIBUTED}. Every line of spend is in exactly one value per key,
 * so the values of one key add up exactly to the month's total.
 *
 * @param keys every label key a rule sets, an account has or a line's provider tags give, sorted
 * @param lines every non-zero line of spend, in account order and each account's service order
 */
public record Attribution(AttributionRules rules, List<String> keys, List<Line> lines, Currency currency) {

  /** The value of spend that neither a rule nor its account's labels give a value for a key. */
  public static final String UNATTRIBUTED = "unattributed";

  /** The name of an account's spend not split by service, as {@link MonthAnalyzer} names it. */
  public static final String ACCOUNT_SERVICE = "(account)";

  /**
   * One line of spend and its labels.
   *
   * @param service the line in the account's currency, with its provenance: a whole service, or
   *     the part of it that carries one set of provider tags
   * @param reporting the same amount in the reporting currency
   */
  public record Line(AccountView account, ServiceSpend service, Money reporting, Map<String, String> labels) {
    public Line {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(reporting, "reporting");
      labels = Map.copyOf(labels);
    }

    /** The line's value for {@code key}, {@link #UNATTRIBUTED} when it has none. */
    public String value(String key) {
      return labels.getOrDefault(key, UNATTRIBUTED);
    }
  }

  public Attribution {
    Objects.requireNonNull(rules, "rules");
    keys = List.copyOf(keys);
    lines = List.copyOf(lines);
    Objects.requireNonNull(currency, "currency");
  }

  /**
   * Labels every service line of every account. Should an account's lines not add up to its spend (a
   * view built by hand), the difference becomes an {@code (account)} line, so totals stay exact.
   */
  public static Attribution of(List<AccountView> accounts, AttributionRules rules, Currency currency) {
    TreeSet<String> keys = new TreeSet<>(rules.keys());
    List<Line> lines = new ArrayList<>();
    for (AccountView account : accounts) {
      keys.addAll(account.account().labels().keySet());
      Money rest = account.spend();
      Money restReporting = account.spendReporting();
      for (ServiceSpend service : account.services()) {
        if (service.amount().isZero()) {
          continue;
        }
        // Each part by provider tags is a line of its own: its tags may give it other labels.
        for (ServiceSpend.Part part : service.parts()) {
          Money reporting = account.toReporting(part.amount());
          ServiceSpend line = new ServiceSpend(service.service(), part.amount(), service.provenance());
          lines.add(new Line(account, line, reporting, rules.labels(account.account(), service.service(), part.tags())));
          keys.addAll(AttributionRules.tagLabels(part.tags()).keySet());
          if (part.amount().currency().equals(rest.currency())) {
            rest = rest.minus(part.amount());
          }
          restReporting = restReporting.minus(reporting);
        }
      }
      if (!restReporting.isZero()) {
        Provenance provenance = account.provenance().stream().sorted().findFirst().orElse(Provenance.API);
        Money residual = rest.currency().equals(account.account().currency()) ? rest : restReporting;
        lines.add(new Line(account, new ServiceSpend(ACCOUNT_SERVICE, residual, provenance), restReporting,
            rules.labels(account.account(), ACCOUNT_SERVICE)));
      }
    }
    return new Attribution(rules, List.copyOf(keys), lines, currency);
  }

  /** Without rules: each account's spend takes its own labels. */
  public static Attribution ofAccounts(List<AccountView> accounts, Currency currency) {
    return of(accounts, AttributionRules.NONE, currency);
  }

  /**
   * The value an account's spend not split by service takes for {@code key}: where an account
   * without spend this month belongs.
   */
  public String accountValue(AccountView account, String key) {
    return rules.labels(account.account(), ACCOUNT_SERVICE).getOrDefault(key, UNATTRIBUTED);
  }

  /**
   * Spend per value of {@code key} in the reporting currency, largest first (ties by name), exact;
   * the values add up to the month's total. A key no line has gives one {@code unattributed} entry
   * when there is spend, none when there is not.
   */
  public Map<String, Money> totals(String key) {
    Map<String, Money> sums = new LinkedHashMap<>();
    for (Line line : lines) {
      sums.merge(line.value(key), line.reporting(), Money::plus);
    }
    Map<String, Money> sorted = new LinkedHashMap<>();
    sums.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, Money> e) -> e.getValue().amount()).reversed()
            .thenComparing(Map.Entry::getKey))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** The sum of every line, in the reporting currency: the month's total. */
  public Money total() {
    Money total = Money.zero(currency);
    for (Line line : lines) {
      total = total.plus(line.reporting());
    }
    return total;
  }
}
