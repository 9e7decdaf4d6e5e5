package dev.costmon.export;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * The few pieces of the OpenMetrics text format that {@link HistoryExport} writes by hand (the
 * prometheus-metrics model cannot hold one series at many timestamps).
 */
final class OpenMetricsText {
  private OpenMetricsText() {}

  /** A label value or HELP text: backslash, double quote and line feed escaped, as OpenMetrics requires. */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** {@code {a="1",b="2"}} in the map's order. */
  static String labels(SortedMap<String, String> labels) {
    return labels.entrySet().stream()
        .map((Map.Entry<String, String> e) -> e.getKey() + "=\"" + escape(e.getValue()) + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }

  /**
   * A decimal as OpenMetrics number text; exact up to 16 significant digits, which is more than the
   * float64 that Prometheus stores keeps.
   */
  static String number(BigDecimal value) {
    BigDecimal v = value.round(MathContext.DECIMAL64).stripTrailingZeros();
    return v.signum() == 0 ? "0" : v.toPlainString();
  }
}
