package dev.costmon.model;

import java.util.Locale;

/** How daily usage values make a month's figure: summed (requests) or the latest value (bytes stored). */
public enum Aggregation {
  SUM,
  LAST;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Aggregation fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
