package dev.costmon.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Human display of usage quantities: decimal GB for bytes, hours for seconds, k/M for counts. */
public final class Units {
  private Units() {}

  public static String format(BigDecimal value, String unit) {
    return switch (unit) {
      case "bytes" -> scaled(value, 9, 2) + " GB";
      case "seconds" -> value.divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_EVEN).toPlainString() + " h";
      case "gb_hours" -> value.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " GB-h";
      default -> count(value) + (unit.equals("count") ? "" : " " + unit);
    };
  }

  private static String count(BigDecimal v) {
    BigDecimal abs = v.abs();
    if (abs.compareTo(BigDecimal.valueOf(1_000_000)) >= 0) {
      return scaled(v, 6, 2) + "M";
    }
    if (abs.compareTo(BigDecimal.valueOf(10_000)) >= 0) {
      return scaled(v, 3, 1) + "k";
    }
    return v.stripTrailingZeros().scale() <= 0 ? v.setScale(0, RoundingMode.HALF_EVEN).toPlainString()
        : v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String scaled(BigDecimal v, int power, int digits) {
    return v.movePointLeft(power).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }
}
