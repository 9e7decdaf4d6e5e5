package dev.costmon.provider.gcp;

import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.model.Tags;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The question costmon asks the billing export, and what its answer means: net spend (cost plus
 * the negative credits) per Pacific usage day and service, per SKU for the configured services.
 *
 * <p>Days are Google's billing days: the export's timestamps are UTC, but Cloud Billing reports,
 * budgets and the invoice month run on US Pacific time, so {@code usage_start_time} is read in
 * America/Los_Angeles and the window's dates are Pacific dates.
 */
final class BillingExport {
  /** Google's billing day and invoice month run on US Pacific time. */
  static final ZoneId BILLING_ZONE = ZoneId.of("America/Los_Angeles");

  static final List<String> COLUMNS =
      List.of("day", "service", "sku", "currency", "cost", "credits", "last_export");

  /** Columns of {@link #SQL} that answers archived before they were asked may lack. */
  static final List<String> TAG_COLUMNS = List.of("project", "labels");

  /**
   * Sums are NUMERIC (9 decimals) and returned as text: FLOAT64 sums drift in the last digits and
   * the export's amounts are never finer than a nano-unit. The partition filter keeps the scan (and
   * its bill) to the window: rows are loaded on or after their usage day, a day's margin aside.
   * Spend is also split by project and by the values of the configured label keys only, as a JSON
   * array of {key, value} sorted by key, so the rows stay few however the resources are labelled.
   */
  private static final String SQL = """
      WITH charges AS (
        SELECT
          DATE(usage_start_time, 'America/Los_Angeles') AS usage_day,
          IFNULL(project.id, '') AS project,
          TO_JSON_STRING(ARRAY(
            SELECT AS STRUCT l.key, l.value FROM UNNEST(labels) AS l
            WHERE l.key IN UNNEST(@label_keys) ORDER BY l.key, l.value)) AS labels,
          IFNULL(service.description, '') AS service,
          IF(service.description IN UNNEST(@sku_services), IFNULL(sku.description, ''), '') AS sku,
          currency,
          CAST(cost AS NUMERIC) AS cost,
          IFNULL((SELECT SUM(CAST(c.amount AS NUMERIC)) FROM UNNEST(credits) AS c), 0) AS credits,
          export_time
        FROM `%TABLE%`
        WHERE _PARTITIONTIME >= TIMESTAMP(DATE_SUB(@from, INTERVAL 1 DAY))
          AND DATE(usage_start_time, 'America/Los_Angeles') BETWEEN @from AND @to
      )
      SELECT
        FORMAT_DATE('%F', usage_day) AS day,
        project,
        labels,
        service,
        sku,
        currency,
        CAST(SUM(cost) AS STRING) AS cost,
        CAST(SUM(credits) AS STRING) AS credits,
        FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%SZ', MAX(export_time), 'UTC') AS last_export
      FROM charges
      GROUP BY day, project, labels, service, sku, currency
      ORDER BY day, project, labels, service, sku, currency
      """;

  private BillingExport() {}

  /** The query for a table the settings already checked to be a plain {@code project.dataset.table}. */
  static String sql(GcpSettings settings) {
    return SQL.replace("%TABLE%", settings.table());
  }

  static List<BigQueryApi.Parameter> parameters(GcpSettings settings, CollectWindow window) {
    return List.of(
        BigQueryApi.Parameter.date("from", window.from().toString()),
        BigQueryApi.Parameter.date("to", window.to().toString()),
        BigQueryApi.Parameter.strings("sku_services", settings.skusFor()),
        BigQueryApi.Parameter.strings("label_keys", settings.labelKeys()));
  }

