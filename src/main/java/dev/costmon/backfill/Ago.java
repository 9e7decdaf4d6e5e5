package dev.costmon.backfill;

import java.time.Duration;
import java.time.Instant;

/** How long ago something happened, in words: {@code just now}, {@code 12 minutes ago}, {@code 3 days ago}. */
public final class Ago {
  private Ago() {}

  public static String of(Instant then, Instant now) {
    Duration age = Duration.between(then, now);
    if (age.isNegative() || age.toMinutes() < 1) {
      return "just now";
    }
    if (age.toHours() < 1) {
      return plural(age.toMinutes(), "minute");
    }
    if (age.toHours() < 48) {
      return plural(age.toHours(), "hour");
    }
    return plural(age.toDays(), "day");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s") + " ago";
  }
}
