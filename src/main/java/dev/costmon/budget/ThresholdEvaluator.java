package dev.costmon.budget;

import dev.costmon.config.CostmonConfig;
import dev.costmon.config.Durations;
import dev.costmon.config.FxSource;
import dev.costmon.config.Thresholds;
import dev.costmon.fx.Ages;
import dev.costmon.fx.DatedRate;
import dev.costmon.model.Money;
import dev.costmon.model.Quantity;
import dev.costmon.store.CollectionState;
import dev.costmon.store.SnapshotStatus;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates every threshold of a month: each account's freshness, cap, forecast against cap and
 * quotas, and the global cap. Absolute limits only, as the users asked.
 */
public final class ThresholdEvaluator {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);
  /** A freshness ratio (age over max_age) at or above 1 is stale. */
  private static final Optional<BigDecimal> STALE_AT = Optional.of(BigDecimal.ONE);
  /** The name of a rate-age threshold is this and the currency: {@code fx:USD}. */
  public static final String FX = "fx:";
  private final CostmonConfig config;

  public ThresholdEvaluator(CostmonConfig config) {
    this.config = config;
  }

  public CheckResult evaluate(MonthView view) {
    List<ThresholdResult> results = new ArrayList<>();
    for (AccountView a : view.accounts()) {
      results.add(freshness(a, view.now()));
      if (!a.hasData()) {
        // Never collected: its zeros are not figures, so only freshness (UNKNOWN) speaks for it.
        continue;
      }
      a.cap().ifPresent(cap -> {
        results.add(ratio(a.id(), "cap", a.capRatio().orElseThrow(), a.account().thresholds(),
            "spend " + a.spend().display() + " is " + ofLimit(a.capRatio().orElseThrow(), "cap", cap.display())));
        BigDecimal forecastRatio = a.forecastRatio().orElseThrow();
        boolean over = forecastRatio.compareTo(BigDecimal.ONE) > 0;
        results.add(new ThresholdResult(over ? Status.WARNING : Status.OK, Optional.of(a.id()), "forecast",
            "forecast " + a.forecast().display() + " is " + ofLimit(forecastRatio, "cap", cap.display())
                + (over ? " (forecast over cap)" : ""),
            Optional.of(forecastRatio), Optional.of(BigDecimal.ONE), Optional.empty()));
      });
      for (UsageView u : a.usage()) {
        Quantity floor = a.account().floors().get(u.metric());
        if (floor != null) {
          results.add(floor(a.id(), u, floor));
        }
        if (u.quota().isPresent()) {
          Quantity quota = u.quota().get();
          results.add(ratio(a.id(), "quota:" + u.metric(), u.ratio().orElseThrow(), a.account().thresholds(),
              u.metric() + " " + Units.format(u.value(), u.unit()) + " is " + ofLimit(u.ratio().orElseThrow(),
                  "quota", Units.format(quota.value(), quota.unit()))));
        }
      }
    }
    view.cap().ifPresent(cap -> {
      Money total = view.fx(config.fx()).convert(view.total(), cap.currency());
      results.add(ratio(null, "cap", view.capRatio().orElseThrow(), config.thresholds(),
          "total spend " + total.display() + " is " + ofLimit(view.capRatio().orElseThrow(), "global cap",
              cap.display())));
    });
    config.fx().source().maxAge().ifPresent(max -> rateAges(view, max, results));
    return new CheckResult(results);
  }

  /**
   * The age of each rate the month's accounts are converted with: past {@code fx: max_age} a
   * WARNING, since a source that stopped answering (or a rate of the config never updated) keeps
   * converting with an old rate without anything else failing. Days, as rates are daily.
   */
  private void rateAges(MonthView view, Duration max, List<ThresholdResult> results) {
    LocalDate today = LocalDate.ofInstant(view.now(), config.timezone());
    Set<Currency> currencies = new TreeSet<>(Comparator.comparing(Currency::getCurrencyCode));
    view.accounts().stream().filter(AccountView::hasData).map(a -> a.account().currency())
        .filter(c -> !c.equals(view.total().currency())).forEach(currencies::add);
    for (Currency c : currencies) {
      DatedRate rate = view.rates().get(c);
      if (rate == null) {
        continue;
      }
      long age = Math.max(0, ChronoUnit.DAYS.between(rate.day(), today));
      boolean old = age > max.toDays();
      results.add(new ThresholdResult(old ? Status.WARNING : Status.OK, Optional.empty(), FX + c.getCurrencyCode(),
          "the " + c.getCurrencyCode() + " rate (" + rate.source() + " of " + rate.day() + ") is " + Ages.days(rate.day(),
              today) + (old ? ", older than fx: max_age " + Durations.format(max)
                  + (rate.source().startsWith(FxSource.ECB) ? " (does collect still reach the ECB?)"
                      : " (update it under fx:)") : ""),
          Optional.empty(), Optional.empty(), Optional.empty()));
    }
  }

  /**
   * Prepaid credits and similar: WARNING below the floor, CRITICAL once nothing is left. The ratio is
   * the level over the floor, so its perfdata needs no unit: under 1 warns, 0 or less is critical.
   */
  private static ThresholdResult floor(String account, UsageView u, Quantity floor) {
    Status status = u.value().signum() <= 0 ? Status.CRITICAL
        : u.value().compareTo(floor.value()) < 0 ? Status.WARNING : Status.OK;
    Optional<BigDecimal> ratio = floor.value().signum() > 0
        ? Optional.of(u.value().divide(floor.value(), MathContext.DECIMAL64)) : Optional.empty();
    return new ThresholdResult(status, Optional.of(account), "floor:" + u.metric(),
        u.metric() + " " + Units.format(u.value(), u.unit()) + (status == Status.OK ? " is above" : " is below")
            + " floor " + Units.format(floor.value(), u.unit()),
        ratio, ratio.map(r -> BigDecimal.ONE), ratio.map(r -> BigDecimal.ZERO));
  }

  private static ThresholdResult freshness(AccountView a, Instant now) {
    Optional<String> id = Optional.of(a.id());
    if (a.condition().isPresent()) {
      return new ThresholdResult(Status.UNKNOWN, id, "freshness", a.condition().get(),
          Optional.empty(), Optional.empty(), Optional.empty());
    }
    Optional<Instant> last = a.collection().flatMap(s -> s.lastSuccess());
    if (last.isEmpty()) {
      String why = a.collection().flatMap(s -> s.lastError()).map(e -> ": " + e).orElse("");
      return new ThresholdResult(Status.UNKNOWN, id, "freshness", "never collected successfully" + why,
          Optional.empty(), Optional.empty(), Optional.empty());
    }
    Duration age = Duration.between(last.get(), now);
    if (a.stale()) {
      String why = a.collection().flatMap(s -> s.lastError()).map(e -> "; last error: " + e).orElse("");
      return new ThresholdResult(Status.UNKNOWN, id, "freshness",
          "no successful collection for " + age(age) + " (max_age "
              + Durations.format(a.account().maxAge()) + ")" + why,
          ofMaxAge(age, a), Optional.empty(), STALE_AT);
    }
    CollectionState state = a.collection().orElseThrow();
    if (state.lastStatus() == SnapshotStatus.FAILED && state.lastAttempt().isAfter(last.get())) {
      // Still within max_age, so OK; but the next run may not be, and the error is already known.
      return new ThresholdResult(Status.OK, id, "freshness", "last attempt failed at " + TIME.format(
          state.lastAttempt()) + ", data from " + TIME.format(last.get()) + " (" + age(age) + " ago, max_age "
          + Durations.format(a.account().maxAge()) + ")" + state.lastError().map(e -> ": " + e).orElse(""),
          ofMaxAge(age, a), Optional.empty(), STALE_AT);
    }
    return new ThresholdResult(Status.OK, id, "freshness",
        "collected " + age(age) + " ago", ofMaxAge(age, a), Optional.empty(), STALE_AT);
  }

  /**
   * The data's age as a share of the account's {@code max_age}, for perfdata: 1 is where the
   * account turns UNKNOWN. Staleness has no warning level (it is UNKNOWN, never WARNING), so only the
   * critical field of the perfdata is set.
   */
  private static Optional<BigDecimal> ofMaxAge(Duration age, AccountView a) {
    long limit = a.account().maxAge().toSeconds();
    if (limit <= 0) {
      return Optional.empty();
    }
    return Optional.of(BigDecimal.valueOf(Math.max(0, age.toSeconds()))
        .divide(BigDecimal.valueOf(limit), MathContext.DECIMAL64));
  }

  /** Minutes under an hour, hours under three days, else days: "40h" reads better than "1d". */
  private static String age(Duration d) {
    if (d.compareTo(Duration.ofHours(1)) < 0) {
      return d.toMinutes() + "m";
    }
    return d.compareTo(Duration.ofHours(72)) < 0 ? d.toHours() + "h" : d.toDays() + "d";
  }

  private static ThresholdResult ratio(String account, String name, BigDecimal ratio, Thresholds t, String message) {
    Status status = ratio.compareTo(t.criticalAt()) >= 0
        ? Status.CRITICAL
        : ratio.compareTo(t.warnAt()) >= 0 ? Status.WARNING : Status.OK;
    return new ThresholdResult(status, Optional.ofNullable(account), name, message, Optional.of(ratio),
        Optional.of(t.warnAt()), Optional.of(t.criticalAt()));
  }

  /** {@code 85.0% of cap 200.00 EUR}, or {@code over a zero cap} where nothing may be spent. */
  private static String ofLimit(BigDecimal ratio, String limit, String amount) {
    return Ratios.overZero(ratio) ? "over a zero " + limit : percent(ratio) + " of " + limit + " " + amount;
  }

  static String percent(BigDecimal ratio) {
    return ratio.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_EVEN).toPlainString() + "%";
  }
}