  /**
   * Spend rows per day and service (or service / SKU), and an explicit zero for each day the
   * export has reached without a charge. Days after the export's newest load get no rows, so a
   * lagging or stopped export keeps earlier figures and goes stale instead of reading as zero.
   *
   * @throws ProviderException CONDITION when the window has no rows at all: an account without
   *     usage and an export that never ran look the same, and neither is "zero spend"
   */
  static List<Observation> observations(
      BigQueryApi.Result result, CollectWindow window, String table, Consumer<String> log)
      throws ProviderException {
    Map<String, Integer> column = columns(result.fields());
    if (result.rows().isEmpty()) {
      throw new ProviderException(Kind.CONDITION, "the billing export " + table + " has no rows for "
          + window.from() + ".." + window.to() + " (Pacific days): is the export enabled, and has it run since?");
    }
    List<Observation> spend = new ArrayList<>();
    Set<LocalDate> charged = new LinkedHashSet<>();
    Map<Currency, BigDecimal[]> totals = new HashMap<>();
    Optional<Instant> lastExport = Optional.empty();
    Currency currency = null;
    for (List<String> row : result.rows()) {
      LocalDate day = day(cell(row, column, "day"));
      if (day.isBefore(window.from()) || day.isAfter(window.to())) {
        throw new ProviderException(Kind.BAD_RESPONSE, "the export answered for " + day
            + ", outside the window " + window.from() + ".." + window.to());
      }
      Currency rowCurrency = currency(cell(row, column, "currency"));
      currency = currency == null ? rowCurrency : currency;
      BigDecimal cost = decimal(cell(row, column, "cost"), "cost");
      BigDecimal credits = decimal(cell(row, column, "credits"), "credits");
      String service = optionalCell(row, column, "service").orElse("");
      String sku = optionalCell(row, column, "sku").orElse("");
      String dimension = (service.isBlank() ? "(no service)" : service) + (sku.isBlank() ? "" : " / " + sku);
      spend.add(Observation.spend(day, dimension, new Money(cost.add(credits), rowCurrency), Provenance.API)
          .withTags(tags(row, column, sku)));
      charged.add(day);
      BigDecimal[] sum = totals.computeIfAbsent(rowCurrency, c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      sum[0] = sum[0].add(cost);
      sum[1] = sum[1].add(credits);
      Optional<Instant> exported = optionalCell(row, column, "last_export").map(BillingExport::instant);
      if (exported.isPresent() && (lastExport.isEmpty() || exported.get().isAfter(lastExport.get()))) {
        lastExport = exported;
      }
    }
    LocalDate newestCharged = charged.stream().max(LocalDate::compareTo).orElseThrow();
    LocalDate reached = lastExport.map(t -> LocalDate.ofInstant(t, BILLING_ZONE))
        .filter(d -> d.isAfter(newestCharged)).orElse(newestCharged);
    LocalDate through = reached.isAfter(window.to()) ? window.to() : reached;
    for (LocalDate d = window.from(); !d.isAfter(through); d = d.plusDays(1)) {
      if (!charged.contains(d)) {
        spend.add(Observation.spend(d, "", Money.zero(currency), Provenance.API));
      }
    }
    StringBuilder line = new StringBuilder("BigQuery job " + result.jobId() + ": " + result.rows().size()
        + " rows for " + window.from() + ".." + window.to() + " (Pacific days), export loaded through "
        + lastExport.map(Instant::toString).orElse("?") + ", days through " + through + " answered");
    totals.forEach((c, sum) -> line.append("; ").append(c.getCurrencyCode()).append(" cost ")
        .append(sum[0].toPlainString()).append(", credits ").append(sum[1].toPlainString()));
    log.accept(line.toString());
    return spend;
  }

  /**
   * A row's project, kept labels and model (its SKU, where the query asked per SKU) as tags. An answer archived before the query asked for them has
   * neither column, and its figures have no tags.
   */
  private static Map<String, String> tags(List<String> row, Map<String, Integer> column, String sku)
      throws ProviderException {
    Map<String, String> tags = new TreeMap<>();
    if (column.containsKey("labels")) {
      tags.putAll(LabelPairs.parse(optionalCell(row, column, "labels").orElse("")));
    }
    if (column.containsKey("project")) {
      optionalCell(row, column, "project").filter(p -> !p.isBlank())
          .ifPresent(p -> tags.put(GcpSettings.PROJECT_TAG, p));
    }
    // The SKU of a service broken down per SKU (Vertex AI: "Gemini 2.5 Pro Input Text Tokens") is what
    // the export has for a model; a kept label named model, or a full set of 19 labels, goes first.
    if (!sku.isBlank() && tags.size() < Tags.MAX) {
      tags.putIfAbsent(Tags.MODEL, Tags.clip(sku));
    }
    return tags;
  }

  private static Map<String, Integer> columns(List<String> fields) throws ProviderException {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      index.put(fields.get(i), i);
    }
    for (String name : COLUMNS) {
      if (!index.containsKey(name)) {
        throw new ProviderException(Kind.BAD_RESPONSE, "the query result has no column " + name);
      }
    }
    return index;
  }

  private static String cell(List<String> row, Map<String, Integer> column, String name) throws ProviderException {
    return optionalCell(row, column, name).orElseThrow(
        () -> new ProviderException(Kind.BAD_RESPONSE, "a row of the query result has no " + name));
  }

  private static Optional<String> optionalCell(List<String> row, Map<String, Integer> column, String name) {
    return Optional.ofNullable(row.get(column.get(name)));
  }

  private static LocalDate day(String text) throws ProviderException {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, "day '" + shorten(text) + "' in the query result is not a date");
    }
  }

  private static Currency currency(String code) throws ProviderException {
    try {
      return Money.currency(code);
    } catch (IllegalArgumentException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, "currency '" + shorten(code) + "' in the query result is not an ISO code");
    }
  }

  private static BigDecimal decimal(String text, String name) throws ProviderException {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, name + " '" + shorten(text) + "' in the query result is not a number");
    }
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      // Only decides how far zero days are filled in; the newest charged day stands in for it.
      return Instant.EPOCH;
    }
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }
}
