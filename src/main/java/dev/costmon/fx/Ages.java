package dev.costmon.fx;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** How old a rate is, in the words the report and check use. */
public final class Ages {
  private Ages() {}

  /** {@code 0 days old}, {@code 1 day old}, {@code 9 days old}. */
  public static String days(LocalDate day, LocalDate today) {
    long days = Math.max(0, ChronoUnit.DAYS.between(day, today));
    return days == 1 ? "1 day old" : days + " days old";
  }
}
