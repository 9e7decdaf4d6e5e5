package dev.costmon.provider.httpjson;

/**
 * A usage figure picked from the response: where it is (a JSON Pointer), its unit, and whether it
 * is a running month total ({@code last}, the default) or today's amount ({@code sum}).
 */
public record UsageValue(String pointer, String unit, String aggregation) {

  public UsageValue {
    if (pointer == null || !pointer.startsWith("/")) {
      throw new IllegalArgumentException("usage pointer must be a JSON Pointer such as /data/requests");
    }
    unit = unit == null ? "count" : unit;
    aggregation = aggregation == null ? "last" : aggregation;
    if (!aggregation.equals("last") && !aggregation.equals("sum")) {
      throw new IllegalArgumentException("aggregation must be last (a month-to-date value) or sum (today's value)");
    }
  }
}
