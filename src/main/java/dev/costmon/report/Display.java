package dev.costmon.report;

import dev.costmon.budget.Ratios;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/** Display rounding for people: percentages, ages and usage in human units. Never used for JSON or CSV. */
final class Display {
  private static final BigDecimal MAX_PERCENT = new BigDecimal("99999");
  private static final String[] COUNT_SUFFIXES = {"", "k", "M", "G", "T"};

  private Display() {}

  /** A ratio as a whole percentage with its sign: {@code +12%}, {@code -3%}. */
  static String signedPercent(BigDecimal ratio) {
    return (ratio.signum() > 0 ? "+" : ratio.signum() < 0 ? "-" : "") + percent(ratio.abs());
  }

  /**
   * A ratio as a whole percentage, rounded towards zero so that {@code 100%} appears only once a cap
   * is really reached, matching the colour thresholds.
   */
  static String percent(BigDecimal ratio) {
    if (Ratios.overZero(ratio)) {
      return "over 0";
    }
    BigDecimal percent = ratio.movePointRight(2).setScale(0, RoundingMode.DOWN);
    if (percent.compareTo(MAX_PERCENT) > 0) {
      return ">" + MAX_PERCENT.toPlainString() + "%";
    }
    return percent.toPlainString() + "%";
  }

  /** {@code just now}, {@code 45m ago}, {@code 36h ago}, {@code 3d ago}. */
  static String ago(Instant then, Instant now) {
    Duration age = Duration.between(then, now);
    if (age.isNegative() || age.toMinutes() < 1) {
      return "just now";
    }
    return compact(age) + " ago";
  }

  /** A duration the way a config writes it: {@code 45m}, {@code 36h}, {@code 3d}; hours up to two days. */
  static String compact(Duration duration) {
    if (duration.toHours() < 1) {
      return duration.toMinutes() + "m";
    }
    if (duration.toHours() < 48) {
      return duration.toHours() + "h";
    }
    return duration.toDays() + "d";
  }

  /**
   * A usage value in human units: bytes as decimal GB with two decimals, seconds as hours, GB-hours
   * as such, counts with k/M/G. A unit that is none of these (tokens, requests) follows the number.
   */
  static String usage(BigDecimal value, String unit) {
    return switch (unit) {
      case "bytes" -> value.movePointLeft(9).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " GB";
      case "seconds" -> value.divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_EVEN).toPlainString() + " h";
      case "gb_hours" -> value.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " GB-h";
      case "count" -> count(value);
      default -> count(value) + " " + unit;
    };
  }

  /** {@code 950}, {@code 12.3k}, {@code 1M}, {@code 2.5G}: one decimal at most, trailing zero dropped. */
  static String count(BigDecimal value) {
    BigDecimal scaled = value;
    int step = 0;
    while (step < COUNT_SUFFIXES.length - 1 && scaled.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
      scaled = scaled.movePointLeft(3);
      step++;
    }
    BigDecimal rounded = scaled.setScale(1, RoundingMode.HALF_EVEN);
    // 999,960 rounds to 1000.0k; say 1M instead.
    if (step < COUNT_SUFFIXES.length - 1 && rounded.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
      rounded = rounded.movePointLeft(3).setScale(1, RoundingMode.HALF_EVEN);
      step++;
    }
    return rounded.stripTrailingZeros().toPlainString() + COUNT_SUFFIXES[step];
  }
}
