package dev.costmon.report;

import java.time.ZoneId;
import java.util.Currency;
import java.util.Objects;

/**
 * What {@code costmon report} was asked for.
 *
 * @param colour ANSI colours in the table format; the other formats never carry colour
 * @param demo the figures come from the demo provider, and every format says so
 * @param currency the reporting currency; it must be the one the month view's totals are in
 * @param timezone where "today" is taken, to say how far into the month the report is
 * @param width the columns the table format must fit in; {@link #UNLIMITED} lays it out in full
 */
public record ReportOptions(ReportFormat format, Grouping grouping, boolean colour, boolean demo, Currency currency,
    ZoneId timezone, int width) {

  /** No width limit: every column at its full width. */
  public static final int UNLIMITED = 0;

  public ReportOptions {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(grouping, "grouping");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(timezone, "timezone");
    if (width < 0) {
      throw new IllegalArgumentException("width " + width + " is negative");
    }
  }

  public ReportOptions(
      ReportFormat format, Grouping grouping, boolean colour, boolean demo, Currency currency, ZoneId timezone) {
    this(format, grouping, colour, demo, currency, timezone, UNLIMITED);
  }

  /** A plain table by account, no colour, real data, no width limit. */
  public static ReportOptions defaults(Currency currency, ZoneId timezone) {
    return new ReportOptions(ReportFormat.TABLE, Grouping.ACCOUNT, false, false, currency, timezone);
  }

  public ReportOptions withFormat(ReportFormat value) {
    return new ReportOptions(value, grouping, colour, demo, currency, timezone, width);
  }

  public ReportOptions withGrouping(Grouping value) {
    return new ReportOptions(format, value, colour, demo, currency, timezone, width);
  }

  public ReportOptions withColour(boolean value) {
    return new ReportOptions(format, grouping, value, demo, currency, timezone, width);
  }

  public ReportOptions withDemo(boolean value) {
    return new ReportOptions(format, grouping, colour, value, currency, timezone, width);
  }

  public ReportOptions withWidth(int value) {
    return new ReportOptions(format, grouping, colour, demo, currency, timezone, value);
  }
}
