package dev.costmon.provider.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.model.Tags;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code GET /activity}: spend, requests and tokens per UTC day and model for the last 30 completed
 * UTC days, in one call (the {@code date} filter would take one call per day). Rows come per
 * endpoint (model x provider), so they are summed per model.
 */
final class Activity {
  static final String PATH = "/activity";
  static final Currency USD = Currency.getInstance("USD");
  /** Completed UTC days the endpoint keeps; today is never among them. */
  static final int DAYS_KEPT = 30;

  private Activity() {}

  /** One model's figures on one day. */
  record Totals(BigDecimal usage, BigDecimal requests, BigDecimal promptTokens, BigDecimal completionTokens) {
    static final Totals ZERO = new Totals(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    Totals plus(Totals o) {
      return new Totals(usage.add(o.usage), requests.add(o.requests),
          promptTokens.add(o.promptTokens), completionTokens.add(o.completionTokens));
    }
  }

  /**
   * The window's days that /activity answers for, each with its spend per model, or an explicit
   * zero when the day had no activity; today (still running) and days older than the API keeps are
   * left out, so they keep what an earlier run stored.
   */
  static List<Observation> observations(JsonNode body, CollectWindow window, Consumer<String> log)
      throws ProviderException {
    LocalDate utcToday = LocalDate.ofInstant(window.now(), ZoneOffset.UTC);
    LocalDate oldestKept = utcToday.minusDays(DAYS_KEPT);
    LocalDate first = later(window.from(), oldestKept);
    LocalDate last = earlier(window.to(), utcToday.minusDays(1));

    Map<LocalDate, Map<String, Totals>> byDay = new TreeMap<>();
    int outside = 0;
    int index = 0;
    for (JsonNode row : JsonFields.array(body, "data", PATH)) {
      String where = PATH + ".data[" + index++ + "]";
      LocalDate day = Fields.day(row, "date", where);
      String model = JsonFields.text(row, "model", where);
      Totals totals = new Totals(
          JsonFields.number(row, "usage", where),
          JsonFields.number(row, "requests", where),
          JsonFields.number(row, "prompt_tokens", where),
          JsonFields.number(row, "completion_tokens", where));
      if (day.isBefore(first) || day.isAfter(last)) {
        outside++;
        continue;
      }
      byDay.computeIfAbsent(day, d -> new TreeMap<>()).merge(model, totals, Totals::plus);
    }
    if (outside > 0) {
      log.accept(PATH + ": " + outside + " rows outside " + first + ".." + last + " not used");
    }
    if (window.from().isBefore(first)) {
      log.accept(PATH + ": days before " + first + " are past what /activity keeps and keep their stored figures");
    }

    List<Observation> result = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      Map<String, Totals> models = byDay.get(day);
      if (models != null) {
        for (Map.Entry<String, Totals> model : models.entrySet()) {
          add(result, day, model.getKey(), model.getValue());
        }
      } else if (day.equals(oldestKept)) {
        // The oldest day may already be rolling out of the API's 30 days: an empty answer for it
        // is not proof of zero spend, so it keeps what earlier runs stored.
        log.accept(PATH + ": no rows for " + day + ", the oldest day kept; its stored figures stay");
      } else {
        add(result, day, "", Totals.ZERO);
      }
    }
    return result;
  }

  private static void add(List<Observation> result, LocalDate day, String model, Totals t) {
    // The model is its own tag too, so report --by model adds it up across accounts; a day's
    // explicit zero (model "") names none.
    result.add(Observation.spend(day, model, new Money(t.usage(), USD), Provenance.API)
        .withTags(model.isEmpty() ? Map.of() : Map.of(Tags.MODEL, Tags.clip(model))));
    result.add(usage(day, "requests", model, t.requests(), "requests"));
    result.add(usage(day, "prompt_tokens", model, t.promptTokens(), "tokens"));
    result.add(usage(day, "completion_tokens", model, t.completionTokens(), "tokens"));
  }

  private static Observation usage(LocalDate day, String metric, String model, BigDecimal value, String unit) {
    return Observation.usage(day, metric, model, value, unit, Aggregation.SUM, Provenance.API);
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate earlier(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
