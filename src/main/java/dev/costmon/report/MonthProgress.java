package dev.costmon.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;

/** How far the reported month is: days elapsed of its length, closed, or not started yet. */
record MonthProgress(YearMonth month, int daysElapsed, boolean closed) {

  static MonthProgress of(YearMonth month, Instant now, ZoneId zone) {
    YearMonth current = YearMonth.from(LocalDate.ofInstant(now, zone));
    if (month.isBefore(current)) {
      return new MonthProgress(month, month.lengthOfMonth(), true);
    }
    if (month.isAfter(current)) {
      return new MonthProgress(month, 0, false);
    }
    return new MonthProgress(month, LocalDate.ofInstant(now, zone).getDayOfMonth(), false);
  }

  int daysInMonth() {
    return month.lengthOfMonth();
  }

  /** {@code November 2026 (month to date, 23 of 30 days)}. */
  String describe() {
    String name = month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
    if (closed) {
      return name + " (closed month, " + daysInMonth() + " days)";
    }
    if (daysElapsed == 0) {
      return name + " (not started)";
    }
    return name + " (month to date, " + daysElapsed + " of " + daysInMonth() + " days)";
  }
}
