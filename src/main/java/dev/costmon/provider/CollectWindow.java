package dev.costmon.provider;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The days one collection asks a provider for: from the earlier of the month's first day and
 * {@code today - lookback_days}, through {@code today}. Re-fetching the lookback days lets revised
 * figures replace earlier ones. A backfill ({@code collect --from}) asks past windows with the
 * same {@code now}.
 */
public record CollectWindow(LocalDate from, LocalDate to, Instant now, ZoneId zone) {

  public CollectWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(zone, "zone");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("window starts " + from + " after it ends " + to);
    }
  }

  public static CollectWindow of(Instant now, ZoneId zone, int lookbackDays) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    LocalDate monthStart = today.withDayOfMonth(1);
    LocalDate lookback = today.minusDays(lookbackDays);
    return new CollectWindow(lookback.isBefore(monthStart) ? lookback : monthStart, today, now, zone);
  }

  /**
   * The collection's own day, where current-state figures (a balance, a database size) belong; the
   * window's last day for a nightly collect, later than it for a backfill's past windows.
   */
  public LocalDate today() {
    return LocalDate.ofInstant(now, zone);
  }
}
