package dev.costmon.digest;

import dev.costmon.budget.AccountView;
import dev.costmon.budget.CheckResult;
import dev.costmon.budget.MonthAnalyzer;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.Ratios;
import dev.costmon.budget.Status;
import dev.costmon.budget.ThresholdEvaluator;
import dev.costmon.budget.ThresholdResult;
import dev.costmon.budget.UsageView;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.FxRates;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Provenance;
import dev.costmon.movement.Comparison;
import dev.costmon.movement.Movement;
import dev.costmon.movement.Movements;
import dev.costmon.store.DayRange;
import dev.costmon.store.History;
import dev.costmon.store.StoredObservation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a {@link Digest} from the stored history: the month as {@code costmon report} computes it,
 * the thresholds as {@code costmon check} evaluates them, and the period's figures per account and
 * per service or resource.
 */
public final class DigestBuilder {
  /** Quotas used at least this much of their limit are listed, breached or not. */
  public static final BigDecimal NEAR_QUOTA = new BigDecimal("0.5");
  /**
   * How many movers a digest lists: the largest changes in the reporting currency, found by
   * {@link Movements} as {@code report --compare} finds them; a day against the median day of the
   * week before (one odd day does not make everything move), a week or month against the one before.
   */
  public static final int TOP_MOVERS = 5;
  /** A resource is new when none of its spend is stored in this many days before the period. */
  public static final int NEW_AFTER_DAYS = 60;

  private final CostmonConfig config;

  public DigestBuilder(CostmonConfig config) {
    this.config = config;
  }

