package dev.costmon.movement;

import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.FxRates;
import dev.costmon.fx.DatedRate;
import dev.costmon.fx.MonthRates;
import dev.costmon.fx.RateHistory;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Tags;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Provenance;
import dev.costmon.store.ExchangeRates;
import dev.costmon.store.History;
import dev.costmon.store.StoredObservation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares stored spend of two periods per account and per service or resource, whatever dimension
 * the figures carry (service, model, bucket, "Droplets / ml-test"). Each figure is converted into its
 * account's currency and into the reporting currency at the rates of its own month (a closed month
 * at the rate stored for it, see {@link RateHistory}), so last month's side never changes when
 * {@code fx:} is edited. Only stored spend is compared; estimates from {@code rates:} are not.
 */
public final class Movements {
  /** Days before yesterday whose median daily spend yesterday is compared with. */
  public static final int MEDIAN_DAYS = 7;

  private final CostmonConfig config;

  public Movements(CostmonConfig config) {
    this.config = config;
  }

  /**
   * The days {@code month} is compared over: from its first day to {@code today}, or the whole
   * month once it is over.
   */
  public static Period monthToDate(YearMonth month, LocalDate today) {
    LocalDate end = month.atEndOfMonth();
    return new Period(month.atDay(1), end.isBefore(today) ? end : today);
  }

  /**
   * The same days of {@code against} as {@code later} covers of its month: 1 to 23 November against
   * 1 to 23 December; against a shorter month, its last day ends it (1-30 November against 1-31
   * December); against a whole closed month, the whole month.
   */
  public static Period sameDays(Period later, YearMonth against, LocalDate today) {
    YearMonth month = YearMonth.from(later.first());
    if (!against.isBefore(month)) {
      throw new IllegalArgumentException("cannot compare " + month + " with " + against + ", which is not earlier");
    }
    boolean whole = later.last().equals(month.atEndOfMonth()) && month.atEndOfMonth().isBefore(today);
    int day = whole ? against.lengthOfMonth() : Math.min(later.last().getDayOfMonth(), against.lengthOfMonth());
    return new Period(against.atDay(1), against.atDay(day));
  }

  /** {@code month} to date against the same days of {@code against} (see {@link #sameDays}). */
  public Comparison months(History history, YearMonth month, YearMonth against, LocalDate today) {
    Period after = monthToDate(month, today);
    return sums(history, sameDays(after, against, today), after, today);
  }

  /** The spend of {@code after} against that of {@code before}, each the sum of its days. */
  public Comparison sums(History history, Period before, Period after, LocalDate today) {
    if (!before.last().isBefore(after.first())) {
      throw new IllegalArgumentException("the earlier period " + before + " must end before " + after + " starts");
    }
    List<StoredObservation> rows = new ArrayList<>(history.latest(before.first(), before.last()));
    rows.addAll(history.latest(after.first(), after.last()));
    return sums(rows, before, after, rates(history, today));
  }

  /**
   * Yesterday's spend against the median daily spend of the {@value #MEDIAN_DAYS} days before it,
   * which one unusual day does not move.
   */
  public Comparison yesterday(History history, LocalDate today) {
    LocalDate yesterday = today.minusDays(1);
    Period window = new Period(yesterday.minusDays(MEDIAN_DAYS), yesterday.minusDays(1));
    return dailyMedian(history.latest(window.first(), yesterday), window, yesterday, rates(history, today));
  }

  /** The rates of each month, memoised: a closed month's stored rate, the current month's from the config. */
  private Function<YearMonth, MonthRates> rates(History history, LocalDate today) {
    List<ExchangeRates.Row> stored = new ExchangeRates(history).all();
    Map<YearMonth, MonthRates> cache = new HashMap<>();
    return month -> cache.computeIfAbsent(month, m -> RateHistory.forMonth(config.fx(), stored, m, today));
  }

  private Comparison sums(List<StoredObservation> rows, Period before, Period after,
      Function<YearMonth, MonthRates> rates) {
    List<AccountMovement> accounts = new ArrayList<>();
    for (Account account : config.accounts()) {
      Map<String, Spend> earlier = new TreeMap<>();
      Map<String, Spend> later = new TreeMap<>();
      for (StoredObservation row : rows) {
        Observation o = row.observation();
        if (!row.account().equals(account.id()) || o.kind() != ObservationKind.SPEND) {
          continue;
        }
        if (before.contains(o.day())) {
          earlier.merge(subject(o), spend(account, o, rates), Spend::plus);
        } else if (after.contains(o.day())) {
          later.merge(subject(o), spend(account, o, rates), Spend::plus);
        }
      }
      accounts.add(account(account, earlier, later, total(earlier.values()), total(later.values())));
    }
    return new Comparison(before, after, Comparison.Basis.SUM, config.currency(), accounts,
        used(rates, before), used(rates, after));
  }

