package dev.costmon.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.ProviderException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps the daily buckets of {@code usage_report/messages} grouped by model to token usage per day
 * and model; a day the API answered without usage gets zero rows so it replaces earlier figures.
 */
final class UsageReport {
  static final String TOKENS = "tokens";
  static final String REQUESTS = "requests";
  static final List<String> TOKEN_METRICS =
      List.of("input_tokens", "cache_read_input_tokens", "cache_creation_input_tokens", "output_tokens");
  static final String WEB_SEARCH = "web_search_requests";

  private UsageReport() {}

  static List<Observation> usage(List<JsonNode> buckets) throws ProviderException {
    // day -> model -> metric -> value, sorted for a stable result
    Map<LocalDate, Map<String, Map<String, BigDecimal>>> byDay = new TreeMap<>();
    for (int i = 0; i < buckets.size(); i++) {
      String where = "usage_report/messages data[" + i + "]";
      JsonNode bucket = buckets.get(i);
      LocalDate day = Json.day(bucket, where);
      JsonNode results = Json.array(bucket, "results", where);
      Map<String, Map<String, BigDecimal>> models = byDay.computeIfAbsent(day, d -> new TreeMap<>());
      for (int j = 0; j < results.size(); j++) {
        JsonNode result = results.get(j);
        String model = Json.optionalText(result, "model");
        Map<String, BigDecimal> metrics =
            models.computeIfAbsent(model == null ? "" : model, m -> new LinkedHashMap<>());
        metrics(result, where + ".results[" + j + "]")
            .forEach((metric, value) -> metrics.merge(metric, value, BigDecimal::add));
      }
    }
    List<Observation> usage = new ArrayList<>();
    for (Map.Entry<LocalDate, Map<String, Map<String, BigDecimal>>> day : byDay.entrySet()) {
      if (day.getValue().isEmpty()) {
        for (String metric : TOKEN_METRICS) {
          usage.add(row(day.getKey(), metric, "", BigDecimal.ZERO));
        }
      }
      day.getValue()
          .forEach((model, metrics) -> metrics.forEach(
              (metric, value) -> usage.add(row(day.getKey(), metric, model, value))));
    }
    return usage;
  }

  private static Map<String, BigDecimal> metrics(JsonNode result, String where)
      throws ProviderException {
    Map<String, BigDecimal> metrics = new LinkedHashMap<>();
    metrics.put("input_tokens", Json.count(result, "uncached_input_tokens", where));
    metrics.put("cache_read_input_tokens", Json.count(result, "cache_read_input_tokens", where));
    JsonNode creation = Json.required(result, "cache_creation", where);
    metrics.put(
        "cache_creation_input_tokens",
        Json.count(creation, "ephemeral_1h_input_tokens", where + ".cache_creation")
            .add(Json.count(creation, "ephemeral_5m_input_tokens", where + ".cache_creation")));
    metrics.put("output_tokens", Json.count(result, "output_tokens", where));
    JsonNode tools = result.get("server_tool_use");
    if (tools != null && !tools.isNull() && tools.has(WEB_SEARCH)) {
      metrics.put(WEB_SEARCH, Json.count(tools, WEB_SEARCH, where + ".server_tool_use"));
    }
    return metrics;
  }

  private static Observation row(LocalDate day, String metric, String model, BigDecimal value) {
    String unit = metric.equals(WEB_SEARCH) ? REQUESTS : TOKENS;
    return Observation.usage(day, metric, model, value, unit, Aggregation.SUM, Provenance.API);
  }
}
