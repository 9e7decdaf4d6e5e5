package dev.costmon.report;

import dev.costmon.budget.MonthView;
import java.io.PrintWriter;

/** Writes a month's report in one format. Display rounding happens here and nowhere before. */
public interface ReportRenderer {

  /**
   * Renders {@code view} to {@code out} and flushes it.
   *
   * @throws IllegalArgumentException when the view's totals are not in {@code options.currency()}
   */
  void render(MonthView view, ReportOptions options, PrintWriter out);

  static ReportRenderer of(ReportFormat format) {
    return switch (format) {
      case TABLE -> new TableRenderer();
      case JSON -> new JsonRenderer();
      case CSV -> new CsvRenderer();
      case MARKDOWN -> new MarkdownRenderer();
    };
  }
}
