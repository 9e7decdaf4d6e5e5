package dev.costmon.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A usage amount in a base unit: {@code bytes}, {@code seconds}, {@code gb_hours} or a plain count
 * (any other unit). Parsed from the config's short forms: {@code 8GB}, {@code 10GiB}, {@code 1M},
 * {@code 100k}, {@code 4h}, {@code 360GB-h}.
 */
public record Quantity(BigDecimal value, String unit) {

  /** The unit of a plain count; a count quota fits any counted metric (requests, tokens, invocations). */
  public static final String COUNT = "count";

  private static final Pattern FORM = Pattern.compile("^\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z-]*)\\s*$");

  public Quantity {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
  }

  public static Quantity parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a quantity; write a number with an optional suffix such as 8GB, 1M, 4h");
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2);
    return switch (suffix.toLowerCase(Locale.ROOT)) {
      case "" -> new Quantity(number, COUNT);
      case "k" -> new Quantity(number.scaleByPowerOfTen(3), COUNT);
      case "m" -> new Quantity(number.scaleByPowerOfTen(6), COUNT);
      case "g", "b" -> new Quantity(number.scaleByPowerOfTen(9), COUNT);
      case "bytes" -> new Quantity(number, "bytes");
      case "kb" -> new Quantity(number.scaleByPowerOfTen(3), "bytes");
      case "mb" -> new Quantity(number.scaleByPowerOfTen(6), "bytes");
      case "gb" -> new Quantity(number.scaleByPowerOfTen(9), "bytes");
      case "tb" -> new Quantity(number.scaleByPowerOfTen(12), "bytes");
      case "kib" -> new Quantity(number.multiply(BigDecimal.valueOf(1L << 10)), "bytes");
      case "mib" -> new Quantity(number.multiply(BigDecimal.valueOf(1L << 20)), "bytes");
      case "gib" -> new Quantity(number.multiply(BigDecimal.valueOf(1L << 30)), "bytes");
      case "tib" -> new Quantity(number.multiply(BigDecimal.valueOf(1L << 40)), "bytes");
      case "s" -> new Quantity(number, "seconds");
      case "min" -> new Quantity(number.multiply(BigDecimal.valueOf(60)), "seconds");
      case "h" -> new Quantity(number.multiply(BigDecimal.valueOf(3600)), "seconds");
      case "gb-h", "gbh" -> new Quantity(number, "gb_hours");
      default -> throw new IllegalArgumentException(
          "unknown unit '" + suffix + "' in '" + text + "'; use k, M, G, KB..TB, KiB..TiB, s, min, h or GB-h");
    };
  }

  /** Whether a quota in this quantity's unit can limit a metric measured in {@code metricUnit}. */
  public boolean fits(String metricUnit) {
    return unit.equals(metricUnit) || (unit.equals(COUNT) && !isPhysical(metricUnit));
  }

  private static boolean isPhysical(String unit) {
    return unit.equals("bytes") || unit.equals("seconds") || unit.equals("gb_hours");
  }
}
