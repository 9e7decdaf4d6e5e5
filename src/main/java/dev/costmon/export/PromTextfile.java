package dev.costmon.export;

import dev.costmon.Version;
import dev.costmon.budget.AccountView;
import dev.costmon.budget.Attribution;
import dev.costmon.budget.DailySpend;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.Ratios;
import dev.costmon.budget.ServiceSpend;
import dev.costmon.budget.TopN;
import dev.costmon.budget.UsageView;
import dev.costmon.config.AttributionRules;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import dev.costmon.model.Quantity;
import dev.costmon.model.Tags;
import dev.costmon.store.CollectionState;
import dev.costmon.store.SnapshotStatus;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The node_exporter textfile-collector file ({@code costmon.prom}) of one month: spend, caps,
 * forecasts, usage against quotas and collection freshness per account, as gauges without timestamps.
 *
 * <p>Figures that come from collected data are exported only for accounts collected successfully at
 * least once, so a new or broken account shows up as missing data (no last-success timestamp), never
 * as zero spend; configuration facts (caps, quotas, max age) are always exported.
 */
public final class PromTextfile {
  /** The analyzer's name for spend not split by service; alone, it would only repeat the account total. */
  static final String ACCOUNT_SERVICE = "(account)";

  /** The HELP of {@code costmon_demo}, here and in the OpenMetrics history export. */
  static final String DEMO_HELP =
      "1: every figure in this file is synthetic demo data (costmon demo mode), not real spend.";

  /** Every family this file may hold, with its HELP text; names are an interface (alert rules, dashboards). */
  private static final Map<String, String> HELP = help(
      "costmon_build_info", "costmon build that wrote this file; always 1, the version label names the release.",
      "costmon_demo", DEMO_HELP,
      "costmon_spend_month_to_date",
      "Month-to-date spend of the account in its own currency, named by the currency label.",
      "costmon_spend_month_to_date_reporting",
      "Month-to-date spend of the account converted at the configured rate into the reporting currency,"
          + " named by the currency label.",
      "costmon_spend_daily",
      "Spend of the account on the last complete day (yesterday), in its own currency named by the currency"
          + " label; written once a collection ran after that day ended, as the history export's daily samples.",
      "costmon_spend_daily_reporting",
      "Spend of the account on the last complete day (yesterday), converted at the configured rate into the"
          + " reporting currency named by the currency label.",
      "costmon_service_spend_month_to_date",
      "Month-to-date spend of the account's largest services in the currency named by the currency label;"
          + " service=\"other\" sums the rest, so the series add up to the account's spend.",
      "costmon_model_spend_month_to_date",
      "Month-to-date spend of the account's largest AI models in the currency named by the currency label;"
          + " model=\"unattributed\" is spend of no model (tools, storage, adjustments), model=\"other\" sums the"
          + " rest, so the series add up to the account's spend. Only accounts whose provider names models.",
      "costmon_cap", "Monthly spend cap of the account, in the currency named by the currency label.",
      "costmon_cap_used_ratio", "Month-to-date spend of the account divided by its monthly cap (1 = cap reached).",
      "costmon_forecast_month_end",
      "Projected month-end spend of the account (the provider's forecast, else fixed fees plus a linear"
          + " extrapolation), in the currency named by the currency label.",
      "costmon_forecast_cap_ratio", "Projected month-end spend of the account divided by its monthly cap.",
      "costmon_usage",
      "Month-to-date usage of a metric (summed, or the latest value for sizes), in the unit named by the unit label.",
      "costmon_quota", "Monthly quota (free-tier limit) of a usage metric, in the unit named by the unit label.",
      "costmon_quota_used_ratio", "Month-to-date usage of a metric divided by its quota (1 = quota reached).",
      "costmon_floor", "Level a usage metric (prepaid credits) must stay above, in the unit named by the unit label.",
      "costmon_last_success_timestamp_seconds", "Unix time of the account's last successful collection.",
      "costmon_max_age_seconds", "Age of the last successful collection beyond which the account's data is stale.",
      "costmon_collect_success",
      "1 if the account's last collection attempt succeeded, 0 if it failed or the provider reported a condition.",
      "costmon_collect_duration_seconds", "Duration of the account's last collection attempt.",
      "costmon_total_spend_month_to_date",
      "Month-to-date spend of all accounts in the reporting currency, named by the currency label.",
      "costmon_total_forecast_month_end",
      "Projected month-end spend of all accounts in the reporting currency, named by the currency label.",
      "costmon_total_cap", "Global monthly cap over all accounts, in the currency named by the currency label.",
      "costmon_total_cap_used_ratio",
      "Month-to-date spend of all accounts divided by the global cap (1 = cap reached).",
      "costmon_attributed_spend_month_to_date",
      "Month-to-date spend of all accounts with one value of a costmon label (attribution rules, else the"
          + " account's labels) in the reporting currency named by the currency label; value=\"unattributed\""
          + " has none, value=\"other\" sums the values beyond the top N, so the series of one label add up"
          + " to the total.",
      "costmon_provenance_spend_month_to_date",
      "Month-to-date spend of all accounts whose figures come from one source (provenance: invoice, api,"
          + " estimate, fixed, manual) in the reporting currency named by the currency label; the series add up"
          + " to the total.");