  private Comparison dailyMedian(List<StoredObservation> rows, Period window, LocalDate day,
      Function<YearMonth, MonthRates> rates) {
    List<AccountMovement> accounts = new ArrayList<>();
    for (Account account : config.accounts()) {
      // Per day of the window with figures, the spend of each dimension that day.
      Map<LocalDate, Map<String, Spend>> byDay = new TreeMap<>();
      Map<String, Spend> later = new TreeMap<>();
      for (StoredObservation row : rows) {
        Observation o = row.observation();
        if (!row.account().equals(account.id()) || o.kind() != ObservationKind.SPEND) {
          continue;
        }
        if (o.day().equals(day)) {
          later.merge(subject(o), spend(account, o, rates), Spend::plus);
        } else if (window.contains(o.day())) {
          byDay.computeIfAbsent(o.day(), d -> new TreeMap<>()).merge(subject(o), spend(account, o, rates),
              Spend::plus);
        }
      }
      Map<String, Spend> earlier = new TreeMap<>();
      TreeSet<String> dimensions = new TreeSet<>();
      byDay.values().forEach(m -> dimensions.addAll(m.keySet()));
      for (String dimension : dimensions) {
        earlier.put(dimension, median(byDay.values().stream()
            .map(m -> Optional.ofNullable(m.get(dimension))).toList(), account));
      }
      Optional<Spend> totalBefore = byDay.isEmpty() ? Optional.empty() : Optional.of(median(byDay.values().stream()
          .map(m -> total(m.values())).toList(), account));
      accounts.add(account(account, earlier, later, totalBefore, total(later.values())));
    }
    return new Comparison(window, Period.day(day), Comparison.Basis.DAILY_MEDIAN, config.currency(), accounts,
        used(rates, window), used(rates, Period.day(day)));
  }

  private AccountMovement account(Account account, Map<String, Spend> earlier, Map<String, Spend> later,
      Optional<Spend> before, Optional<Spend> after) {
    if (before.isEmpty() || after.isEmpty()) {
      return new AccountMovement(account.id(), before, after, List.of());
    }
    TreeSet<String> dimensions = new TreeSet<>(earlier.keySet());
    dimensions.addAll(later.keySet());
    List<Movement> movements = new ArrayList<>();
    for (String dimension : dimensions) {
      Optional<Spend> b = Optional.ofNullable(earlier.get(dimension));
      Optional<Spend> a = Optional.ofNullable(later.get(dimension));
      // Zero lines ("nothing on this day") on both sides, or on the only side, say nothing moved.
      if (b.map(s -> s.amount().isZero()).orElse(true) && a.map(s -> s.amount().isZero()).orElse(true)) {
        continue;
      }
      movements.add(new Movement(account.id(), dimension, b, a));
    }
    return new AccountMovement(account.id(), before, after, movements);
  }

  /** The median of some days' spend; a day without a figure of the dimension spent nothing on it. */
  private Spend median(List<Optional<Spend>> days, Account account) {
    Money zero = Money.zero(account.currency());
    List<Money> amounts = new ArrayList<>();
    List<Money> reporting = new ArrayList<>();
    for (Optional<Spend> s : days) {
      amounts.add(s.map(Spend::amount).orElse(zero));
      reporting.add(s.map(Spend::reporting).orElseGet(() -> Money.zero(config.currency())));
    }
    List<Provenance> sources = days.stream().flatMap(Optional::stream).map(Spend::provenance)
        .toList();
    return new Spend(median(amounts), median(reporting), Provenance.weakest(sources));
  }

  private static Money median(List<Money> values) {
    List<Money> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    Money sum = sorted.get(n / 2 - 1).plus(sorted.get(n / 2));
    return new Money(sum.amount().divide(BigDecimal.valueOf(2)), sum.currency());
  }

  private static Optional<Spend> total(Collection<Spend> parts) {
    return parts.stream().reduce(Spend::plus);
  }

  /**
   * What a movement is about, and what the digest calls a resource. A storage charge split by bucket
   * (Wasabi) keeps the bucket in a tag, not in its service: named here, so "which bucket grew" is
   * answered, not only "storage grew".
   */
  public static String subject(Observation o) {
    String service = o.dimension().isEmpty() ? Movement.ACCOUNT : o.dimension();
    String bucket = o.tags().get(Tags.BUCKET);
    return bucket == null ? service : service + " / " + bucket;
  }

  /** The rates of a period's last month (a period within one month has only those). */
  private static Map<Currency, DatedRate> used(Function<YearMonth, MonthRates> rates, Period period) {
    return rates.apply(YearMonth.from(period.last())).used();
  }

  private Spend spend(Account account, Observation o, Function<YearMonth, MonthRates> rates) {
    FxRates fx = rates.apply(YearMonth.from(o.day())).rates();
    Money amount = fx.convert(o.money(), account.currency());
    return new Spend(amount, fx.toReporting(amount), o.provenance());
  }
}
