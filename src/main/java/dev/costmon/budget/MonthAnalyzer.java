package dev.costmon.budget;

import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.FxRates;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Provenance;
import dev.costmon.model.Quantity;
import dev.costmon.model.Tags;
import dev.costmon.fx.MonthRates;
import dev.costmon.fx.RateHistory;
import dev.costmon.store.CollectionState;
import dev.costmon.store.DayRange;
import dev.costmon.store.DaySpend;
import dev.costmon.store.ExchangeRates;
import dev.costmon.store.History;
import dev.costmon.store.SnapshotStatus;
import dev.costmon.store.StoredObservation;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
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
import java.util.stream.Collectors;

/**
 * Turns the stored history into a {@link MonthView}: month-to-date spend per account in its own and
 * the reporting currency (at the month's rates, see {@link RateHistory}), cap ratios, forecast, usage against quotas, a 30-day trend and freshness.
 */
public final class MonthAnalyzer {
  /** Days in the trend sparkline of the current month; a closed month's trend is the whole month. */
  public static final int TREND_DAYS = 30;

  private final CostmonConfig config;

  public MonthAnalyzer(CostmonConfig config) {
    this.config = config;
  }

  public MonthView analyze(History history, YearMonth month, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, config.timezone());
    LocalDate end = month.atEndOfMonth().isBefore(today) ? month.atEndOfMonth() : today;
    // A closed month is looked at as a whole: 30 days back from a 31st would leave out its 1st.
    LocalDate trendStart = month.atEndOfMonth().isBefore(today) ? month.atDay(1) : end.minusDays(TREND_DAYS - 1);
    LocalDate monthStart = month.atDay(1);
    Map<String, List<Observation>> byAccount = history.latest(monthStart, month.atEndOfMonth()).stream()
        .collect(Collectors.groupingBy(StoredObservation::account, LinkedHashMap::new,
            Collectors.mapping(StoredObservation::observation, Collectors.toList())));
    // The trend's days before the month need only each day's spend, not the figures themselves.
    boolean trendBefore = trendStart.isBefore(monthStart);
    Map<String, List<DaySpend>> spendBefore = trendBefore
        ? history.spendByDay(trendStart, monthStart.minusDays(1)).stream()
            .collect(Collectors.groupingBy(DaySpend::account))
        : Map.of();
    // An account judged by its data's age, without figures this month: its newest day before it.
    boolean newestNeeded = trendBefore && config.accounts().stream()
        .anyMatch(a -> a.provider().judgesFreshnessByData() && !byAccount.containsKey(a.id()));
    Map<String, LocalDate> newestBefore = newestNeeded
        ? history.newestDays(trendStart, monthStart.minusDays(1)) : Map.of();
    Map<String, CollectionState> states = history.collectionStates();
    Map<String, List<DayRange>> covered = history.coveredWindows(trendStart, end);
    MonthRates rates = RateHistory.forMonth(config.fx(), new ExchangeRates(history).all(), month, today);
    FxRates fx = rates.rates();
    List<AccountView> views = new ArrayList<>();
    Money total = Money.zero(config.currency());
    Money totalForecast = Money.zero(config.currency());
    for (Account account : config.accounts()) {
      AccountView view = new AccountMonth(account, month, today, end, trendStart, fx, now)
          .view(byAccount.getOrDefault(account.id(), List.of()), spendBefore.getOrDefault(account.id(), List.of()),
              Optional.ofNullable(newestBefore.get(account.id())), Optional.ofNullable(states.get(account.id())),
              covered.getOrDefault(account.id(), List.of()));
      views.add(view);
      total = total.plus(view.spendReporting());
      totalForecast = totalForecast.plus(fx.toReporting(view.forecast()));
    }
    Money totalFinal = total;
    Optional<BigDecimal> capRatio = config.cap().map(cap -> ratio(fx.convert(totalFinal, cap.currency()), cap));
    return new MonthView(month, now, views, total, totalForecast, config.cap(), capRatio,
        Attribution.of(views, config.attribution(), config.currency()), rates.used());
  }

  static BigDecimal ratio(Money value, Money of) {
    return Ratios.of(value, of);
  }

  /** The computation for one account and month. */
  private static final class AccountMonth {
    private final Account account;
    private final YearMonth month;
    private final LocalDate end;
    private final LocalDate trendStart;
    private final FxRates fx;
    private final Instant now;
    private final boolean closed;

    AccountMonth(Account account, YearMonth month, LocalDate today, LocalDate end, LocalDate trendStart, FxRates fx,
        Instant now) {
      this.account = account;
      this.month = month;
      this.end = end;
      this.trendStart = trendStart;
      this.fx = fx;
      this.now = now;
      this.closed = month.isBefore(YearMonth.from(today));
    }

    /**
     * @param rows the month's current figures
     * @param spendBefore the spend of the trend's days before the month (none for a closed month)
     * @param newestBefore the newest day with a figure before the month, when the account needs it
     */
    AccountView view(List<Observation> rows, List<DaySpend> spendBefore, Optional<LocalDate> newestBefore,
        Optional<CollectionState> state, List<DayRange> askedWindows) {
      Currency currency = account.currency();
      Money spend = Money.zero(currency);
      Money fixedSpend = Money.zero(currency);
      Money variableSpend = Money.zero(currency);
      int lastVariableDay = 0;
      Set<Provenance> provenance = EnumSet.noneOf(Provenance.class);
      Map<String, Money> services = new TreeMap<>();
      Map<String, Provenance> serviceProvenance = new LinkedHashMap<>();
      // Per service, its spend by provider tags (keyed by their stored form, so parts sort stably).
      Map<String, Map<String, ServiceSpend.Part>> serviceParts = new TreeMap<>();
      Map<LocalDate, Money> daily = new TreeMap<>();
      List<Observation> forecasts = new ArrayList<>();
      List<Observation> usage = new ArrayList<>();
      for (Observation o : rows) {
        boolean inMonth = YearMonth.from(o.day()).equals(month);
        switch (o.kind()) {
          case SPEND -> {
            Money amount = fx.convert(o.money(), currency);
            if (!o.day().isBefore(trendStart) && !o.day().isAfter(end)) {
              daily.merge(o.day(), amount, Money::plus);
            }
            if (!inMonth) {
              continue;
            }
            spend = spend.plus(amount);
            provenance.add(o.provenance());
            String service = o.dimension().isEmpty() ? "(account)" : o.dimension();
            services.merge(service, amount, Money::plus);
            serviceProvenance.put(service, o.provenance());
            serviceParts.computeIfAbsent(service, k -> new TreeMap<>()).merge(Tags.encode(o.tags()),
                new ServiceSpend.Part(o.tags(), amount), ServiceSpend.Part::plus);
            if (o.provenance() == Provenance.FIXED) {
              fixedSpend = fixedSpend.plus(amount);
            } else {
              variableSpend = variableSpend.plus(amount);
              lastVariableDay = Math.max(lastVariableDay, o.day().getDayOfMonth());
            }
          }
          case FORECAST -> {
            if (inMonth) {
              forecasts.add(o);
            }
          }
          case USAGE -> {
            if (inMonth) {
              usage.add(o);
            }
          }
        }
      }
      for (DaySpend before : spendBefore) {
        daily.merge(before.day(), fx.convert(before.amount(), currency), Money::plus);
      }
      // Usage with a configured rate becomes an estimate of spend, shown as its own service, except on
      // the days the provider reported spend itself: its figure wins, and the estimate is kept beside it.
      List<UsageView> usageViews = usage(usage);
      List<Observation> reported = rows.stream()
          .filter(o -> o.kind() == ObservationKind.SPEND && YearMonth.from(o.day()).equals(month)
              && (o.provenance() == Provenance.API || o.provenance() == Provenance.INVOICE) && !o.money().isZero())
          .toList();
      Money estimateForecast = Money.zero(currency);
      List<Reconciliation> reconciliation = new ArrayList<>();
      for (Estimates.Priced priced : Estimates.price(account.rates(), usage, month, currency, fx)) {
        Money counted = Money.zero(currency);
        Money covered = Money.zero(currency);
        Money actual = Money.zero(currency);
        int coveredDays = 0;
        boolean uncovered = false;
        for (Map.Entry<LocalDate, Money> day : priced.daily().entrySet()) {
          List<Observation> actualOfDay = reported.stream()
              .filter(o -> o.day().equals(day.getKey()) && priced.rule().service()
                  .map(g -> g.matches(o.dimension().isEmpty() ? "(account)" : o.dimension())).orElse(true))
              .toList();
          if (actualOfDay.isEmpty()) {
            counted = counted.plus(day.getValue());
            uncovered = true;
          } else {
            covered = covered.plus(day.getValue());
            for (Observation o : actualOfDay) {
              actual = actual.plus(fx.convert(o.money(), currency));
            }
            coveredDays++;
          }
        }
        if (coveredDays > 0) {
          reconciliation.add(new Reconciliation(priced.rule().label(), coveredDays, covered, actual));
        }
        if (!uncovered) {
          continue;
        }
        String service = priced.rule().label();
        services.merge(service, counted, Money::plus);
        serviceProvenance.put(service, Provenance.ESTIMATE);
        Money countedFinal = counted;
        serviceParts.computeIfAbsent(service, k -> new TreeMap<>())
            .merge("", new ServiceSpend.Part(Map.of(), countedFinal), ServiceSpend.Part::plus);
        spend = spend.plus(counted);
        provenance.add(Provenance.ESTIMATE);
        // Where the provider reports spend, its own days are extrapolated already: the estimate only
        // fills the days it has not reported yet.
        estimateForecast = estimateForecast.plus(coveredDays == 0 ? priced.forecast() : counted);
      }
      Forecast base = forecast(spend, fixedSpend, variableSpend, lastVariableDay, forecasts, provenance);
      Forecast forecast = closed ? base : new Forecast(base.amount().plus(estimateForecast),
          estimateForecast.isZero() ? base.provenance() : Provenance.ESTIMATE);
      // Zero lines (explicit "nothing on this day" rows) change no total and only clutter a breakdown.
      List<ServiceSpend> breakdown = services.entrySet().stream()
          .filter(e -> !e.getValue().isZero())
          .map(e -> new ServiceSpend(e.getKey(), e.getValue(), serviceProvenance.get(e.getKey()),
              parts(serviceParts.get(e.getKey()))))
          .sorted(Comparator.comparing((ServiceSpend s) -> s.amount().amount()).reversed()
              .thenComparing(ServiceSpend::service))
          .toList();
      List<DailySpend> trend = new ArrayList<>();
      for (LocalDate d = trendStart; !d.isAfter(end); d = d.plusDays(1)) {
        LocalDate day = d;
        boolean known = daily.containsKey(d)
            || askedWindows.stream().anyMatch(w -> w.contains(day));
        trend.add(new DailySpend(d, daily.getOrDefault(d, Money.zero(currency)), known));
      }
      Money spendFinal = spend;
      Optional<BigDecimal> capRatio = account.cap().map(cap -> ratio(fx.convert(spendFinal, cap.currency()), cap));
      Optional<BigDecimal> forecastRatio =
          account.cap().map(cap -> ratio(fx.convert(forecast.amount(), cap.currency()), cap));
      Optional<Instant> fresh = state.flatMap(CollectionState::lastSuccess);
      if (account.provider().judgesFreshnessByData()) {
        // The end of the newest day with data: a feed lagging days behind its successful calls goes stale.
        Optional<Instant> newestData = rows.stream().map(Observation::day).max(LocalDate::compareTo)
            .or(() -> newestBefore)
            .map(d -> d.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        fresh = fresh.flatMap(t -> newestData.map(d -> d.isBefore(t) ? d : t));
      }
      boolean stale = fresh.map(t -> Duration.between(t, now).compareTo(account.maxAge()) > 0).orElse(true);
      Optional<String> condition = state
          .filter(s -> s.lastStatus() == SnapshotStatus.CONDITION)
          .flatMap(CollectionState::lastError);
      return new AccountView(account, spend, fx.toReporting(spend), fx.rate(currency).orElseThrow(), provenance,
          breakdown, account.cap(), capRatio, forecast.amount(), forecast.provenance(), forecastRatio,
          usageViews, trend, state, stale, condition, reconciliation);
    }

    /** A service's non-zero parts by tags; none (one untagged part) for a service priced by rates:. */
    private static List<ServiceSpend.Part> parts(Map<String, ServiceSpend.Part> byTags) {
      if (byTags == null) {
        return List.of();
      }
      return byTags.values().stream().filter(p -> !p.amount().isZero()).toList();
    }

    /**
     * A provider's own forecast wins; otherwise fixed fees count at their known monthly amount and
     * the rest is extrapolated linearly from the days that have data.
     */
    private Forecast forecast(Money spend, Money fixedSpend, Money variableSpend, int lastVariableDay,
        List<Observation> forecasts, Set<Provenance> provenance) {
      Currency currency = account.currency();
      if (closed) {
        // A closed month's forecast is its total, as certain as the figures it is made of.
        return new Forecast(spend, weakest(provenance));
      }
      Money providerForecast = Money.zero(currency);
      Money fixedForecast = Money.zero(currency);
      boolean hasProvider = false;
      Set<Provenance> providerProvenance = EnumSet.noneOf(Provenance.class);
      boolean hasFixed = false;
      for (Observation o : forecasts) {
        Money amount = fx.convert(o.money(), currency);
        if (o.provenance() == Provenance.FIXED) {
          fixedForecast = fixedForecast.plus(amount);
          hasFixed = true;
        } else {
          providerForecast = providerForecast.plus(amount);
          providerProvenance.add(o.provenance());
          hasProvider = true;
        }
      }
      if (hasProvider) {
        return new Forecast(providerForecast, weakest(providerProvenance));
      }
      Money fixedPart = hasFixed ? fixedForecast : fixedSpend;
      Money variablePart = lastVariableDay == 0
          ? variableSpend
          : new Money(variableSpend.amount().multiply(BigDecimal.valueOf(month.lengthOfMonth()))
              .divide(BigDecimal.valueOf(lastVariableDay), MathContext.DECIMAL64), currency);
      Provenance p = variableSpend.isZero() && lastVariableDay == 0 ? Provenance.FIXED : Provenance.ESTIMATE;
      return new Forecast(fixedPart.plus(variablePart), p);
    }

    /** The least certain of the month's sources: one estimate makes the total an estimate. */
    private static Provenance weakest(Set<Provenance> sources) {
      return Provenance.weakest(sources);
    }

    private List<UsageView> usage(List<Observation> rows) {
      Map<String, List<Observation>> byMetric = rows.stream()
          .collect(Collectors.groupingBy(Observation::metric, TreeMap::new, Collectors.toList()));
      List<UsageView> out = new ArrayList<>();
      for (Map.Entry<String, List<Observation>> e : byMetric.entrySet()) {
        List<Observation> list = e.getValue();
        Observation first = list.get(0);
        BigDecimal value;
        if (first.aggregation() == Aggregation.LAST) {
          LocalDate last = list.stream().map(Observation::day).max(LocalDate::compareTo).orElseThrow();
          value = list.stream().filter(o -> o.day().equals(last)).map(Observation::value)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
        } else {
          value = list.stream().map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        out.add(usageView(e.getKey(), first.unit(), value, first.aggregation()));
      }
      for (Map.Entry<String, Quantity> quota : account.quotas().entrySet()) {
        if (!byMetric.containsKey(quota.getKey())) {
          out.add(usageView(quota.getKey(), quota.getValue().unit(), BigDecimal.ZERO, Aggregation.SUM));
        }
      }
      return out;
    }

    private UsageView usageView(String metric, String unit, BigDecimal value, Aggregation aggregation) {
      Optional<Quantity> quota = Optional.ofNullable(account.quotas().get(metric)).filter(q -> q.fits(unit));
      Optional<BigDecimal> ratio = quota.map(q -> Ratios.of(value, q.value()));
      return new UsageView(metric, unit, value, aggregation, quota, ratio);
    }
  }

  private record Forecast(Money amount, Provenance provenance) {}
}
