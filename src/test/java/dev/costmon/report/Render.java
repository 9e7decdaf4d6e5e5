package dev.costmon.report;

import dev.costmon.budget.MonthView;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Renders into a string, the way the command line would into its writer. */
final class Render {
  private Render() {}

  static String render(MonthView view, ReportOptions options) {
    StringWriter text = new StringWriter();
    ReportRenderer.of(options.format()).render(view, options, new PrintWriter(text));
    return text.toString();
  }
}
