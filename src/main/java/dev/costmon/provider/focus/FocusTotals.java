package dev.costmon.provider.focus;

import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.model.Tags;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The sums of one FOCUS file (or of the parts of one export): BilledCost per UTC day, provider,
 * service, currency and allowed tags, and the recorded usage per day, provider, service and unit. Its size is
 * bounded by days x services, never by the number of rows.
 */
public final class FocusTotals {
  // equals and hashCode by hand: the records' generated ones go through method handles, which the
  // launcher's C1-only JIT runs markedly slower, and they are called for every row. The tags' hash
  // comes precomputed: a SortedMap's hashCode walks its entries (through the unmodifiable wrapper's
  // iterator) on every call, which was the largest part of the per-row lookup.
  private record SpendKey(
      LocalDate day, String provider, String service, String currency, SortedMap<String, String> tags,
      int tagsHash) {
    @Override
    public boolean equals(Object o) {
      return o instanceof SpendKey k && day.equals(k.day) && service.equals(k.service)
          && provider.equals(k.provider) && currency.equals(k.currency)
          && tagsHash == k.tagsHash && (tags == k.tags || tags.equals(k.tags));
    }

    @Override
    public int hashCode() {
      return (((day.hashCode() * 31 + service.hashCode()) * 31 + provider.hashCode()) * 31 + currency.hashCode())
          * 31 + tagsHash;
    }
  }

  private record UsageKey(LocalDate day, String provider, String service, String unit) {
    @Override
    public boolean equals(Object o) {
      return o instanceof UsageKey k && day.equals(k.day) && service.equals(k.service)
          && provider.equals(k.provider) && unit.equals(k.unit);
    }

    @Override
    public int hashCode() {
      return ((day.hashCode() * 31 + service.hashCode()) * 31 + provider.hashCode()) * 31 + unit.hashCode();
    }
  }

  private final Map<SpendKey, BigDecimal> spend = new HashMap<>();
  private final Map<UsageKey, BigDecimal> usage = new HashMap<>();
  private final Set<String> providers = new TreeSet<>();
  private String lastProvider = "";
  // Rows repeat the same tags instance (AllowedTags remembers each cell's map, and a row without
  // allowed tags has the one empty map), so the hash of the last instance is reused.
  private SortedMap<String, String> lastTags;
  private int lastTagsHash;
  private long rows;
  private long counted;

  void addSpend(
      LocalDate day, String provider, String service, String currency, SortedMap<String, String> tags,
      BigDecimal cost) {
    if (tags != lastTags) {
      lastTagsHash = tags.hashCode();
      lastTags = tags;
    }
    spend.merge(new SpendKey(day, provider, service, currency, tags, lastTagsHash), cost, BigDecimal::add);
    if (!provider.isEmpty() && !provider.equals(lastProvider)) {
      providers.add(provider);
      lastProvider = provider;
    }
    counted++;
  }

  void addUsage(LocalDate day, String provider, String service, String unit, BigDecimal quantity) {
    usage.merge(new UsageKey(day, provider, service, unit), quantity, BigDecimal::add);
  }

  void row() {
    rows++;
  }

  /** Adds another part of the same export. */
  public void addAll(FocusTotals other) {
    other.spend.forEach((k, v) -> spend.merge(k, v, BigDecimal::add));
    other.usage.forEach((k, v) -> usage.merge(k, v, BigDecimal::add));
    providers.addAll(other.providers);
    rows += other.rows;
    counted += other.counted;
  }

  /** Data rows read. */
  public long rows() {
    return rows;
  }

  /** Data rows that passed the filters and count. */
  public long counted() {
    return counted;
  }

  public Set<String> currencies() {
    Set<String> out = new TreeSet<>();
    spend.keySet().forEach(k -> out.add(k.currency()));
    return out;
  }

  public Optional<LocalDate> firstDay() {
    return spend.keySet().stream().map(SpendKey::day).min(Comparator.naturalOrder());
  }

  public Optional<LocalDate> lastDay() {
    return spend.keySet().stream().map(SpendKey::day).max(Comparator.naturalOrder());
  }

  /**
   * Spend per day, service and allowed tags in each billing currency, and usage per day and service, with
   * provenance {@code api}. The service is prefixed with its provider ({@code AWS/Amazon S3}) only
   * when the rows name more than one provider.
   */
  public List<Observation> observations() {
    boolean prefix = providers.size() > 1;
    List<Observation> out = new ArrayList<>(spend.size() + usage.size());
    spend.forEach((k, v) -> out.add(Observation.spend(k.day(), dimension(prefix, k.provider(), k.service()),
        new Money(v, Money.currency(k.currency())), Provenance.API).withTags(k.tags())));
    usage.forEach((k, v) -> out.add(Observation.usage(k.day(), FocusRules.metric(k.unit()),
        dimension(prefix, k.provider(), k.service()), v, k.unit(), Aggregation.SUM, Provenance.API)));
    out.sort(Comparator.comparing(Observation::day).thenComparing(Observation::kind)
        .thenComparing(Observation::metric).thenComparing(Observation::dimension).thenComparing(Observation::unit)
        .thenComparing(o -> Tags.encode(o.tags())));
    return out;
  }

  private static String dimension(boolean prefix, String provider, String service) {
    return prefix && !provider.isEmpty() ? provider + "/" + service : service;
  }
}