  public Digest build(History history, Period period, Instant now) {
    YearMonth month = period.month();
    MonthView view = new MonthAnalyzer(config).analyze(history, month, now);
    CheckResult check = new ThresholdEvaluator(config).evaluate(view);
    LocalDate today = LocalDate.ofInstant(now, config.timezone());
    FxRates fx = view.fx(config.fx());
    LocalDate since = period.first().minusDays(NEW_AFTER_DAYS);
    Map<String, AccountView> accounts = new HashMap<>();
    view.accounts().forEach(a -> accounts.put(a.id(), a));

    // Per account and dimension: the period's spend, and whether any was stored in the weeks before.
    Map<String, Map<String, Figures>> byDimension = new TreeMap<>();
    for (StoredObservation row : history.latest(since, period.last())) {
      Observation o = row.observation();
      AccountView account = accounts.get(row.account());
      if (o.kind() != ObservationKind.SPEND || account == null || o.value().signum() == 0) {
        continue;
      }
      Money amount = fx.convert(o.money(), account.account().currency());
      Figures f = byDimension.computeIfAbsent(row.account(), k -> new TreeMap<>())
          .computeIfAbsent(Movements.subject(o), k -> new Figures());
      if (within(o.day(), period)) {
        f.now = f.now.map(m -> m.plus(amount)).or(() -> Optional.of(amount));
        f.provenance.add(o.provenance());
        f.firstDay = f.firstDay == null || o.day().isBefore(f.firstDay) ? o.day() : f.firstDay;
      } else {
        f.earlier = true;
      }
    }

    // A period every day of which successful collects asked about, without a figure, cost nothing
    // (a flat fee charged on another day); one nobody asked about has no figures, not a zero.
    Map<String, List<DayRange>> asked = history.coveredWindows(period.first(), period.last());
    List<Digest.AccountLine> lines = new ArrayList<>();
    Optional<Money> periodTotal = Optional.empty();
    List<Digest.NewResource> fresh = new ArrayList<>();
    for (AccountView a : view.accounts()) {
      Map<String, Figures> dims = byDimension.getOrDefault(a.id(), Map.of());
      Optional<Money> spend = Optional.empty();
      Set<Provenance> provenance = EnumSet.noneOf(Provenance.class);
      for (Map.Entry<String, Figures> e : dims.entrySet()) {
        Figures f = e.getValue();
        if (f.now.isPresent()) {
          Money m = f.now.get();
          spend = spend.map(s -> s.plus(m)).or(() -> Optional.of(m));
          provenance.addAll(f.provenance);
          if (!f.earlier) {
            fresh.add(new Digest.NewResource(a.id(), e.getKey(), f.firstDay, m, f.provenance));
          }
        }
      }
      if (spend.isEmpty() && everyDayAsked(asked.getOrDefault(a.id(), List.of()), period)) {
        spend = Optional.of(Money.zero(a.account().currency()));
      }
      Optional<Money> reporting = spend.map(a::toReporting);
      if (reporting.isPresent()) {
        Money r = reporting.get();
        periodTotal = periodTotal.map(t -> t.plus(r)).or(() -> Optional.of(r));
      }
      boolean figures = a.hasFigures();
      lines.add(new Digest.AccountLine(a.id(), a.account().providerName(), spend, reporting, provenance,
          figures ? Optional.of(a.spend()) : Optional.empty(), a.provenance(), a.cap(),
          figures ? a.capRatio() : Optional.empty(), figures ? Optional.of(a.forecast()) : Optional.empty(),
          a.forecastProvenance()));
    }
    Comparison compared = period.kind() == Period.Kind.DAY
        ? new Movements(config).yesterday(history, period.last().plusDays(1))
        : new Movements(config).sums(history, span(period.previous()), span(period), today);
    // A change that rounds to 0.00 is no news: a fee prorated by day moves by a fraction of a cent
    // from a 30-day month to a 31-day one.
    List<Movement> movers = compared.movements().stream()
        .filter(m -> new BigDecimal(m.difference().displayAmount()).signum() != 0)
        .limit(TOP_MOVERS).toList();
    fresh.sort(Comparator.comparing((Digest.NewResource r) -> reporting(accounts, r.account(), r.spend().amount()))
        .reversed().thenComparing(Digest.NewResource::account).thenComparing(Digest.NewResource::dimension));

    List<Digest.Alert> stale = new ArrayList<>();
    List<Digest.Alert> breaches = new ArrayList<>();
    for (ThresholdResult t : check.thresholds()) {
      Digest.Alert alert = new Digest.Alert(t.status().name(), t.subject(), t.name(), t.message());
      if (t.name().equals("freshness") && t.status() == Status.UNKNOWN) {
        stale.add(alert);
      } else if (t.breached() && !t.name().equals("freshness")) {
        breaches.add(alert);
      }
    }
    breaches.sort(Comparator.comparing((Digest.Alert b) -> Status.valueOf(b.status()) == Status.CRITICAL ? 0 : 1));

    List<Digest.QuotaLine> quotas = new ArrayList<>();
    for (AccountView a : view.accounts()) {
      for (UsageView u : a.usage()) {
        if (u.quota().isPresent() && u.ratio().isPresent() && u.ratio().get().compareTo(NEAR_QUOTA) >= 0) {
          quotas.add(new Digest.QuotaLine(a.id(), u.metric(), u.value(), u.quota().get().value(), u.unit(),
              u.ratio().get()));
        }
      }
    }
    quotas.sort(Comparator.comparing(Digest.QuotaLine::ratio).reversed().thenComparing(Digest.QuotaLine::account)
        .thenComparing(Digest.QuotaLine::metric));

    boolean closed = month.isBefore(YearMonth.from(today));
    boolean figures = view.hasFigures();
    Digest.Month summary = new Digest.Month(month, closed ? month.lengthOfMonth()
        : month.isAfter(YearMonth.from(today)) ? 0 : today.getDayOfMonth(), closed,
        figures ? Optional.of(view.total()) : Optional.empty(),
        figures ? Optional.of(view.totalForecast()) : Optional.empty(), view.cap(),
        figures ? view.capRatio() : Optional.empty());
    return new Digest(period, compared.basis(), compared.before(), now, config.demo(), config.currency(), summary,
        periodTotal, lines, movers, fresh, stale, breaches, quotas);
  }

  private static dev.costmon.movement.Period span(Period period) {
    return new dev.costmon.movement.Period(period.first(), period.last());
  }

  private static BigDecimal reporting(Map<String, AccountView> accounts, String account, BigDecimal amount) {
    AccountView a = accounts.get(account);
    return a.toReporting(new Money(amount, a.account().currency())).amount();
  }

  private static boolean within(LocalDate day, Period period) {
    return !day.isBefore(period.first()) && !day.isAfter(period.last());
  }

  /** One dimension's spend while the figures are read. */
  private static final class Figures {
    Optional<Money> now = Optional.empty();
    boolean earlier;
    LocalDate firstDay;
    final Set<Provenance> provenance = EnumSet.noneOf(Provenance.class);
  }

  private static boolean everyDayAsked(List<DayRange> windows, Period period) {
    for (LocalDate d = period.first(); !d.isAfter(period.last()); d = d.plusDays(1)) {
      LocalDate day = d;
      if (windows.stream().noneMatch(w -> w.contains(day))) {
        return false;
      }
    }
    return true;
  }
}
