package dev.costmon.provider.hetzner;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * An hourly price capped at a monthly one (net or gross, as the account chose): Hetzner bills every started hour until the monthly
 * price is reached, within a calendar month.
 */
record Rate(BigDecimal hourly, BigDecimal monthly) {

  /** What the item has cost from {@code start} (in the month) until {@code until}. */
  BigDecimal cost(Instant start, Instant until) {
    if (!until.isAfter(start)) {
      return BigDecimal.ZERO;
    }
    long seconds = Duration.between(start, until).getSeconds();
    long startedHours = (seconds + 3599) / 3600;
    return hourly.multiply(BigDecimal.valueOf(startedHours)).min(monthly);
  }
}
