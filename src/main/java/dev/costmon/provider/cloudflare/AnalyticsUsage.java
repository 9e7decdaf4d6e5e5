package dev.costmon.provider.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Usage from the GraphQL Analytics API ({@code POST /graphql}): Workers and Pages Functions requests,
 * R2 class A/B operations and R2 storage, per UTC day. These are sampled analytics, not billing
 * figures: good for quotas, not for money.
 */
final class AnalyticsUsage {
  static final String WORKERS_REQUESTS = "workers_requests";
  static final String WORKERS_REQUESTS_PEAK_DAY = "workers_requests_peak_day";
  static final String R2_CLASS_A = "r2_class_a_operations";
  static final String R2_CLASS_B = "r2_class_b_operations";
  static final String R2_STORAGE = "r2_storage";

  /** R2 analytics are kept 31 days; older days are left to earlier collections. */
  static final int RETAINED_DAYS = 31;

  /** Groups per dataset asked for; a full answer may have been cut, so it fails instead. */
  static final int LIMIT = 10000;

  private static final String WORKERS_NODES = """
      workersInvocationsAdaptive(limit: $limit, filter: {date_geq: $from, date_leq: $to}) {
        sum { requests }
        dimensions { date }
      }
      pagesFunctionsInvocationsAdaptiveGroups(limit: $limit, filter: {date_geq: $from, date_leq: $to}) {
        sum { requests }
        dimensions { date }
      }
""";

  private static final String R2_NODES = """
      r2OperationsAdaptiveGroups(limit: $limit, filter: {date_geq: $from, date_leq: $to}) {
        sum { requests }
        dimensions { date actionType }
      }
      r2StorageAdaptiveGroups(limit: $limit, filter: {date_geq: $from, date_leq: $to}) {
        max { payloadSize metadataSize }
        dimensions { date bucketName }
      }
""";

  private final CloudflareApi api;
  private final CloudflareSettings settings;
  private final Consumer<String> log;

  AnalyticsUsage(CloudflareApi api, CloudflareSettings settings, Consumer<String> log) {
    this.api = api;
    this.settings = settings;
    this.log = log;
  }

  /** The GraphQL document: one request for every dataset, so one call per collection. */
  String query() {
    return "query CostmonUsage($accountTag: string!, $from: Date!, $to: Date!, $limit: uint64!) {\n"
        + "  viewer {\n"
        + "    accounts(filter: {accountTag: $accountTag}) {\n"
        + WORKERS_NODES
        + (settings.collectsR2() ? R2_NODES : "")
        + "    }\n"
        + "  }\n"
        + "}\n";
  }

  List<Observation> collect(CollectWindow window) throws ProviderException {
    LocalDate today = window.to();
    LocalDate oldest = today.minusDays(RETAINED_DAYS - 1);
    LocalDate from = window.from().isBefore(oldest) ? oldest : window.from();
    if (from.isAfter(window.from())) {
      log.accept("analytics: days before " + from + " are past Cloudflare's " + RETAINED_DAYS
          + "-day retention and keep their earlier figures");
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("query", query());
    ObjectNode variables = body.putObject("variables");
    variables.put("accountTag", settings.accountId());
    variables.put("from", from.toString());
    variables.put("to", today.toString());
    variables.put("limit", LIMIT);
    JsonNode answer = api.send(api.graphql(body.toString()).build()).json();
    JsonNode account = account(answer);

    List<Observation> out = new ArrayList<>();
    Map<LocalDate, BigDecimal> workers = daily(account, "workersInvocationsAdaptive");
    Map<LocalDate, BigDecimal> pages = daily(account, "pagesFunctionsInvocationsAdaptiveGroups");
    Map<LocalDate, BigDecimal> total = new TreeMap<>();
    for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
      BigDecimal w = workers.getOrDefault(day, BigDecimal.ZERO);
      BigDecimal p = pages.getOrDefault(day, BigDecimal.ZERO);
      total.put(day, w.add(p));
      out.add(usage(day, WORKERS_REQUESTS, "workers", w, Aggregation.SUM));
      if (pages.containsKey(day)) {
        out.add(usage(day, WORKERS_REQUESTS, "pages_functions", p, Aggregation.SUM));
      }
    }
    out.addAll(peakDays(total, from));
    if (settings.collectsR2()) {
      out.addAll(r2Operations(account, from, today));
      out.addAll(r2Storage(account));
    }
    return out;
  }

  /**
   * The busiest day of the month so far, on every day: the free plan's limit is per day, and a
   * nightly collection sees only the first hours of today, so the month's peak is what a quota can
   * meaningfully watch. Only for months whose days are all in the answer, so a month cut short by
   * the range does not replace a peak recorded earlier.
   */
  private static List<Observation> peakDays(Map<LocalDate, BigDecimal> total, LocalDate from) {
    List<Observation> out = new ArrayList<>();
    BigDecimal peak = BigDecimal.ZERO;
    for (Map.Entry<LocalDate, BigDecimal> e : total.entrySet()) {
      LocalDate day = e.getKey();
      if (day.getDayOfMonth() == 1) {
        peak = BigDecimal.ZERO;
      }
      peak = peak.max(e.getValue());
      if (!day.withDayOfMonth(1).isBefore(from)) {
        out.add(usage(day, WORKERS_REQUESTS_PEAK_DAY, "", peak, Aggregation.LAST));
      }
    }
    return out;
  }