  private final int breakdownSeries;
  private final int attributionTop;
  private final ZoneId zone;
  private final String version;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.builder().build();

  /**
   * @param breakdownSeries services per account shown before {@code service="other"} (config breakdown_series)
   * @param attributionTop values per label shown before {@code value="other"} (config attribution.top)
   * @param zone where "yesterday" is, for the last complete day's spend (config timezone)
   */
  public PromTextfile(int breakdownSeries, int attributionTop, ZoneId zone) {
    this(breakdownSeries, attributionTop, zone, Version.current());
  }

  /** With days in UTC and a given version, as tests want it. */
  public PromTextfile(int breakdownSeries, String version) {
    this(breakdownSeries, AttributionRules.DEFAULT_TOP, ZoneOffset.UTC, version);
  }

  /** With days in UTC and a given version, as tests want it. */
  public PromTextfile(int breakdownSeries, int attributionTop, String version) {
    this(breakdownSeries, attributionTop, ZoneOffset.UTC, version);
  }

  public PromTextfile(int breakdownSeries, int attributionTop, ZoneId zone, String version) {
    if (breakdownSeries < 1) {
      throw new IllegalArgumentException("breakdownSeries must be at least 1, not " + breakdownSeries);
    }
    if (attributionTop < 1) {
      throw new IllegalArgumentException("attributionTop must be at least 1, not " + attributionTop);
    }
    this.breakdownSeries = breakdownSeries;
    this.attributionTop = attributionTop;
    this.zone = zone;
    this.version = version;
  }

