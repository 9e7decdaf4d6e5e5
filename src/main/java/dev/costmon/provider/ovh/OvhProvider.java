package dev.costmon.provider.ovh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.config.Account;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.MonthToDate;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.ProviderType;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code provider: ovh}: OVHcloud bills and the current month's pay-as-you-go consumption through
 * the signed API v1.
 *
 * <p>Spend follows the bills: each bill counts on the day it is dated ({@code invoice}), and the
 * current month's pay-as-you-go consumption, which has no daily split, sits on the month's first
 * day per plan code ({@code api}); each run's snapshot replaces the previous one. Once a month is
 * over, its pay-as-you-go figures are dropped from it because the next month's bill carries them,
 * so nothing is counted twice. Bills are read back to the previous month's first day (one request
 * per bill), and every day from there through today is answered in full.
 */
public final class OvhProvider implements ProviderType<OvhSettings> {
  static final String BILLS = "bills";
  /** A bound on the per-bill requests of one run; two months of an account's bills fit well below it. */
  static final int MAX_BILLS = 200;

  @Override
  public String name() {
    return "ovh";
  }

  @Override
  public Class<OvhSettings> settingsType() {
    return OvhSettings.class;
  }

  /** Bills and current consumption in money only: no usage metric, so any rates: entry is a mistake. */
  @Override
  public Optional<Set<String>> usageMetrics(OvhSettings settings) {
    return Optional.of(Set.of());
  }

  @Override
  public Backfill backfill(OvhSettings settings) {
    return Backfill.currentOnly("bills are read for this month and the last only");
  }

  @Override
  public Optional<String> probe(Account account, OvhSettings settings, ProviderContext context)
      throws ProviderException {
    OvhApi api = new OvhApi(settings, context);
    long delta = api.syncClock();
    api.get(OvhApi.CURRENT, Map.of());
    return Optional.of("GET " + OvhApi.CURRENT + " answered (clock offset " + delta + " s)");
  }

