package dev.costmon.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.FxRates;
import dev.costmon.fx.DatedRate;
import dev.costmon.fx.MonthRates;
import dev.costmon.fx.RateBook;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Tags;
import dev.costmon.store.ExchangeRates;
import dev.costmon.store.History;
import dev.costmon.store.StoredObservation;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code costmon export}: the stored history of a date range as OpenMetrics with timestamps (for
 * {@code promtool tsdb create-blocks-from openmetrics}), as CSV or as JSON, with exact decimals in
 * CSV and JSON. Accounts no longer in the config are exported with provider {@code unknown}. Demo
 * data says so in every format: a {@code costmon_demo} series, a {@code demo} column, a {@code demo} field.
 * Money is converted with the rates of its month as {@code report} does (see
 * {@link dev.costmon.fx.RateHistory}), never with today's, so a closed month exports the same figures
 * whatever {@code fx:} says now; CSV and JSON carry the rate, its date and source on each row.
 */
public final class HistoryExport {
  /** The provider of observations whose account is no longer configured. */
  static final String UNKNOWN_PROVIDER = "unknown";

  private static final List<String> COLUMNS = List.of(
      "day", "account", "provider", "kind", "metric", "dimension", "value", "unit", "provenance", "tags",
      "collected_at", "demo", "reporting_value", "reporting_currency", "fx_rate", "fx_date", "fx_source");

  /** The columns that say how a row's money was converted; empty for usage. */
  private static final int FX_COLUMNS = 5;

  /**
   * The order of every export's rows (CSV, JSON, FOCUS): the columns' order, so two exports of the
   * same history are identical line by line. Here rather than on the stored record, so that report
   * and check never build it.
   */
  public static final Comparator<StoredObservation> ROW_ORDER =
      Comparator.comparing((StoredObservation s) -> s.observation().day())
          .thenComparing(StoredObservation::account)
          .thenComparing(s -> s.observation().kind())
          .thenComparing(s -> s.observation().metric())
          .thenComparing(s -> s.observation().dimension())
          .thenComparing(s -> Tags.encode(s.observation().tags()));

