package dev.costmon.report;

import java.util.Locale;

/** The output format of {@code costmon report}: a terminal table, JSON, CSV or a Markdown table. */
public enum ReportFormat {
  TABLE,
  JSON,
  CSV,
  MARKDOWN;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code table}, {@code json}, {@code csv} or {@code markdown}, in any case. */
  public static ReportFormat fromLabel(String label) {
    for (ReportFormat format : values()) {
      if (format.label().equalsIgnoreCase(label.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown report format '" + label + "'; use table, json, csv or markdown");
  }
}
