package dev.costmon.provider.supabase;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * A monthly amount spread evenly over the days of its month. Each day gets the difference of the
 * rounded cumulative shares, so the days of a full month add up to the amount exactly even when
 * it does not divide by the number of days.
 */
final class DailyShare {
  /** Digits kept for a day's share: far below a cent, and the month still sums exactly. */
  private static final int SCALE = 10;

  private DailyShare() {}

  /** The part of {@code monthly} that falls on {@code day}. */
  static BigDecimal of(BigDecimal monthly, LocalDate day) {
    int length = day.lengthOfMonth();
    int n = day.getDayOfMonth();
    BigDecimal share = cumulative(monthly, n, length).subtract(cumulative(monthly, n - 1, length));
    share = share.stripTrailingZeros();
    return share.scale() < 0 ? share.setScale(0) : share;
  }

  private static BigDecimal cumulative(BigDecimal monthly, int days, int length) {
    if (days == length) {
      return monthly;
    }
    return monthly.multiply(BigDecimal.valueOf(days))
        .divide(BigDecimal.valueOf(length), MathContext.DECIMAL128)
        .setScale(Math.max(SCALE, monthly.scale()), RoundingMode.HALF_EVEN);
  }
}
