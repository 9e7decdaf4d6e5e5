package dev.costmon.provider.cloudflare;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The billing periods that cover a window, from the subscriptions' billing-cycle anchor days.
 * Cloudflare returns billable usage only for a range that includes an anchor day, so each range
 * asked for starts on the period's first day: the anchor day of that month, clamped to the month's
 * last day (an anchor on the 31st starts February's period on the 28th or 29th).
 */
final class BillingPeriods {

  /** One range to ask for, inclusive. */
  record Range(LocalDate from, LocalDate to) {
    boolean contains(LocalDate day) {
      return !day.isBefore(from) && !day.isAfter(to);
    }

    @Override
    public String toString() {
      return from + ".." + to;
    }
  }

  private final Set<Integer> anchorDays;

  /** @param anchorDays days of the month (1-31) on which a subscription's billing cycle starts */
  BillingPeriods(Set<Integer> anchorDays) {
    if (anchorDays.isEmpty()) {
      throw new IllegalArgumentException("no billing-cycle anchor day");
    }
    for (int day : anchorDays) {
      if (day < 1 || day > 31) {
        throw new IllegalArgumentException("anchor day " + day + " is not a day of the month");
      }
    }
    this.anchorDays = new TreeSet<>(anchorDays);
  }

  /**
   * The first day of the period containing {@code day}: with several subscriptions, the earliest of
   * their period starts, so the range from there to {@code day} holds every subscription's anchor.
   */
  LocalDate periodStart(LocalDate day) {
    LocalDate earliest = day;
    for (int anchor : anchorDays) {
      LocalDate start = anchorIn(YearMonth.from(day), anchor);
      if (start.isAfter(day)) {
        start = anchorIn(YearMonth.from(day).minusMonths(1), anchor);
      }
      if (start.isBefore(earliest)) {
        earliest = start;
      }
    }
    return earliest;
  }

  /**
   * The ranges to ask for so that every day from {@code from} through {@code today} is covered:
   * the current period from its start to today, then whole earlier periods back to {@code from}.
   * Oldest first.
   */
  List<Range> covering(LocalDate from, LocalDate today) {
    List<Range> ranges = new ArrayList<>();
    LocalDate end = today;
    LocalDate start = periodStart(end);
    ranges.add(new Range(start, end));
    while (start.isAfter(from)) {
      end = start.minusDays(1);
      start = periodStart(end);
      ranges.add(new Range(start, end));
    }
    Collections.reverse(ranges);
    return List.copyOf(ranges);
  }

  private static LocalDate anchorIn(YearMonth month, int anchor) {
    return month.atDay(Math.min(anchor, month.lengthOfMonth()));
  }
}