  @Override
  public List<Observation> collect(Account account, OvhSettings settings, CollectWindow window,
      ProviderContext context) throws ProviderException {
    OvhApi api = new OvhApi(settings, context);
    Prices prices = new Prices(context.log());
    LocalDate utcToday = LocalDate.ofInstant(window.now(), ZoneOffset.UTC);
    YearMonth month = YearMonth.from(utcToday);
    LocalDate first = month.minusMonths(1).atDay(1);
    LocalDate last = utcToday.isAfter(window.to()) ? utcToday : window.to();
    if (window.from().isBefore(first)) {
      context.log().accept("ovh: bills are read back to " + first + " only; days from " + window.from()
          + " keep their stored figures");
    }

    Consumption current = Consumption.parse(api.get(OvhApi.CURRENT, Map.of()), OvhApi.CURRENT, prices);
    Optional<Consumption> forecast = forecast(api, prices, context);
    List<Bill> bills = bills(api, prices, first, last, context);

    Map<LocalDate, Map<String, Money>> spend = new TreeMap<>();
    List<Observation> result = new ArrayList<>();
    for (Bill bill : bills) {
      if (!bill.date().isBefore(first) && !bill.date().isAfter(last)) {
        Map<String, Money> day = spend.computeIfAbsent(bill.date(), d -> new TreeMap<>());
        Money before = day.get(BILLS);
        day.put(BILLS, before == null ? bill.amount() : Consumption.plus(before, bill.amount(), "bill " + bill.id()));
      }
    }
    for (Map.Entry<YearMonth, Map<String, Money>> e : current.byMonth().entrySet()) {
      if (!e.getKey().equals(month)) {
        context.log().accept("ovh: ignoring current consumption of " + e.getKey() + ", not the UTC month " + month
            + " (a month's pay-as-you-go counts on its bill once the month is over)");
        continue;
      }
      for (Map.Entry<String, Money> plan : e.getValue().entrySet()) {
        result.add(Observation.spend(month.atDay(1), plan.getKey(), plan.getValue(), Provenance.API));
      }
    }
    Currency currency = currency(bills, current, account.currency());
    LocalDate monthStart = month.atDay(1);
    boolean paygRows = current.byMonth().containsKey(month) && !current.byMonth().get(month).isEmpty();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      Map<String, Money> rows = spend.getOrDefault(day, Map.of());
      for (Map.Entry<String, Money> row : rows.entrySet()) {
        result.add(Observation.spend(day, row.getKey(), row.getValue(), Provenance.INVOICE));
      }
      if (rows.isEmpty() && !(paygRows && day.equals(monthStart))) {
        // An explicit zero: the day was answered, and a bill withdrawn since the last run must go.
        result.add(Observation.spend(day, "", Money.zero(currency), Provenance.API));
      }
    }
    result.add(monthForecast(month, bills, current, forecast, currency, window));
    return result;
  }

  /**
   * The month's bills so far plus its pay-as-you-go forecast; OVH's forecast when it answered
   * ({@code api}), else the month to date extrapolated ({@code estimate}).
   */
  private static Observation monthForecast(YearMonth month, List<Bill> bills, Consumption current,
      Optional<Consumption> forecast, Currency currency, CollectWindow window) throws ProviderException {
    Money total = Money.zero(currency);
    for (Bill bill : bills) {
      if (YearMonth.from(bill.date()).equals(month)) {
        total = Consumption.plus(total, bill.amount(), "bill " + bill.id());
      }
    }
    Money soFar = current.total(month).orElse(Money.zero(currency));
    Money payg;
    Provenance provenance;
    if (forecast.isPresent()) {
      Money predicted = forecast.get().total(month).orElse(Money.zero(soFar.currency()));
      // A forecast below what is already consumed is stale; the month cannot end lower.
      payg = predicted.currency().equals(soFar.currency()) && predicted.compareTo(soFar) < 0 ? soFar : predicted;
      provenance = Provenance.API;
    } else {
      payg = MonthToDate.forecast(soFar, month.atDay(1), window.now(), ZoneOffset.UTC);
      provenance = Provenance.ESTIMATE;
    }
    return Observation.forecast(month.atDay(1), Consumption.plus(total, payg, "forecast of " + month), provenance);
  }

  private static Optional<Consumption> forecast(OvhApi api, Prices prices, ProviderContext context) {
    try {
      return Optional.of(Consumption.parse(api.get(OvhApi.FORECAST, Map.of()), OvhApi.FORECAST, prices));
    } catch (ProviderException e) {
      context.log().accept("ovh: no forecast from " + OvhApi.FORECAST + " (" + e.getMessage()
          + "); extrapolating the month to date instead");
      return Optional.empty();
    }
  }

  private static List<Bill> bills(OvhApi api, Prices prices, LocalDate first, LocalDate last, ProviderContext context)
      throws ProviderException {
    List<String> ids = api.billIds(first.toString(), last.plusDays(1).toString());
    if (ids.size() > MAX_BILLS) {
      throw new ProviderException(Kind.OTHER, ids.size() + " bills since " + first + ", more than the " + MAX_BILLS
          + " costmon reads in one run");
    }
    List<Bill> bills = new ArrayList<>();
    for (String id : ids) {
      Bill bill = Bill.from(api.bill(id), OvhApi.BILLS + "/" + id, prices);
      context.log().accept("ovh: bill " + bill.id() + " of " + bill.date() + ": " + bill.amount() + " without tax");
      bills.add(bill);
    }
    return bills;
  }

  /** The account's billing currency as OVH reports it; the config's only when OVH has shown no amount. */
  private static Currency currency(List<Bill> bills, Consumption current, Currency fallback) {
    for (Map<String, Money> plans : current.byMonth().values()) {
      for (Money m : plans.values()) {
        return m.currency();
      }
    }
    return bills.isEmpty() ? fallback : bills.get(0).amount().currency();
  }
}
