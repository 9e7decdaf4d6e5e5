package dev.costmon.provider.wasabi;

import dev.costmon.model.Aggregation;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.model.Quantity;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The usage figures of the Stats API records: each account figure of a day split into its buckets'
 * figures (the bucket as dimension) and the rest the buckets do not explain (dimension ""), so a
 * metric summed over its dimensions is the account's total and a quota counts every byte once, while
 * the history keeps each bucket's storage, objects and calls. A day without bucket records keeps the
 * account figure whole.
 */
final class UsageMetrics {
  static final String BYTES = "bytes";

  /** One metric: its name, unit, how days make a month, and where its value is in a record. */
  private record Metric(
      String name, String unit, Aggregation aggregation, Function<Utilization, Optional<BigDecimal>> value) {}

  private static final List<Metric> METRICS = List.of(
      new Metric("active_storage", BYTES, Aggregation.LAST, u -> Optional.of(u.active())),
      new Metric("padded_storage", BYTES, Aggregation.LAST, u -> Optional.of(u.padded())),
      new Metric("metadata_storage", BYTES, Aggregation.LAST, u -> Optional.of(u.metadata())),
      new Metric("deleted_storage", BYTES, Aggregation.LAST, u -> Optional.of(u.deleted())),
      new Metric("objects", Quantity.COUNT, Aggregation.LAST, u -> Optional.of(u.objects())),
      new Metric("api_calls", Quantity.COUNT, Aggregation.SUM, u -> Optional.of(u.apiCalls())),
      new Metric("download_bytes", BYTES, Aggregation.SUM, Utilization::download));

  private UsageMetrics() {}

  /** Every metric name; a bucket's figures carry the same names, the bucket as dimension. */
  static Set<String> names() {
    Set<String> out = new TreeSet<>();
    METRICS.forEach(m -> out.add(m.name()));
    return out;
  }

  /** The account's figures of each day, split by the buckets' records of that day. */
  static List<Observation> observations(List<Utilization> totals, Map<LocalDate, List<Utilization>> buckets) {
    List<Observation> out = new ArrayList<>();
    for (Utilization u : totals) {
      List<Utilization> ofDay = buckets.getOrDefault(u.day(), List.of());
      for (Metric m : METRICS) {
        Optional<BigDecimal> total = m.value().apply(u);
        if (total.isEmpty()) {
          continue;
        }
        BigDecimal rest = total.get();
        for (Utilization b : ofDay) {
          Optional<BigDecimal> part = m.value().apply(b);
          if (part.isPresent()) {
            out.add(usage(u.day(), m, b.bucket(), part.get()));
            rest = rest.subtract(part.get());
          }
        }
        if (rest.signum() != 0 || ofDay.isEmpty()) {
          out.add(usage(u.day(), m, "", rest));
        }
      }
    }
    return out;
  }

  /** Bucket records by day, each day's in bucket order. */
  static Map<LocalDate, List<Utilization>> byDay(List<Utilization> buckets) {
    Map<LocalDate, List<Utilization>> out = new TreeMap<>();
    buckets.forEach(b -> out.computeIfAbsent(b.day(), d -> new ArrayList<>()).add(b));
    return out;
  }

  private static Observation usage(LocalDate day, Metric m, String bucket, BigDecimal value) {
    return Observation.usage(day, m.name(), bucket, value, m.unit(), m.aggregation(), Provenance.API);
  }
}
