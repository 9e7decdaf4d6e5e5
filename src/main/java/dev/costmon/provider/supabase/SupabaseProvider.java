package dev.costmon.provider.supabase;

import dev.costmon.config.Account;
import dev.costmon.model.Aggregation;
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
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code provider: supabase}: the organisation's plan fee ({@code fixed}), the projects' add-ons
 * priced from the API ({@code estimate}, less the plan's compute credits), and per project the API
 * requests per day, the database size and the disk used. The Management API exposes no spend,
 * egress, MAU, storage size or function invocations, so none of those is reported.
 *
 * <p>One collect makes 2 + 4 calls per project (3 with {@code database_size: false}), each to a
 * different endpoint, well inside the 120/min (30/min for usage counts) per-endpoint limits.
 */
public final class SupabaseProvider implements ProviderType<SupabaseSettings> {
  static final Currency USD = Currency.getInstance("USD");
  static final String API_REQUESTS = "api_requests";
  static final String COMPUTE_CREDITS = "compute credits";
  /** How far back {@code usage.api-counts?interval=7day} reaches. */
  private static final int API_COUNTS_DAYS = 7;
  private static final BigDecimal HOURS_PER_DAY = BigDecimal.valueOf(24);

  @Override
  public String name() {
    return "supabase";
  }

  // The Management API allows 120 requests a minute per user (30 for the usage counts).
  @Override
  public OptionalInt accountsPerHost() {
    return ProviderType.RATE_LIMITED_ACCOUNTS_PER_HOST;
  }

  @Override
  public Class<SupabaseSettings> settingsType() {
    return SupabaseSettings.class;
  }

  @Override
  public Optional<Set<String>> usageMetrics(SupabaseSettings settings) {
    return Optional.of(Set.of(API_REQUESTS, "database_size_*", "disk_used_*"));
  }

  @Override
  public Backfill backfill(SupabaseSettings settings) {
    return Backfill.currentOnly("reports current usage and plan only");
  }

  @Override
  public Set<Currency> currencies(SupabaseSettings settings) {
    Set<Currency> currencies = new LinkedHashSet<>();
    currencies.add(USD);
    if (settings.planFee() != null) {
      currencies.add(settings.planFee().currency());
    }
    return currencies;
  }

  /**
   * Supabase's size limits hold per project, while costmon compares a metric summed over its
   * dimensions, so each listed project gets its own metrics and quotas. Both need the plan and the
   * refs from the config: the API is not asked before the config is loaded.
   */
  @Override
  public Map<String, Quantity> defaultQuotas(SupabaseSettings settings) {
    Map<String, Quantity> quotas = new LinkedHashMap<>();
    Optional<Plan> plan = Optional.ofNullable(settings.plan()).flatMap(Plan::fromApi);
    if (plan.isEmpty()) {
      return quotas;
    }
    for (String ref : settings.projects()) {
      if (plan.get().databaseSizeBytes() > 0) {
        quotas.put(databaseSizeMetric(ref), bytes(plan.get().databaseSizeBytes()));
      }
      if (plan.get().diskBytes() > 0) {
        quotas.put(diskUsedMetric(ref), bytes(plan.get().diskBytes()));
      }
    }
    return quotas;
  }

  @Override
  public List<Observation> collect(
      Account account, SupabaseSettings settings, CollectWindow window, ProviderContext context)
      throws ProviderException {
    SupabaseApi api = new SupabaseApi(settings, context);
    String planId = api.organizationPlan();
    Optional<Plan> plan = Plan.fromApi(planId);
    if (settings.plan() != null && !settings.plan().equals(planId)) {
      throw new ProviderException(Kind.CONDITION, "organisation " + settings.organization() + " is on the "
          + planId + " plan but the config says plan: " + settings.plan() + "; update it so the quotas match");
    }
    List<Observation> result = new ArrayList<>();
    List<Addon> allAddons = new ArrayList<>();
    Map<String, List<Addon>> addonsByRef = new LinkedHashMap<>();
    for (Project project : projects(api, settings, context)) {
      String ref = project.ref();
      List<Addon> addons = api.addons(ref);
      addonsByRef.put(ref, addons);
      allAddons.addAll(addons);
      result.addAll(apiRequests(ref, api.apiRequestsPerDay(ref), window));
      if (settings.databaseSize()) {
        result.add(Observation.usage(window.today(), databaseSizeMetric(ref), ref, api.databaseSize(ref),
            "bytes", Aggregation.LAST, Provenance.API));
      }
      result.add(Observation.usage(window.today(), diskUsedMetric(ref), ref, api.diskUsed(ref),
          "bytes", Aggregation.LAST, Provenance.API));
    }
    Optional<Money> fee = settings.planFee() != null
        ? Optional.of(settings.planFee()) : plan.flatMap(Plan::fee);
    if (fee.isEmpty()) {
      context.log().accept("no fee known for the " + planId + " plan; set plan_fee: to count it");
    }
    BigDecimal credits = plan.map(Plan::computeCredits).orElse(BigDecimal.ZERO);
    result.addAll(spend(window, planId, fee, addonsByRef, credits));
    return result;
  }

  /** The projects to collect: the configured ones, or all of the organisation; paused ones are skipped. */
  private static List<Project> projects(SupabaseApi api, SupabaseSettings settings, ProviderContext context)
      throws ProviderException {
    List<Project> all = api.projects();
    List<Project> chosen = new ArrayList<>();
    if (settings.projects().isEmpty()) {
      chosen.addAll(all);
    } else {
      for (String ref : settings.projects()) {
        chosen.add(all.stream().filter(p -> p.ref().equals(ref)).findFirst().orElseThrow(() ->
            new ProviderException(Kind.OTHER, "project " + ref + " is not in organisation "
                + settings.organization() + ", or the token cannot see it")));
      }
    }
    List<Project> running = new ArrayList<>();
    for (Project p : chosen) {
      if (p.running()) {
        running.add(p);
      } else {
        // A paused project has no database to ask and bills no compute.
        context.log().accept("project " + p.ref() + " is " + p.status() + ", skipped");
      }
    }
    return running;
  }

  /**
   * Requests per day for the days the 7-day look-back covers completely (its first day only
   * partly), within the window; a covered day without a bucket had no requests.
   */
  private static List<Observation> apiRequests(String ref, Map<LocalDate, BigDecimal> perDay, CollectWindow window) {
    LocalDate firstComplete = LocalDate.ofInstant(window.now(), ZoneOffset.UTC).minusDays(API_COUNTS_DAYS - 1);
    LocalDate from = firstComplete.isAfter(window.from()) ? firstComplete : window.from();
    List<Observation> out = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(window.to()); day = day.plusDays(1)) {
      out.add(Observation.usage(day, API_REQUESTS, ref, perDay.getOrDefault(day, BigDecimal.ZERO), "requests",
          Aggregation.SUM, Provenance.API));
    }
    return out;
  }

  /**
   * Spend for every day of the window: the plan fee on the month's first day, hourly add-ons at 24
   * hours a day, monthly add-ons spread evenly over the month's days, and the plan's compute
   * credits spread the same way against the compute add-ons. Spreading keeps each day's estimate
   * constant, so costmon's linear forecast of the estimates comes out at the month's total.
   */
  private static List<Observation> spend(CollectWindow window, String planId, Optional<Money> fee,
      Map<String, List<Addon>> addonsByRef, BigDecimal credits) {
    List<Observation> out = new ArrayList<>();
    Set<YearMonth> months = new LinkedHashSet<>();
    for (LocalDate day = window.from(); !day.isAfter(window.to()); day = day.plusDays(1)) {
      YearMonth month = YearMonth.from(day);
      months.add(month);
      List<Observation> rows = new ArrayList<>();
      if (day.getDayOfMonth() == 1 && fee.isPresent()) {
        rows.add(Observation.spend(day, "plan " + planId, fee.get(), Provenance.FIXED));
      }
      BigDecimal computeMonth = BigDecimal.ZERO;
      for (Map.Entry<String, List<Addon>> e : addonsByRef.entrySet()) {
        for (Addon addon : e.getValue()) {
          BigDecimal daily = addon.hourly()
              ? addon.amount().multiply(HOURS_PER_DAY)
              : DailyShare.of(addon.amount(), day);
          rows.add(Observation.spend(day, e.getKey() + "/" + addon.type(), new Money(daily, USD), Provenance.ESTIMATE));
          if (addon.isCompute()) {
            computeMonth = computeMonth.add(addon.hourly()
                ? addon.amount().multiply(HOURS_PER_DAY).multiply(BigDecimal.valueOf(month.lengthOfMonth()))
                : addon.amount());
          }
        }
      }
      BigDecimal credit = credits.min(computeMonth);
      if (credit.signum() > 0) {
        rows.add(Observation.spend(day, COMPUTE_CREDITS, new Money(DailyShare.of(credit, day).negate(), USD),
            Provenance.ESTIMATE));
      }
      if (rows.isEmpty()) {
        rows.add(Observation.spend(day, "", Money.zero(USD), Provenance.API));
      }
      out.addAll(rows);
    }
    if (fee.isPresent()) {
      for (YearMonth month : months) {
        out.add(Observation.forecast(month.atDay(1), fee.get(), Provenance.FIXED));
      }
    }
    return out;
  }

  static String databaseSizeMetric(String ref) {
    return "database_size_" + metricSafe(ref);
  }

  static String diskUsedMetric(String ref) {
    return "disk_used_" + metricSafe(ref);
  }

  /** Refs are lower-case letters; anything else is folded so the metric name stays valid. */
  private static String metricSafe(String ref) {
    return ref.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_");
  }

  private static Quantity bytes(long value) {
    return new Quantity(BigDecimal.valueOf(value), "bytes");
  }
}
