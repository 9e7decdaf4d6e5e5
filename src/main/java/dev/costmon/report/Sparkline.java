package dev.costmon.report;

import dev.costmon.budget.DailySpend;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A daily-spend trend as one character per day, scaled to the account's highest day. A day without
 * spend is always the lowest bar {@code ▁}; any spend at all is at least {@code ▂}, so a quiet day and
 * a cheap day stay distinguishable, and the highest day is {@code █}. A day the provider was never
 * asked about (before the history began, a gap of failed collects) is a blank: no data is not zero.
 */
final class Sparkline {
  private static final String BARS = "▁▂▃▄▅▆▇█";
  private static final char NO_DATA = ' ';
  private static final BigDecimal LEVELS = BigDecimal.valueOf(BARS.length() - 1);

  private Sparkline() {}

  static String of(List<DailySpend> trend) {
    BigDecimal max = trend.stream().map(d -> d.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::max);
    StringBuilder out = new StringBuilder(trend.size());
    for (DailySpend day : trend) {
      if (!day.known()) {
        out.append(NO_DATA);
        continue;
      }
      BigDecimal value = day.amount().amount();
      // Credits (negative days) draw as no spend: the bar height means money going out.
      int level = value.signum() <= 0 || max.signum() <= 0
          ? 0
          : value.multiply(LEVELS).divide(max, 0, RoundingMode.CEILING).intValueExact();
      out.append(BARS.charAt(level));
    }
    return out.toString();
  }
}
