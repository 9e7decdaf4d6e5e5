package dev.costmon.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * One figure a provider reported for one day: spend of a service, a usage value or a forecast.
 *
 * <p>{@code unit} is an ISO currency code for money and a usage unit such as {@code requests} or
 * {@code bytes} otherwise. {@code dimension} is the service, model, bucket or project the figure
 * belongs to; the empty string means the account as a whole. {@code tags} are the provider labels
 * the account allows ({@link Tags}), usually none; two figures of one dimension and day with
 * different tags are different figures.
 */
public record Observation(
    ObservationKind kind,
    String metric,
    String dimension,
    LocalDate day,
    BigDecimal value,
    String unit,
    Provenance provenance,
    Aggregation aggregation,
    SortedMap<String, String> tags) {

  /** The metric name of spend and forecast observations. */
  public static final String SPEND_METRIC = "spend";

  private static final Pattern METRIC = Pattern.compile("[a-z][a-z0-9_]*");

  public Observation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(aggregation, "aggregation");
    tags = Tags.copy(Objects.requireNonNull(tags, "tags"));
    if (!METRIC.matcher(metric).matches()) {
      throw new IllegalArgumentException("metric name '" + metric + "' must match " + METRIC);
    }
    if (kind != ObservationKind.USAGE) {
      Money.currency(unit);
    }
  }

  /** A figure without tags. */
  public Observation(
      ObservationKind kind, String metric, String dimension, LocalDate day, BigDecimal value, String unit,
      Provenance provenance, Aggregation aggregation) {
    this(kind, metric, dimension, day, value, unit, provenance, aggregation, Tags.copy(Map.of()));
  }

  /** The same figure with these tags instead of its own. */
  public Observation withTags(Map<String, String> newTags) {
    return new Observation(kind, metric, dimension, day, value, unit, provenance, aggregation, Tags.copy(newTags));
  }

  public static Observation spend(LocalDate day, String service, Money amount, Provenance provenance) {
    return new Observation(
        ObservationKind.SPEND, SPEND_METRIC, service, day, amount.amount(),
        amount.currency().getCurrencyCode(), provenance, Aggregation.SUM);
  }

  public static Observation forecast(LocalDate monthStart, Money amount, Provenance provenance) {
    return new Observation(
        ObservationKind.FORECAST, SPEND_METRIC, "", monthStart.withDayOfMonth(1), amount.amount(),
        amount.currency().getCurrencyCode(), provenance, Aggregation.LAST);
  }

  public static Observation usage(
      LocalDate day, String metric, String dimension, BigDecimal value, String unit,
      Aggregation aggregation, Provenance provenance) {
    return new Observation(ObservationKind.USAGE, metric, dimension, day, value, unit, provenance, aggregation);
  }

  /** The amount of a spend or forecast observation. */
  public Money money() {
    if (kind == ObservationKind.USAGE) {
      throw new IllegalStateException("usage observation " + metric + " is not money");
    }
    return new Money(value, Currency.getInstance(unit));
  }
}
