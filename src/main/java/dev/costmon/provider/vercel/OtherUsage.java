package dev.costmon.provider.vercel;

import dev.costmon.model.Aggregation;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The consumed quantities of charge lines that no {@link VercelMetric} reads (a service costmon has
 * no metric for, or a unit it cannot convert): kept as they are, under a metric named from the
 * line's {@code ConsumedUnit} ({@code "GB-Seconds"} is {@code gb_seconds}) with the service as
 * dimension, so usage Vercel reports is never dropped. Vercel's services are a short list, but the
 * names come from the response, so the number of series is bounded.
 */
final class OtherUsage {
  /** More distinct service and unit pairs than Vercel bills; a guard against a runaway response. */
  static final int MAX_SERIES = 50;

  /** One series: the metric named from the unit and the service. */
  record Series(String metric, String service) {}

  private final Map<LocalDate, Map<Series, BigDecimal>> sums = new LinkedHashMap<>();
  private final Set<Series> series = new LinkedHashSet<>();

  /** Adds a quantity; false when the series would exceed {@link #MAX_SERIES} and is left out. */
  boolean add(LocalDate day, String service, String unit, BigDecimal quantity) {
    Series s = new Series(metricName(unit), service);
    if (!series.contains(s) && series.size() >= MAX_SERIES) {
      return false;
    }
    series.add(s);
    sums.computeIfAbsent(day, d -> new LinkedHashMap<>()).merge(s, quantity, BigDecimal::add);
    return true;
  }

  /** The day's quantities; a series without a line that day has no observation, not a zero. */
  List<Observation> observations(LocalDate day) {
    List<Observation> out = new ArrayList<>();
    sums.getOrDefault(day, Map.of()).forEach((s, value) -> out.add(Observation.usage(
        day, s.metric(), s.service(), value, s.metric(), Aggregation.SUM, Provenance.API)));
    return out;
  }

  /**
   * {@code "GB-Seconds"} is {@code gb_seconds}, {@code "Invocations"} is {@code invocations}; a unit
   * that would not start with a letter or that names one of costmon's own Vercel metrics gets a
   * {@code unit_} prefix, and no unit at all is {@code quantity}.
   */
  static String metricName(String unit) {
    String name = unit == null ? "" : unit.strip().toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    if (name.isEmpty()) {
      return "quantity";
    }
    if (!Character.isLetter(name.charAt(0)) || isOwnMetric(name)) {
      return "unit_" + name;
    }
    return name;
  }

  private static boolean isOwnMetric(String name) {
    for (VercelMetric m : VercelMetric.values()) {
      if (m.metric().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