  /** The file's content in the Prometheus text format. */
  public String render(MonthView view, boolean demo) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out, snapshots(view, demo));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Replaces {@code target} atomically with mode 0644; on failure the old file stays in place.
   *
   * @throws ExportException naming {@code target} and the cause
   */
  public void write(Path target, MonthView view, boolean demo) {
    MetricSnapshots snapshots = snapshots(view, demo);
    AtomicFile.write(target, out -> write(out, snapshots));
  }

  private void write(OutputStream out, MetricSnapshots snapshots) throws IOException {
    // Underscore escaping: node_exporter's parser only knows the classic metric name syntax.
    writer.write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
  }

  MetricSnapshots snapshots(MonthView view, boolean demo) {
    Gauges g = new Gauges();
    g.add("costmon_build_info", Labels.of("version", version), 1);
    if (demo) {
      g.add("costmon_demo", Labels.EMPTY, 1);
    }
    LocalDate yesterday = LocalDate.ofInstant(view.now(), zone).minusDays(1);
    for (AccountView account : view.accounts()) {
      addAccount(g, account);
      addLastCompleteDay(g, account, yesterday);
    }
    g.add("costmon_total_spend_month_to_date", currency(Labels.EMPTY, view.total()), number(view.total().amount()));
    g.add("costmon_total_forecast_month_end", currency(Labels.EMPTY, view.totalForecast()),
        number(view.totalForecast().amount()));
    view.cap().ifPresent(cap -> g.add("costmon_total_cap", currency(Labels.EMPTY, cap), number(cap.amount())));
    view.capRatio().ifPresent(r -> g.add("costmon_total_cap_used_ratio", Labels.EMPTY, number(r)));
    for (Map.Entry<Provenance, Money> p : byProvenance(view).entrySet()) {
      g.add("costmon_provenance_spend_month_to_date",
          currency(Labels.of("provenance", p.getKey().label()), p.getValue()), number(p.getValue().amount()));
    }
    Attribution attribution = view.attribution();
    for (String key : attribution.keys()) {
      for (ValueSeries v : bounded(attribution.totals(key), attributionTop)) {
        g.add("costmon_attributed_spend_month_to_date",
            currency(Labels.of("label", key, "value", v.value()), v.amount()), number(v.amount().amount()));
      }
    }
    return g.build();
  }

  /**
   * Yesterday's spend, once it is complete: only when the account was collected successfully after
   * the day ended, so a day nobody asked the provider about shows as absent, not as zero.
   */
  private void addLastCompleteDay(Gauges g, AccountView a, LocalDate yesterday) {
    Optional<Instant> lastSuccess = a.collection().flatMap(CollectionState::lastSuccess);
    if (lastSuccess.isEmpty() || lastSuccess.get().isBefore(yesterday.plusDays(1).atStartOfDay(zone).toInstant())) {
      return;
    }
    for (DailySpend d : a.trend()) {
      if (d.day().equals(yesterday) && d.known()) {
        Labels base = base(a);
        g.add("costmon_spend_daily", currency(base, d.amount()), number(d.amount().amount()));
        Money reporting = a.toReporting(d.amount());
        g.add("costmon_spend_daily_reporting", currency(base, reporting), number(reporting.amount()));
      }
    }
  }

  /** Spend in the reporting currency by the provenance of each service's figures, adding up to the total. */
  private static Map<Provenance, Money> byProvenance(MonthView view) {
    Map<Provenance, Money> out = new EnumMap<>(Provenance.class);
    for (AccountView a : view.accounts()) {
      if (!a.hasData()) {
        continue;
      }
      for (ServiceSpend s : a.services()) {
        out.merge(s.provenance(), a.toReporting(s.amount()), Money::plus);
      }
    }
    return out;
  }

  /** One series of a label's values. */
  record ValueSeries(String value, Money amount) {}

  /**
   * The {@code top} values with the most spend, then {@code unattributed} (always its own series, so
   * the share nobody owns stays visible) and one {@code other} series with the rest: at most top + 2
   * series, summing exactly to the total. A value literally named "other" joins the rest.
   *
   * @param totals spend per value, largest first
   */
  static List<ValueSeries> bounded(Map<String, Money> totals, int top) {
    List<ValueSeries> out = new ArrayList<>();
    TopN.of(totals, top, Set.of(Attribution.UNATTRIBUTED)).forEach((v, m) -> out.add(new ValueSeries(v, m)));
    return out;
  }

  /** The labels of every per-account series: the account, its provider and its costmon labels. */
  private static Labels base(AccountView a) {
    return Labels.of("account", a.id(), "provider", a.account().providerName())
        .merge(Labels.of(new ArrayList<>(a.account().labels().keySet()),
            new ArrayList<>(a.account().labels().values())));
  }

  private void addAccount(Gauges g, AccountView a) {
    Labels base = base(a);
    a.cap().ifPresent(cap -> g.add("costmon_cap", currency(base, cap), number(cap.amount())));
    g.add("costmon_max_age_seconds", base, seconds(a.account().maxAge()));
    Optional<CollectionState> state = a.collection();
    state.ifPresent(s -> {
      g.add("costmon_collect_success", base, s.lastStatus() == SnapshotStatus.OK ? 1 : 0);
      g.add("costmon_collect_duration_seconds", base, seconds(s.lastDuration()));
      s.lastSuccess().ifPresent(t -> g.add("costmon_last_success_timestamp_seconds", base, epochSeconds(t)));
    });
    for (UsageView u : a.usage()) {
      u.quota().ifPresent(q -> g.add("costmon_quota", base.add("metric", u.metric()).add("unit", u.unit()),
          number(q.value())));
      Quantity floor = a.account().floors().get(u.metric());
      if (floor != null) {
        g.add("costmon_floor", base.add("metric", u.metric()).add("unit", u.unit()), number(floor.value()));
      }
    }
    if (!a.hasData()) {
      return;
    }
    g.add("costmon_spend_month_to_date", currency(base, a.spend()), number(a.spend().amount()));
    g.add("costmon_spend_month_to_date_reporting", currency(base, a.spendReporting()),
        number(a.spendReporting().amount()));
    for (ServiceSeries s : breakdown(a.services(), breakdownSeries)) {
      g.add("costmon_service_spend_month_to_date", currency(base.add("service", s.service()), s.amount()),
          number(s.amount().amount()));
    }
    // An account with a label of that name keeps it: two labels of one name make no series.
    Map<String, Money> models = a.account().labels().containsKey(Tags.MODEL) ? Map.of() : byModel(a);
    TopN.of(models, breakdownSeries, Set.of(Attribution.UNATTRIBUTED)).forEach((model, m) ->
        g.add("costmon_model_spend_month_to_date", currency(base.add("model", model), m), number(m.amount())));
    a.capRatio().ifPresent(r -> g.add("costmon_cap_used_ratio", base, number(r)));
    g.add("costmon_forecast_month_end", currency(base, a.forecast()), number(a.forecast().amount()));
    a.forecastRatio().ifPresent(r -> g.add("costmon_forecast_cap_ratio", base, number(r)));
    for (UsageView u : a.usage()) {
      g.add("costmon_usage", base.add("metric", u.metric()).add("unit", u.unit()), number(u.value()));
      u.ratio().ifPresent(r -> g.add("costmon_quota_used_ratio", base.add("metric", u.metric()), number(r)));
    }
  }

  /**
   * The account's spend by the {@code model} tag its provider gives each line, spend of no model as
   * {@code unattributed}; empty when no line names a model (an account of a provider without models).
   */
  static Map<String, Money> byModel(AccountView a) {
    Map<String, Money> out = new TreeMap<>();
    boolean anyModel = false;
    for (ServiceSpend s : a.services()) {
      for (ServiceSpend.Part p : s.parts()) {
        String model = p.tags().get(Tags.MODEL);
        anyModel |= model != null;
        out.merge(model == null ? Attribution.UNATTRIBUTED : model, p.amount(), Money::plus);
      }
    }
    return anyModel ? out : Map.of();
  }

  /** One series of the service breakdown. */
  record ServiceSeries(String service, Money amount) {}

  /**
   * The {@code top} largest services and one {@code other} series with the rest, summing exactly to
   * the account's spend. A provider service literally named "other" joins the rest rather than
   * making a second series with the same labels. Empty for an account not split by service.
   */
  static List<ServiceSeries> breakdown(List<ServiceSpend> services, int top) {
    if (services.isEmpty()
        || (services.size() == 1 && services.get(0).service().equals(ACCOUNT_SERVICE))) {
      return List.of();
    }
    Map<String, Money> merged = new TreeMap<>();
    for (ServiceSpend s : services) {
      merged.merge(s.service(), s.amount(), Money::plus);
    }
    List<ServiceSeries> out = new ArrayList<>();
    TopN.of(merged, top, Set.of()).forEach((service, m) -> out.add(new ServiceSeries(service, m)));
    return out;
  }

  private static Labels currency(Labels labels, Money money) {
    return labels.add("currency", money.currency().getCurrencyCode());
  }

  /** The one place exact decimals become floats. */
  private static double number(BigDecimal value) {
    return Ratios.toDouble(value);
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static double epochSeconds(Instant t) {
    return t.toEpochMilli() / 1000.0;
  }

  private static Map<String, String> help(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return Map.copyOf(map);
  }

  /** Collects data points per family; a family without data points is left out of the file. */
  private static final class Gauges {
    private final Map<String, GaugeSnapshot.Builder> families = new LinkedHashMap<>();

    void add(String name, Labels labels, double value) {
      String help = HELP.get(name);
      if (help == null) {
        throw new IllegalArgumentException("metric " + name + " has no HELP text");
      }
      families.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help))
          .dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
    }

    /** Sorted by name, and within a family by labels, by the model; it rejects duplicate label sets. */
    MetricSnapshots build() {
      MetricSnapshots.Builder b = MetricSnapshots.builder();
      families.values().forEach(f -> b.metricSnapshot(f.build()));
      return b.build();
    }
  }
}
