package dev.costmon.config;

import dev.costmon.model.Quantity;
import dev.costmon.model.Rate;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One price of an account's {@code rates:}: usage of {@code metric} whose dimension (the model, the
 * bucket) matches {@code dimension}, beyond a monthly {@code free} allowance, is priced into an
 * {@code estimate}. Where the provider reports spend itself on a day, that spend wins and the
 * estimate of the day is shown beside it, not added.
 *
 * @param free usage of each month that costs nothing (a free tier), in the price's unit
 * @param service which of the provider's services the estimate is checked against; empty for all of
 *     the account's provider-reported spend
 */
public record PriceRule(String metric, Glob dimension, Rate price, Optional<Quantity> free, Optional<Glob> service) {

  /** Matches every dimension: the rule of a plain {@code metric: price} entry. */
  public static final String ANY = "*";

  public PriceRule {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(free, "free");
    Objects.requireNonNull(service, "service");
  }

  /** A price for every dimension of a metric, no free allowance. */
  public static PriceRule of(String metric, Rate price) {
    return new PriceRule(metric, Glob.parse(ANY), price, Optional.empty(), Optional.empty());
  }

  /** Whether usage of this metric, dimension and unit is priced by this rule. */
  public boolean prices(String usageMetric, String usageDimension, String unit) {
    return metric.equals(usageMetric) && dimension.matches(usageDimension) && price.per().fits(unit);
  }

  /** The free allowance in the price's unit, zero when there is none. */
  public BigDecimal freeAmount() {
    return free.map(Quantity::value).orElse(BigDecimal.ZERO);
  }

  /** The service the estimate shows as: {@code input_tokens claude-sonnet-4* (estimate)}. */
  public String label() {
    return metric + (dimension.pattern().equals(ANY) ? "" : " " + dimension.pattern()) + " (estimate)";
  }
}
