package dev.costmon.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.model.Quantity;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Maps {@code /v1/organization/usage/completions} buckets (grouped by model) to daily token and
 * request counts per model. Every count a result carries is kept under its field name (cache-write,
 * audio, image, text splits... as OpenAI adds them), not only the fields costmon knew of: a count
 * field is any numeric field, its unit {@code tokens} for {@code *_tokens}, else {@code requests}
 * for {@code num_*requests}, else {@code count}.
 */
final class CompletionsUsage {
  static final String PATH = "/v1/organization/usage/completions";
  static final List<String> GROUP_BY = List.of("model");
  /** Far more count fields than a result has (about 15 in 2026); a guard against a runaway answer. */
  static final int MAX_METRICS = 40;

  /** The fields every result has: required, and zero on a day without requests. */
  private static final List<String> REQUIRED = List.of("input_tokens", "output_tokens", "num_model_requests");
  /** Zero too on a day without requests: costmon has always reported it so. */
  private static final String CACHED = "input_cached_tokens";
  /** A field name that is a valid metric name; anything else is not a count costmon can name. */
  private static final Pattern METRIC_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private CompletionsUsage() {}

  private record Key(LocalDate day, String model, String metric) {}

  static List<Observation> observations(
      List<JsonNode> buckets, CollectWindow window, Consumer<String> log) throws ProviderException {
    Map<Key, BigDecimal> sums = new LinkedHashMap<>();
    Set<String> metrics = new LinkedHashSet<>();
    List<LocalDate> emptyDays = new ArrayList<>();
    boolean warned = false;
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
        String where = PATH + " result";
        for (String field : REQUIRED) {
          JsonFields.decimal(result, field, where);
        }
        for (Map.Entry<String, JsonNode> e : result.properties()) {
          String field = e.getKey();
          if (!e.getValue().isNumber() || !METRIC_NAME.matcher(field).matches()) {
            continue;
          }
          if (!metrics.contains(field) && metrics.size() >= MAX_METRICS) {
            if (!warned) {
              log.accept("openai usage: more than " + MAX_METRICS + " count fields; '" + field
                  + "' and later new ones are left out");
              warned = true;
            }
            continue;
          }
          metrics.add(field);
          sums.merge(new Key(day, model, field), JsonFields.decimal(result, field, where), BigDecimal::add);
        }
      }
    }
    List<Observation> usage = new ArrayList<>();
    for (LocalDate day : emptyDays) {
      if (sums.keySet().stream().noneMatch(k -> k.day().equals(day))) {
        // No requests that day: zeros replace any figures an earlier run stored for it. Only for
        // the fields every result has; a field OpenAI may not report stays absent, never a made-up 0.
        for (String field : List.of(REQUIRED.get(0), REQUIRED.get(1), CACHED, REQUIRED.get(2))) {
          usage.add(observation(new Key(day, "", field), BigDecimal.ZERO));
        }
      }
    }
    sums.forEach((key, value) -> usage.add(observation(key, value)));
    return usage;
  }

  /** The unit a count field is in, from its name. */
  static String unit(String field) {
    if (field.endsWith("_tokens")) {
      return "tokens";
    }
    return field.startsWith("num_") && field.endsWith("requests") ? "requests" : Quantity.COUNT;
  }

  private static Observation observation(Key key, BigDecimal value) {
    return Observation.usage(key.day(), key.metric(), key.model(), value, unit(key.metric()),
        Aggregation.SUM, Provenance.API);
  }
}
