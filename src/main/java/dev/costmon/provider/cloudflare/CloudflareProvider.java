package dev.costmon.provider.cloudflare;

import dev.costmon.config.Account;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.model.Quantity;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.ProviderType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code provider: cloudflare}: pay-as-you-go charges from the billable-usage API ({@code api}),
 * plan fees from the subscriptions ({@code fixed}), and Workers / R2 usage from the GraphQL
 * Analytics API against the free-tier quotas. Days are UTC days.
 */
public final class CloudflareProvider implements ProviderType<CloudflareSettings> {
  static final Currency USD = Currency.getInstance("USD");

  /** Said in the log when only plan fees can be read; the account is still collected. */
  static final String FALLBACK = "pay-as-you-go usage not enabled; plan fees from subscriptions";

  @Override
  public String name() {
    return "cloudflare";
  }

  // The API allows 1,200 requests per 5 minutes per user, across all of the user's tokens.
  @Override
  public OptionalInt accountsPerHost() {
    return ProviderType.RATE_LIMITED_ACCOUNTS_PER_HOST;
  }

  @Override
  public Class<CloudflareSettings> settingsType() {
    return CloudflareSettings.class;
  }

  /**
   * R2's analytics keep 31 days (Workers' about three months), so that is how far a backfill
   * reaches. The billable-usage API may keep more, but how much is not documented, and a period it no
   * longer holds answers an empty list, which would be stored as days of zero spend. About three
   * requests a window: the usage info, a billing period or two, the analytics.
   */
  @Override
  public Backfill backfill(CloudflareSettings settings) {
    return Backfill.lastOnly(Period.ofDays(AnalyticsUsage.RETAINED_DAYS - 1), 3,
        "analytics only cover the last " + AnalyticsUsage.RETAINED_DAYS + " days");
  }

  /**
   * Free: 100,000 Workers requests a day (Workers and Pages Functions together), watched as the
   * month's busiest day; paid: 10 million requests a month included. R2's free tier (any plan):
   * 10 GB-month storage, 1 million class A and 10 million class B operations a month.
   */
  @Override
  public Map<String, Quantity> defaultQuotas(CloudflareSettings settings) {
    Map<String, Quantity> quotas = new LinkedHashMap<>();
    if (settings.workersPlan() == WorkersPlan.FREE) {
      quotas.put(AnalyticsUsage.WORKERS_REQUESTS_PEAK_DAY, count(100_000));
    } else {
      quotas.put(AnalyticsUsage.WORKERS_REQUESTS, count(10_000_000));
    }
    if (settings.collectsR2()) {
      quotas.put(AnalyticsUsage.R2_STORAGE, Quantity.parse("10GB"));
      quotas.put(AnalyticsUsage.R2_CLASS_A, count(1_000_000));
      quotas.put(AnalyticsUsage.R2_CLASS_B, count(10_000_000));
    }
    return Map.copyOf(quotas);
  }

  /** Cloudflare prices (and subscription prices) are in US dollars. */
  @Override
  public Set<Currency> currencies(CloudflareSettings settings) {
    return Set.of(USD);
  }

  @Override
  public Optional<Set<String>> usageMetrics(CloudflareSettings settings) {
    return Optional.of(Set.of(AnalyticsUsage.WORKERS_REQUESTS, AnalyticsUsage.WORKERS_REQUESTS_PEAK_DAY,
        AnalyticsUsage.R2_CLASS_A, AnalyticsUsage.R2_CLASS_B, AnalyticsUsage.R2_STORAGE));
  }

  @Override
  public List<Observation> collect(
      Account account, CloudflareSettings settings, CollectWindow window, ProviderContext context)
      throws ProviderException {
    CloudflareApi api = new CloudflareApi(context, settings);
    BillableUsage.Outcome usage = new BillableUsage(api, context.log()).collect(window);
    List<PlanFees.Fee> fees;
    if (usage.notEnabled().isPresent()) {
      String reason = usage.notEnabled().get();
      try {
        fees = new PlanFees(api, context.log()).collect();
      } catch (ProviderException e) {
        if (e.kind() == Kind.CONDITION || e.kind() == Kind.AUTH || e.kind() == Kind.OTHER) {
          throw new ProviderException(Kind.CONDITION,
              "pay-as-you-go usage not enabled (" + reason + ") and subscriptions unavailable: " + e.getMessage(), e);
        }
        throw e;
      }
      context.log().accept(FALLBACK + " (" + reason + ")");
    } else {
      fees = new PlanFees(api, context.log()).collect();
    }
    List<Observation> result = new ArrayList<>(usage.rows());
    result.addAll(planFees(fees, window));
    result.addAll(new AnalyticsUsage(api, settings, context.log()).collect(window));
    return List.copyOf(result);
  }

  /**
   * Each month's plan fees on its first day, with the same total as a fixed forecast, for the
   * months whose first day is in the window.
   */
  private static List<Observation> planFees(List<PlanFees.Fee> fees, CollectWindow window) {
    List<Observation> out = new ArrayList<>();
    for (YearMonth month = YearMonth.from(window.from()); !month.isAfter(YearMonth.from(window.to()));
        month = month.plusMonths(1)) {
      LocalDate first = month.atDay(1);
      if (first.isBefore(window.from())) {
        continue;
      }
      Map<String, Money> byName = new TreeMap<>();
      Map<Currency, BigDecimal> totals = new TreeMap<>((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
      for (PlanFees.Fee fee : fees) {
        byName.merge(fee.name(), fee.monthly(), Money::plus);
        totals.merge(fee.monthly().currency(), fee.monthly().amount(), BigDecimal::add);
      }
      byName.forEach((name, amount) -> out.add(Observation.spend(first, name, amount, Provenance.FIXED)));
      totals.forEach((currency, total) ->
          out.add(Observation.forecast(first, new Money(total, currency), Provenance.FIXED)));
    }
    return out;
  }

  private static Quantity count(long value) {
    return new Quantity(BigDecimal.valueOf(value), Quantity.COUNT);
  }
}
