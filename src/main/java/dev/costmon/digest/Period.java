package dev.costmon.digest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;

/**
 * The days a digest is about: the last complete day, ISO week (Monday to Sunday) or calendar month
 * before today, in the config's time zone. A digest run in the morning is about what has ended.
 */
public record Period(Kind kind, LocalDate first, LocalDate last) {
  /** {@code --period}. */
  public enum Kind {
    DAY, WEEK, MONTH;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Period {
    Objects.requireNonNull(kind, "kind");
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("a period ends on or after its first day");
    }
  }

  /** The last complete period of this kind before {@code today}. */
  public static Period before(Kind kind, LocalDate today) {
    return switch (kind) {
      case DAY -> new Period(kind, today.minusDays(1), today.minusDays(1));
      case WEEK -> {
        LocalDate sunday = today.with(TemporalAdjusters.previous(DayOfWeek.SUNDAY));
        yield new Period(kind, sunday.minusDays(6), sunday);
      }
      case MONTH -> {
        YearMonth month = YearMonth.from(today).minusMonths(1);
        yield new Period(kind, month.atDay(1), month.atEndOfMonth());
      }
    };
  }

  /** The period of the same kind just before this one: what movers are measured against. */
  public Period previous() {
    return kind == Kind.MONTH ? before(kind, first) : new Period(kind, first.minusDays(days()), first.minusDays(1));
  }

  public long days() {
    return ChronoUnit.DAYS.between(first, last) + 1;
  }

  /** The month a digest's month-to-date figures are of: the one the period ends in. */
  public YearMonth month() {
    return YearMonth.from(last);
  }

  /** {@code 2026-11-22}, {@code 2026-W47}, {@code 2026-11}: the period's name. */
  public String name() {
    return switch (kind) {
      case DAY -> first.toString();
      case WEEK -> String.format(Locale.ROOT, "%d-W%02d", first.get(IsoFields.WEEK_BASED_YEAR),
          first.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> YearMonth.from(first).toString();
    };
  }

  /** What the debounce remembers: {@code day 2026-11-22}. */
  public String key() {
    return kind.label() + " " + name();
  }

  /** For people: {@code 2026-11-22}, {@code week 2026-W47 (2026-11-16 to 2026-11-22)}, {@code month 2026-10}. */
  public String describe() {
    return switch (kind) {
      case DAY -> first.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + " " + first;
      case WEEK -> "week " + name() + " (" + first + " to " + last + ")";
      case MONTH -> "month " + name();
    };
  }
}
