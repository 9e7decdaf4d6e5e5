package dev.costmon.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Maps {@code /v1/organization/usage/completions} buckets (grouped by model) to daily token and
 * request counts per model.
 */
final class CompletionsUsage {
  static final String PATH = "/v1/organization/usage/completions";
  static final List<String> GROUP_BY = List.of("model");

  /** The metrics read, in order: API field, metric name, unit; optional fields may be absent. */
  private record Metric(String field, String unit, boolean required) {}

  private static final List<Metric> METRICS = List.of(
      new Metric("input_tokens", "tokens", true),
      new Metric("output_tokens", "tokens", true),
      new Metric("input_cached_tokens", "tokens", false),
      new Metric("num_model_requests", "requests", true));

  private CompletionsUsage() {}

  private record Key(LocalDate day, String model, Metric metric) {}

  static List<Observation> observations(
      List<JsonNode> buckets, CollectWindow window, Consumer<String> log) throws ProviderException {
    Map<Key, BigDecimal> sums = new LinkedHashMap<>();
    List<LocalDate> emptyDays = new ArrayList<>();
    for (JsonNode bucket : buckets) {
      LocalDate day = Fields.utcDay(bucket, PATH + " bucket");
      JsonNode results = JsonFields.array(bucket, "results", PATH + " bucket");
      if (day.isBefore(window.from()) || day.isAfter(window.to())) {
        log.accept("openai usage: ignoring bucket of " + day + " outside the window");
        continue;
      }
      if (results.isEmpty()) {
        emptyDays.add(day);
      }
      for (JsonNode result : results) {
        String model = Fields.optionalText(result, "model").orElse("");
        for (Metric metric : METRICS) {
          String where = PATH + " result";
          Optional<BigDecimal> value = metric.required()
              ? Optional.of(JsonFields.decimal(result, metric.field(), where))
              : Fields.optionalDecimal(result, metric.field(), where);
          value.ifPresent(v -> sums.merge(new Key(day, model, metric), v, BigDecimal::add));
        }
      }
    }
    List<Observation> usage = new ArrayList<>();
    for (LocalDate day : emptyDays) {
      if (sums.keySet().stream().noneMatch(k -> k.day().equals(day))) {
        // No requests that day: zeros replace any figures an earlier run stored for it.
        for (Metric metric : METRICS) {
          usage.add(observation(new Key(day, "", metric), BigDecimal.ZERO));
        }
      }
    }
    sums.forEach((key, value) -> usage.add(observation(key, value)));
    return usage;
  }

  private static Observation observation(Key key, BigDecimal value) {
    return Observation.usage(key.day(), key.metric().field(), key.model(), value, key.metric().unit(),
        Aggregation.SUM, Provenance.API);
  }
}
