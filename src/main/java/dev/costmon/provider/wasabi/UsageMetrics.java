package dev.costmon.provider.wasabi;

import dev.costmon.model.Aggregation;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The usage figures of the Stats API records. Account totals carry the plain names ({@code
 * padded_storage}) with an empty dimension; per-bucket figures carry a {@code bucket_} prefix with
 * the bucket as dimension. The names differ because a quota applies to the sum over a metric's
 * dimensions: under one name every byte would count twice, once in the total and once in its bucket.
 */
final class UsageMetrics {
  static final String BYTES = "bytes";
  static final String BUCKET_PREFIX = "bucket_";

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

  /** Every metric name, the accounts' and the buckets' ({@code bucket_*}). */
  static Set<String> names() {
    Set<String> out = new TreeSet<>();
    METRICS.forEach(m -> {
      out.add(m.name());
      out.add(BUCKET_PREFIX + m.name());
    });
    return out;
  }

  /** Account totals, dimension "". */
  static List<Observation> account(List<Utilization> records) {
    return observations(records, "");
  }

  /** Per-bucket figures under {@code bucket_*} names, dimension = bucket name. */
  static List<Observation> buckets(List<Utilization> records) {
    return observations(records, BUCKET_PREFIX);
  }

  private static List<Observation> observations(List<Utilization> records, String prefix) {
    List<Observation> out = new ArrayList<>();
    for (Utilization u : records) {
      for (Metric m : METRICS) {
        m.value().apply(u).ifPresent(v -> out.add(Observation.usage(
            u.day(), prefix + m.name(), u.bucket(), v, m.unit(), m.aggregation(), Provenance.API)));
      }
    }
    return out;
  }
}
