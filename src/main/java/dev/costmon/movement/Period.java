package dev.costmon.movement;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/** The days a side of a comparison covers, both ends included. */
public record Period(LocalDate first, LocalDate last) {
  private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ROOT);

  public Period {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("period " + first + " .. " + last + " ends before it starts");
    }
  }

  public static Period day(LocalDate day) {
    return new Period(day, day);
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(first) && !day.isAfter(last);
  }

  public int days() {
    return (int) ChronoUnit.DAYS.between(first, last) + 1;
  }

  /** {@code 1-23 Nov 2026}, {@code 5 Dec 2026}, {@code 28 Nov-4 Dec 2026}, for people. */
  public String display() {
    String end = DAY_MONTH.format(last);
    if (first.equals(last)) {
      return end;
    }
    if (first.getYear() != last.getYear()) {
      return DAY_MONTH.format(first) + "-" + end;
    }
    String start = first.getMonth() == last.getMonth()
        ? Integer.toString(first.getDayOfMonth())
        : DateTimeFormatter.ofPattern("d MMM", Locale.ROOT).format(first);
    return start + "-" + end;
  }

  @Override
  public String toString() {
    return first + ".." + last;
  }
}
