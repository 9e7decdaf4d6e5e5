package dev.costmon.movement;

import dev.costmon.budget.CheckResult;
import dev.costmon.budget.Status;
import dev.costmon.budget.ThresholdResult;
import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.MovedThreshold;
import dev.costmon.model.Money;
import dev.costmon.store.History;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The "what moved" rule of {@code check}: for each account with {@code moved:}, the services and
 * resources whose spend rose by more than its amount AND its percentage, against the same days of
 * the previous month ({@code moved}) and yesterday against the median day of the week before
 * ({@code moved:yesterday}). A WARNING at most: it explains spend, the absolute caps stay the alarm.
 * A rise from nothing (new, or from 0) exceeds every percentage; falls never warn.
 */
public final class MovedCheck {
  /** The threshold name of the month's comparison. */
  public static final String MONTH = "moved";
  /** The threshold name of yesterday's comparison. */
  public static final String YESTERDAY = "moved:yesterday";

  private final CostmonConfig config;

  public MovedCheck(CostmonConfig config) {
    this.config = config;
  }

  /** {@code result} with the moved thresholds of every account that has {@code moved:} after its own. */
  public CheckResult addTo(CheckResult result, History history, LocalDate today) {
    if (config.accounts().stream().allMatch(a -> a.moved().isEmpty())) {
      return result;
    }
    List<ThresholdResult> all = new ArrayList<>(result.thresholds());
    all.addAll(evaluate(history, today));
    return new CheckResult(all);
  }

  /** The moved thresholds, two per account with {@code moved:}, in the config's order. */
  public List<ThresholdResult> evaluate(History history, LocalDate today) {
    List<ThresholdResult> out = new ArrayList<>();
    if (config.accounts().stream().allMatch(a -> a.moved().isEmpty())) {
      return out;
    }
    Movements movements = new Movements(config);
    YearMonth month = YearMonth.from(today);
    Comparison sameDays = movements.months(history, month, month.minusMonths(1), today);
    Comparison yesterday = movements.yesterday(history, today);
    for (Account account : config.accounts()) {
      account.moved().ifPresent(rule -> {
        out.add(threshold(account, rule, sameDays, MONTH, "against " + sameDays.before().display()));
        out.add(threshold(account, rule, yesterday, YESTERDAY,
            "against the median day of " + yesterday.before().display()));
      });
    }
    return out;
  }

  private ThresholdResult threshold(Account account, MovedThreshold rule, Comparison comparison, String name,
      String against) {
    AccountMovement a = comparison.account(account.id()).orElseThrow();
    Optional<String> id = Optional.of(account.id());
    if (!a.compared()) {
      return new ThresholdResult(Status.OK, id, name, "not compared: no spend figure stored for "
          + (a.before().isEmpty() ? comparison.before().display() : comparison.after().display()),
          Optional.empty(), Optional.empty(), Optional.empty());
    }
    Money over = config.fx().convert(rule.over(), account.currency());
    List<Movement> rose = a.movements().stream().filter(m -> rose(m, over, rule)).toList();
    if (rose.isEmpty()) {
      return new ThresholdResult(Status.OK, id, name, "no service rose " + rule.describe() + " " + against,
          Optional.empty(), Optional.empty(), Optional.empty());
    }
    return new ThresholdResult(Status.WARNING, id, name,
        String.join("; ", rose.stream().map(Movement::describe).toList()) + " " + against
            + " (moved: " + rule.describe() + ")",
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Above the amount and the percentage; a rise from nothing has no percentage and exceeds any. */
  static boolean rose(Movement m, Money over, MovedThreshold rule) {
    if (m.difference().compareTo(over) <= 0) {
      return false;
    }
    return m.ratio().map(r -> r.compareTo(rule.by()) > 0).orElse(true);
  }
}
