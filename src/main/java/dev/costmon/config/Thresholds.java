package dev.costmon.config;

import java.math.BigDecimal;

/** Fractions of a cap or quota at which a figure becomes WARNING and CRITICAL. */
public record Thresholds(BigDecimal warnAt, BigDecimal criticalAt) {

  public static final Thresholds DEFAULT = new Thresholds(new BigDecimal("0.8"), BigDecimal.ONE);

  public Thresholds {
    if (warnAt.signum() <= 0 || criticalAt.signum() <= 0) {
      throw new IllegalArgumentException("warn_at and critical_at must be positive fractions such as 0.8 and 1.0");
    }
    if (warnAt.compareTo(criticalAt) > 0) {
      throw new IllegalArgumentException(
          "warn_at " + warnAt.toPlainString() + " is above critical_at " + criticalAt.toPlainString());
    }
  }
}
