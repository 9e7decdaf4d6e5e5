package dev.costmon.provider;

import dev.costmon.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * For providers that report only a running month total (no daily split): such a total is stored on
 * the month's first day, so a linear forecast from the days with data would read it as one day's
 * spend. These providers give their own forecast: the total over the time elapsed.
 */
public final class MonthToDate {
  private static final long SECONDS_PER_DAY = 86_400;

  private MonthToDate() {}

  /**
   * The month-to-date amount extrapolated over the whole month. At least one day counts as elapsed,
   * so a few cents in the month's first minutes do not project a fortune.
   */
  public static Money forecast(Money monthToDate, LocalDate monthStart, Instant now, ZoneId zone) {
    long seconds = Duration.between(monthStart.atStartOfDay(zone).toInstant(), now).getSeconds();
    BigDecimal elapsedDays = BigDecimal.valueOf(Math.max(seconds, SECONDS_PER_DAY))
        .divide(BigDecimal.valueOf(SECONDS_PER_DAY), MathContext.DECIMAL64);
    BigDecimal days = BigDecimal.valueOf(YearMonth.from(monthStart).lengthOfMonth());
    return new Money(monthToDate.amount().multiply(days).divide(elapsedDays, MathContext.DECIMAL64),
        monthToDate.currency());
  }
}