  /** The output formats of {@code costmon export --format}. */
  public enum Format {
    OPENMETRICS,
    CSV,
    JSON;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the choices */
    public static Format parse(String label) {
      return Arrays.stream(values()).filter(f -> f.label().equalsIgnoreCase(label.trim())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown export format '" + label + "'; use one of "
              + Arrays.stream(values()).map(Format::label).collect(Collectors.joining(", "))));
    }
  }

  private final CostmonConfig config;
  private final History history;
  private final Map<String, Account> accounts;
  private final RateBook rates;

  /** @param today decides which months are closed (converted with their stored rates) and which is current */
  public HistoryExport(CostmonConfig config, History history, LocalDate today) {
    this.config = config;
    this.history = history;
    this.accounts = config.accounts().stream().collect(Collectors.toMap(Account::id, a -> a));
    this.rates = new RateBook(config.fx(), new ExchangeRates(history).all(), today);
  }

  /**
   * Writes the days {@code from} to {@code to}, inclusive, in {@code format}. Does not close {@code out}.
   *
   * @throws ExportException if the range is empty or {@code out} fails
   */
  public void write(Format format, LocalDate from, LocalDate to, Writer out) {
    if (from.isAfter(to)) {
      throw new ExportException("the export range is empty: from " + from + " is after to " + to);
    }
    try {
      switch (format) {
        case OPENMETRICS -> openMetrics(from, to, out);
        case CSV -> csv(from, to, out);
        case JSON -> json(from, to, out);
      }
      out.flush();
    } catch (IOException e) {
      throw new ExportException("cannot write the " + format.label() + " export: " + e.getMessage(), e);
    }
  }

  // ---- OpenMetrics ------------------------------------------------------------------------------

  private void openMetrics(LocalDate from, LocalDate to, Writer out) throws IOException {
    // From the 1st of from's month: month-to-date on day `from` needs the days before it.
    Map<String, TreeMap<LocalDate, BigDecimal>> spend = new TreeMap<>();
    Map<String, TreeMap<LocalDate, BigDecimal>> spendReporting = new TreeMap<>();
    Map<String, TreeMap<LocalDate, BigDecimal>> usage = new TreeMap<>();
    for (StoredObservation s : history.latest(from.withDayOfMonth(1), to)) {
      Observation o = s.observation();
      SortedMap<String, String> labels = accountLabels(s.account());
      switch (o.kind()) {
        case SPEND -> {
          FxRates fx = rates.day(o.day()).rates();
          Money amount = inAccountCurrency(s.account(), o.money(), fx);
          labels.put("currency", amount.currency().getCurrencyCode());
          spend.computeIfAbsent(OpenMetricsText.labels(labels), k -> new TreeMap<>())
              .merge(o.day(), amount.amount(), BigDecimal::add);
          // The same names and labels as the .prom file's _reporting series, so dashboards plot
          // backfilled history and live data as one.
          if (fx.canConvert(amount.currency())) {
            Money reporting = fx.toReporting(amount);
            labels.put("currency", reporting.currency().getCurrencyCode());
            spendReporting.computeIfAbsent(OpenMetricsText.labels(labels), k -> new TreeMap<>())
                .merge(o.day(), reporting.amount(), BigDecimal::add);
          }
        }
        case USAGE -> {
          if (!o.day().isBefore(from)) {
            labels.put("metric", o.metric());
            labels.put("unit", o.unit());
            // Summed over dimensions (buckets, projects): the account's figure for the day.
            usage.computeIfAbsent(OpenMetricsText.labels(labels), k -> new TreeMap<>())
                .merge(o.day(), o.value(), BigDecimal::add);
          }
        }
        case FORECAST -> {
          // A forecast is a statement about a month, not a daily figure; the CSV and JSON keep it.
        }
      }
    }
    if (config.demo()) {
      // As in the .prom file: dashboards and alert rules can tell backfilled demo data from real spend.
      TreeMap<LocalDate, BigDecimal> days = new TreeMap<>();
      from.datesUntil(to.plusDays(1)).forEach(day -> days.put(day, BigDecimal.ONE));
      family(out, "costmon_demo", PromTextfile.DEMO_HELP, Map.of("", days));
    }
    Map<String, TreeMap<LocalDate, BigDecimal>> daily = new TreeMap<>();
    Map<String, TreeMap<LocalDate, BigDecimal>> monthToDate = new TreeMap<>();
    accumulate(spend, from, daily, monthToDate);
    Map<String, TreeMap<LocalDate, BigDecimal>> dailyReporting = new TreeMap<>();
    Map<String, TreeMap<LocalDate, BigDecimal>> monthToDateReporting = new TreeMap<>();
    accumulate(spendReporting, from, dailyReporting, monthToDateReporting);
    family(out, "costmon_spend_daily",
        "Spend of the account on one day, in the currency named by the currency label; the sample is at"
            + " the end of that day.", daily);
    family(out, "costmon_spend_daily_reporting",
        "Spend of the account on one day, converted at its month's rate into the reporting currency"
            + " named by the currency label; the sample is at the end of that day.", dailyReporting);
    family(out, "costmon_spend_month_to_date",
        "Month-to-date spend of the account at the end of each day, in the currency named by the currency"
            + " label; resets on the 1st.", monthToDate);
    family(out, "costmon_spend_month_to_date_reporting",
        "Month-to-date spend of the account at the end of each day, converted at its month's rate into"
            + " the reporting currency named by the currency label; resets on the 1st.", monthToDateReporting);
    family(out, "costmon_usage_daily",
        "Usage of a metric by the account on one day, summed over its dimensions, in the unit named by the"
            + " unit label.", usage);
    out.write("# EOF\n");
  }

  /** Splits spend per series and day into the days from {@code from} and their month-to-date sums. */
  private static void accumulate(Map<String, TreeMap<LocalDate, BigDecimal>> spend, LocalDate from,
      Map<String, TreeMap<LocalDate, BigDecimal>> daily, Map<String, TreeMap<LocalDate, BigDecimal>> monthToDate) {
    spend.forEach((series, days) -> {
      TreeMap<LocalDate, BigDecimal> cumulative = new TreeMap<>();
      BigDecimal sum = BigDecimal.ZERO;
      YearMonth month = null;
      for (Map.Entry<LocalDate, BigDecimal> d : days.entrySet()) {
        if (!YearMonth.from(d.getKey()).equals(month)) {
          month = YearMonth.from(d.getKey());
          sum = BigDecimal.ZERO;
        }
        sum = sum.add(d.getValue());
        cumulative.put(d.getKey(), sum);
      }
      daily.put(series, new TreeMap<>(days.tailMap(from)));
      monthToDate.put(series, new TreeMap<>(cumulative.tailMap(from)));
    });
  }

  /** One family, its series in label order, each series' samples in time order. Empty families are left out. */
  private void family(Writer out, String name, String help, Map<String, TreeMap<LocalDate, BigDecimal>> series)
      throws IOException {
    if (series.values().stream().allMatch(Map::isEmpty)) {
      return;
    }
    out.write("# TYPE " + name + " gauge\n");
    out.write("# HELP " + name + " " + OpenMetricsText.escape(help) + "\n");
    for (Map.Entry<String, TreeMap<LocalDate, BigDecimal>> s : series.entrySet()) {
      for (Map.Entry<LocalDate, BigDecimal> sample : s.getValue().entrySet()) {
        out.write(name + s.getKey() + " " + OpenMetricsText.number(sample.getValue()) + " "
            + endOfDay(sample.getKey()) + "\n");
      }
    }
  }

  /**
   * 23:59:59 of the day in the config's time zone, in epoch seconds: promtool reads OpenMetrics
   * timestamps as seconds, and milliseconds would land thousands of years ahead.
   */
  long endOfDay(LocalDate day) {
    return day.atTime(LocalTime.of(23, 59, 59)).atZone(config.timezone()).toEpochSecond();
  }

  private SortedMap<String, String> accountLabels(String account) {
    SortedMap<String, String> labels = new TreeMap<>();
    Optional.ofNullable(accounts.get(account)).ifPresent(a -> labels.putAll(a.labels()));
    labels.put("account", account);
    labels.put("provider", provider(account));
    return labels;
  }

  /** As the analyzer does; an amount in a currency without a rate keeps its own currency. */
  private Money inAccountCurrency(String account, Money amount, FxRates fx) {
    return Optional.ofNullable(accounts.get(account))
        .map(Account::currency)
        .filter(target -> fx.canConvert(target) && fx.canConvert(amount.currency()))
        .map(target -> fx.convert(amount, target))
        .orElse(amount);
  }

  private String provider(String account) {
    Account configured = accounts.get(account);
    return configured == null ? UNKNOWN_PROVIDER : configured.providerName();
  }

  // ---- CSV and JSON -----------------------------------------------------------------------------

  private List<StoredObservation> rows(LocalDate from, LocalDate to) {
    return history.latest(from, to).stream().sorted(ROW_ORDER).toList();
  }

  private List<String> fields(StoredObservation s) {
    Observation o = s.observation();
    List<String> out = new ArrayList<>(List.of(o.day().toString(), s.account(), provider(s.account()),
        o.kind().label(), o.metric(), o.dimension(), o.value().toPlainString(), o.unit(), o.provenance().label(),
        Tags.encode(o.tags()), s.collectedAt().toString(), Boolean.toString(config.demo())));
    Optional<Conversion> c = conversion(o);
    out.add(c.flatMap(Conversion::value).map(BigDecimal::toPlainString).orElse(""));
    out.add(c.map(x -> config.currency().getCurrencyCode()).orElse(""));
    out.add(c.flatMap(Conversion::rate).map(BigDecimal::toPlainString).orElse(""));
    out.add(c.flatMap(Conversion::dated).map(r -> r.day().toString()).orElse(""));
    out.add(c.flatMap(Conversion::dated).map(DatedRate::source).orElse(""));
    return out;
  }

  /**
   * How a figure in money is converted into the reporting currency: its value, the rate (1 for the
   * reporting currency itself) and, for another currency, the dated rate; both empty when its month
   * has no rate for the currency (an account's old currency), absence rather than a guess.
   */
  private record Conversion(Optional<BigDecimal> value, Optional<BigDecimal> rate, Optional<DatedRate> dated) {}

  /** Empty for usage, which is not money. */
  private Optional<Conversion> conversion(Observation o) {
    if (o.kind() == ObservationKind.USAGE) {
      return Optional.empty();
    }
    Money money = o.money();
    MonthRates month = rates.day(o.day());
    Optional<BigDecimal> rate = month.rates().rate(money.currency());
    return Optional.of(new Conversion(rate.map(r -> month.rates().toReporting(money).amount()), rate,
        Optional.ofNullable(month.used().get(money.currency()))));
  }

  private void csv(LocalDate from, LocalDate to, Writer out) throws IOException {
    out.write(Csv.record(COLUMNS));
    for (StoredObservation s : rows(from, to)) {
      out.write(Csv.record(fields(s)));
    }
  }

  private void json(LocalDate from, LocalDate to, Writer out) throws IOException {
    JsonFactory factory = JsonFactory.builder()
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .build();
    // A fixed line feed, not the platform's, so the output is the same everywhere.
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
      g.writeStartObject();
      g.writeStringField("from", from.toString());
      g.writeStringField("to", to.toString());
      g.writeStringField("currency", config.currency().getCurrencyCode());
      g.writeBooleanField("demo", config.demo());
      g.writeArrayFieldStart("observations");
      for (StoredObservation s : rows(from, to)) {
        List<String> f = fields(s);
        g.writeStartObject();
        for (int i = 0; i < COLUMNS.size(); i++) {
          if (COLUMNS.get(i).equals("demo")) {
            continue; // said once, at the top of the document
          }
          if (i >= COLUMNS.size() - FX_COLUMNS) {
            continue; // written below, as numbers and only for money
          }
          if (COLUMNS.get(i).equals("value")) {
            g.writeNumberField("value", s.observation().value());
          } else if (COLUMNS.get(i).equals("tags")) {
            g.writeObjectFieldStart("tags");
            for (var tag : s.observation().tags().entrySet()) {
              g.writeStringField(tag.getKey(), tag.getValue());
            }
            g.writeEndObject();
          } else {
            g.writeStringField(COLUMNS.get(i), f.get(i));
          }
        }
        Optional<Conversion> c = conversion(s.observation());
        if (c.isPresent()) {
          g.writeFieldName("reporting_value");
          if (c.get().value().isPresent()) {
            g.writeNumber(c.get().value().get());
          } else {
            g.writeNull();
          }
          g.writeFieldName("fx_rate");
          if (c.get().rate().isPresent()) {
            g.writeNumber(c.get().rate().get());
          } else {
            g.writeNull();
          }
          g.writeStringField("fx_date", c.get().dated().map(r -> r.day().toString()).orElse(null));
          g.writeStringField("fx_source", c.get().dated().map(DatedRate::source).orElse(null));
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write("\n");
  }
}
