package dev.costmon.budget;

import dev.costmon.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Used-over-limit ratios. A limit of zero means "nothing may be spent (or used)": any use of it has
 * no finite ratio, so it gets {@link #OVER_ZERO}, which is above every threshold and which each
 * output spells out itself ("over a zero cap", {@code +Inf} in the .prom file), never as a number.
 */
public final class Ratios {
  /** The ratio of anything above zero to a zero limit; no division of real figures comes near it. */
  public static final BigDecimal OVER_ZERO = new BigDecimal("1E+100");

  private Ratios() {}

  public static BigDecimal of(Money value, Money limit) {
    return of(value.amount(), limit.amount());
  }

  public static BigDecimal of(BigDecimal value, BigDecimal limit) {
    if (limit.signum() == 0) {
      return value.signum() > 0 ? OVER_ZERO : BigDecimal.ZERO;
    }
    return value.divide(limit, MathContext.DECIMAL64);
  }

  /** Whether a ratio is use of a zero limit. */
  public static boolean overZero(BigDecimal ratio) {
    return ratio.compareTo(OVER_ZERO) >= 0;
  }

  /** The ratio for the .prom file and other float outputs: {@code +Inf} for use of a zero limit. */
  public static double toDouble(BigDecimal ratio) {
    return overZero(ratio) ? Double.POSITIVE_INFINITY : ratio.doubleValue();
  }
}
