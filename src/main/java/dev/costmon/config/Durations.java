package dev.costmon.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the config's durations: {@code 36h}, {@code 90d}, {@code 2m}, {@code 30s}. */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("^\\s*([0-9]+)\\s*(s|m|h|d)\\s*$");

  private Durations() {}

  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write a whole number with s, m, h or d, e.g. 36h or 90d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** The shortest config form of a duration, for display: 36h, 90d, 2m. */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
