package dev.costmon.report;

import dev.costmon.budget.MonthView;
import dev.costmon.report.Sheet.Cell;
import dev.costmon.report.Sheet.Column;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The report for a person in a terminal: aligned columns, sparklines, colours when asked for. */
final class TableRenderer implements ReportRenderer {
  private static final String GAP = "  ";

  @Override
  public void render(MonthView view, ReportOptions options, PrintWriter out) {
    Report report = Report.of(view, options);
    boolean colour = options.colour();
    if (options.demo()) {
      out.println(Ansi.YELLOW.paint(Sheets.DEMO_BANNER, colour));
    }
    out.println(Sheets.title(report));
    out.println();
    layout(Sheets.spend(report), colour).forEach(out::println);
    Sheet usage = Sheets.usage(report);
    if (!usage.rows().isEmpty()) {
      out.println();
      out.println("Usage vs quota");
      layout(usage, colour).forEach(out::println);
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
        out.println((note.warning() ? "! " : "") + note.text());
      }
    }
    out.flush();
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
