package dev.costmon.backfill;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/** The days of one backfill request to one account: at most a calendar month, stored in one transaction. */
public record Window(LocalDate from, LocalDate to) {

  public Window {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("window starts " + from + " after it ends " + to);
    }
  }

  /** {@code 2026-01} for a whole month, else {@code 2026-01-05..2026-01-31}. */
  public String label() {
    YearMonth month = YearMonth.from(from);
    if (from.equals(month.atDay(1)) && to.equals(month.atEndOfMonth())) {
      return month.toString();
    }
    return from.equals(to) ? from.toString() : from + ".." + to;
  }

  public int days() {
    return (int) (to.toEpochDay() - from.toEpochDay() + 1);
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(to);
  }
}
