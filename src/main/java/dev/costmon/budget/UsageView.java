package dev.costmon.budget;

import dev.costmon.model.Aggregation;
import dev.costmon.model.Quantity;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A usage metric's month figure (summed, or the latest value for sizes) and its quota if any.
 *
 * @param ratio usage divided by quota, when there is a quota
 */
public record UsageView(
    String metric, String unit, BigDecimal value, Aggregation aggregation, Optional<Quantity> quota,
    Optional<BigDecimal> ratio) {}