  private List<Observation> r2Operations(JsonNode account, LocalDate from, LocalDate today) throws ProviderException {
    String dataset = "r2OperationsAdaptiveGroups";
    Map<LocalDate, BigDecimal> classA = new TreeMap<>();
    Map<LocalDate, BigDecimal> classB = new TreeMap<>();
    Set<String> unknown = new TreeSet<>();
    for (JsonNode group : groups(account, dataset)) {
      LocalDate day = day(group, dataset);
      String action = CloudflareApi.text(group.path("dimensions"), "actionType", dataset + " dimensions");
      BigDecimal requests = CloudflareApi.number(group.path("sum"), "requests", dataset + " sum");
      Optional<R2OperationClass> kind = R2OperationClass.of(action);
      if (kind.isEmpty()) {
        unknown.add(action);
      } else if (kind.get() == R2OperationClass.CLASS_A) {
        classA.merge(day, requests, BigDecimal::add);
      } else if (kind.get() == R2OperationClass.CLASS_B) {
        classB.merge(day, requests, BigDecimal::add);
      }
    }
    if (!unknown.isEmpty()) {
      log.accept("R2 operations not in Cloudflare's class A/B price list, not counted: " + String.join(", ", unknown));
    }
    List<Observation> out = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
      out.add(Observation.usage(day, R2_CLASS_A, "", classA.getOrDefault(day, BigDecimal.ZERO), "operations",
          Aggregation.SUM, Provenance.API));
      out.add(Observation.usage(day, R2_CLASS_B, "", classB.getOrDefault(day, BigDecimal.ZERO), "operations",
          Aggregation.SUM, Provenance.API));
    }
    return out;
  }

  /** Bytes stored per bucket and day: the day's peak of object payload plus metadata. */
  private List<Observation> r2Storage(JsonNode account) throws ProviderException {
    String dataset = "r2StorageAdaptiveGroups";
    Map<LocalDate, Map<String, BigDecimal>> byDay = new TreeMap<>();
    for (JsonNode group : groups(account, dataset)) {
      LocalDate day = day(group, dataset);
      String bucket = CloudflareApi.text(group.path("dimensions"), "bucketName", dataset + " dimensions");
      JsonNode max = group.path("max");
      BigDecimal bytes = CloudflareApi.number(max, "payloadSize", dataset + " max")
          .add(CloudflareApi.number(max, "metadataSize", dataset + " max"));
      byDay.computeIfAbsent(day, d -> new TreeMap<>()).merge(bucket, bytes, BigDecimal::max);
    }
    List<Observation> out = new ArrayList<>();
    byDay.forEach((day, buckets) -> buckets.forEach(
        (bucket, bytes) -> out.add(Observation.usage(day, R2_STORAGE, bucket, bytes, "bytes", Aggregation.LAST,
            Provenance.API))));
    return out;
  }

  private Map<LocalDate, BigDecimal> daily(JsonNode account, String dataset) throws ProviderException {
    Map<LocalDate, BigDecimal> byDay = new TreeMap<>();
    for (JsonNode group : groups(account, dataset)) {
      byDay.merge(day(group, dataset), CloudflareApi.number(group.path("sum"), "requests", dataset + " sum"),
          BigDecimal::add);
    }
    return byDay;
  }

  /** The account node; a GraphQL {@code errors} entry fails with its message. */
  private JsonNode account(JsonNode answer) throws ProviderException {
    JsonNode errors = answer.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      String message = CloudflareApi.shorten(api.redact(errors.get(0).path("message").asText("")));
      throw new ProviderException(Kind.BAD_RESPONSE,
          "analytics GraphQL error: " + (message.isEmpty() ? "(no message)" : message));
    }
    JsonNode accounts = answer.path("data").path("viewer").path("accounts");
    if (!accounts.isArray()) {
      throw CloudflareApi.missing("analytics answer", "data.viewer.accounts");
    }
    if (accounts.isEmpty()) {
      throw new ProviderException(Kind.BAD_RESPONSE,
          "analytics answer has no account " + settings.accountId() + " (check account_id and the token's accounts)");
    }
    return accounts.get(0);
  }

  private static JsonNode groups(JsonNode account, String dataset) throws ProviderException {
    JsonNode groups = account.get(dataset);
    if (groups == null || !groups.isArray()) {
      throw CloudflareApi.missing("analytics answer", dataset);
    }
    if (groups.size() >= LIMIT) {
      throw new ProviderException(Kind.BAD_RESPONSE,
          dataset + " returned " + groups.size() + " groups, the most asked for: the answer may be cut short");
    }
    return groups;
  }

  private static LocalDate day(JsonNode group, String dataset) throws ProviderException {
    String text = CloudflareApi.text(group.path("dimensions"), "date", dataset + " dimensions");
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, dataset + ": 'date' is not a date: " + CloudflareApi.shorten(text));
    }
  }

  /** A count of requests. */
  private static Observation usage(LocalDate day, String metric, String dimension, BigDecimal value,
      Aggregation aggregation) {
    return Observation.usage(day, metric, dimension, value, "requests", aggregation, Provenance.API);
  }
}
