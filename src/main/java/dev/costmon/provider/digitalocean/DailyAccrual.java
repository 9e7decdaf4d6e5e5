package dev.costmon.provider.digitalocean;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spreads one invoice line over the UTC days it was billed for, the way DigitalOcean accrues it:
 * the hourly price for every hour the resource exists, until the monthly price is reached after
 * 672 hours (four weeks) — a resource running all month costs its monthly price, reached on the
 * 28th. The hourly price is the line's amount over its hours billed (at most 672). The days add up
 * exactly to the line's amount, so the split never changes what DigitalOcean reported.
 */
final class DailyAccrual {
  /** DigitalOcean's monthly cap: "billed hourly up to a monthly cap of 672 hours". */
  static final BigDecimal CAP_HOURS = BigDecimal.valueOf(672);

  /** Digits kept of a day's share: far below a cent, and the last day takes the exact rest. */
  private static final int SCALE = 10;
  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

  private DailyAccrual() {}

  /**
   * The line's amount per day of {@code month}, only days with a non-zero share, in day order.
   *
   * @param through the time the amount is known up to (the preview's last update, or the end of
   *     a closed month); a line without times counts from the month's start to it
   */
  static Map<LocalDate, BigDecimal> spread(InvoiceItem item, YearMonth month, Instant through) {
    Map<LocalDate, BigDecimal> out = new LinkedHashMap<>();
    if (item.amount().signum() == 0) {
      return out;
    }
    Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant last = latest(monthStart, earliest(through, monthEnd));
    Instant start = clamp(item.start().orElse(monthStart), monthStart, last);
    Instant end = clamp(item.end().orElse(last), start, last);
    LocalDate firstDay = day(start);
    if (!end.isAfter(start)) {
      out.put(firstDay, item.amount());
      return out;
    }
    BigDecimal hours = hours(start, end);
    BigDecimal hourly = item.amount().divide(hours.min(CAP_HOURS), MathContext.DECIMAL64);
    // The day holding the last instant billed, not the next day when it ends at midnight.
    LocalDate lastDay = day(end.minusNanos(1));
    BigDecimal before = BigDecimal.ZERO;
    for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
      // Cumulative, so rounding never piles up: the last day ends exactly on the amount.
      BigDecimal accrued = item.amount();
      if (!d.equals(lastDay)) {
        Instant dayEnd = earliest(end, d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        accrued = hourly.multiply(hours(start, dayEnd)).setScale(SCALE, RoundingMode.HALF_EVEN);
        if (accrued.abs().compareTo(item.amount().abs()) > 0) {
          accrued = item.amount();
        }
      }
      BigDecimal share = accrued.subtract(before);
      if (share.signum() != 0) {
        out.put(d, normal(share));
      }
      before = accrued;
    }
    return out;
  }

  private static BigDecimal hours(Instant from, Instant to) {
    return BigDecimal.valueOf(Duration.between(from, to).getSeconds()).divide(SECONDS_PER_HOUR, MathContext.DECIMAL64);
  }

  private static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant clamp(Instant value, Instant low, Instant high) {
    return latest(low, earliest(value, high));
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** Without trailing zeros, so {@code 1.0000000000} reads {@code 1}. */
  private static BigDecimal normal(BigDecimal amount) {
    BigDecimal a = amount.stripTrailingZeros();
    return a.scale() < 0 ? a.setScale(0) : a;
  }
}
