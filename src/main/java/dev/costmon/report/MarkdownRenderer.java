package dev.costmon.report;

import dev.costmon.budget.MonthView;
import dev.costmon.report.Sheet.Cell;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The table report as GitHub-flavoured Markdown, for a wiki page or an issue; never coloured. */
final class MarkdownRenderer implements ReportRenderer {

  @Override
  public void render(MonthView view, ReportOptions options, PrintWriter out) {
    Report report = Report.of(view, options);
    if (options.demo()) {
      out.println("> **" + Sheets.DEMO_BANNER + "**");
      out.println();
    }
    out.println("## " + escape(Sheets.title(report)));
    out.println();
    table(Sheets.spend(report)).forEach(out::println);
    Sheet usage = Sheets.usage(report);
    if (!usage.rows().isEmpty()) {
      out.println();
      out.println("### Usage vs quota");
      out.println();
      table(usage).forEach(out::println);
    }
    Sheet reconciliation = Sheets.reconciliation(report);
    if (report.grouping().kind() == Grouping.Kind.SERVICE && !reconciliation.rows().isEmpty()) {
      out.println();
      out.println("### Estimate vs actual");
      out.println();
      table(reconciliation).forEach(out::println);
    }
    List<Notes.Note> notes = Notes.of(report);
    if (!notes.isEmpty()) {
      out.println();
      out.println("### Notes");
      out.println();
      for (Notes.Note note : notes) {
        out.println("- " + (note.warning() ? "**!** " : "") + escape(note.text()));
      }
    }
    out.flush();
  }

  /** A GitHub table, cells padded so that the source reads as a table too. */
  static List<String> table(Sheet sheet) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(sheet.columns().stream().map(c -> escape(c.header())).toList());
    for (List<Cell> row : sheet.rows()) {
      rows.add(row.stream().map(c -> escape(c.text().strip())).toList());
    }
    int[] widths = new int[sheet.columns().size()];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(Math.max(widths[i], 3), Sheet.width(row.get(i)));
      }
    }
    List<String> lines = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      lines.add(line(sheet, rows.get(r), widths));
      if (r == 0) {
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
          rule.add(sheet.columns().get(i).numeric() ? "-".repeat(widths[i] - 1) + ":" : "-".repeat(widths[i]));
        }
        lines.add("| " + String.join(" | ", rule) + " |");
      }
    }
    return lines;
  }

  private static String line(Sheet sheet, List<String> cells, int[] widths) {
    List<String> padded = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      String padding = " ".repeat(widths[i] - Sheet.width(cells.get(i)));
      padded.add(sheet.columns().get(i).numeric() ? padding + cells.get(i) : cells.get(i) + padding);
    }
    return "| " + String.join(" | ", padded) + " |";
  }

  /** Pipes would end a cell; asterisks, underscores and the like in ids would turn into emphasis. */
  static String escape(String text) {
    return text.replaceAll("([\\\\|*_`\\[\\]<>])", "\\\\$1");
  }
}
