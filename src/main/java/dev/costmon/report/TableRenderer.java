package dev.costmon.report;

import dev.costmon.budget.MonthView;
import dev.costmon.report.Sheet.Cell;
import dev.costmon.report.Sheet.Column;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The report for a person in a terminal: aligned columns, sparklines, colours when asked for. A row
 * never wraps: on a narrow terminal the sheets give up their least important width first (see
 * {@link Sheet#narrowings()}), and prose lines wrap between words.
 */
final class TableRenderer implements ReportRenderer {
  private static final String GAP = "  ";
  /** Below this a text column is cut no further: "claude-…" still says which account it is. */
  private static final int MIN_TEXT = 8;

  @Override
  public void render(MonthView view, ReportOptions options, PrintWriter out) {
    Report report = Report.of(view, options);
    boolean colour = options.colour();
    int width = options.width();
    if (options.demo()) {
      TextLines.wrap(Sheets.DEMO_BANNER, width, "").forEach(l -> out.println(Ansi.YELLOW.paint(l, colour)));
    }
    TextLines.wrap(Sheets.title(report), width, "  ").forEach(out::println);
    out.println();
    print(fit(Sheets.spend(report), width), colour, width, out);
    Sheet usage = Sheets.usage(report);
    if (!usage.rows().isEmpty()) {
      out.println();
      out.println("Usage vs quota");
      print(fit(usage, width), colour, width, out);
    }
    Sheet reconciliation = Sheets.reconciliation(report);
    if (report.grouping().kind() == Grouping.Kind.SERVICE && !reconciliation.rows().isEmpty()) {
      out.println();
      out.println("Estimate vs actual (the provider's spend counts; the estimate is shown beside it)");
      layout(reconciliation, colour).forEach(out::println);
    }
    List<Notes.Note> notes = Notes.of(report);
    if (!notes.isEmpty()) {
      out.println();
      for (Notes.Note note : notes) {
        TextLines.wrap((note.warning() ? "! " : "") + note.text(), width, "  ").forEach(out::println);
      }
    }
    out.flush();
  }

  private static void print(Sheet sheet, boolean colour, int width, PrintWriter out) {
    layout(sheet, colour).forEach(out::println);
    sheet.legend().forEach(line -> TextLines.wrap(line, width, "  ").forEach(out::println));
  }

  /**
   * The sheet narrowed step by step until its lines fit in {@code width} columns, then its text
   * columns cut if still needed; {@link ReportOptions#UNLIMITED} keeps it whole.
   */
  static Sheet fit(Sheet sheet, int width) {
    if (width == ReportOptions.UNLIMITED) {
      return sheet;
    }
    Sheet fitted = sheet;
    for (UnaryOperator<Sheet> step : sheet.narrowings()) {
      if (fitted.width(GAP.length()) <= width) {
        return fitted;
      }
      fitted = step.apply(fitted);
    }
    return fitted.width(GAP.length()) <= width ? fitted : fitted.shortenTexts(width, GAP.length(), MIN_TEXT);
  }

  /** Lines of the sheet, columns as wide as their content, numbers right-aligned, no trailing blanks. */
  static List<String> layout(Sheet sheet, boolean colour) {
    int[] widths = sheet.widths();
    List<String> lines = new ArrayList<>();
    List<Cell> header = sheet.columns().stream().map(c -> Cell.of(c.header())).toList();
    lines.add(line(sheet.columns(), header, widths, colour));
    for (List<Cell> row : sheet.rows()) {
      lines.add(line(sheet.columns(), row, widths, colour));
    }
    return lines;
  }

  private static String line(List<Column> columns, List<Cell> cells, int[] widths, boolean colour) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(GAP);
      }
      Cell cell = cells.get(i);
      // Padding stays outside the colour codes so that widths are counted on visible text only.
      String padding = " ".repeat(widths[i] - Sheet.width(cell.text()));
      String painted = cell.style().paint(cell.text(), colour);
      line.append(columns.get(i).numeric() ? padding + painted : painted + padding);
    }
    return line.toString().stripTrailing();
  }
}
