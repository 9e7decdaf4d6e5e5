package dev.costmon.report;

import java.util.List;

/** Display texts in rows and columns, laid out by the table and the Markdown renderer alike. */
record Sheet(List<Column> columns, List<List<Cell>> rows) {

  /** A column; numeric columns are right-aligned. */
  record Column(String header, boolean numeric) {}

  /** A display text and the colour it gets on a terminal that asked for colour. */
  record Cell(String text, Ansi style) {
    static Cell of(String text) {
      return new Cell(text, Ansi.PLAIN);
    }
  }

  Sheet {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
    for (List<Cell> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("a row has " + row.size() + " cells for " + columns.size() + " columns");
      }
    }
  }

  /** Each column's width in characters: its widest cell or header. */
  int[] widths() {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = width(columns.get(i).header());
    }
    for (List<Cell> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], width(row.get(i).text()));
      }
    }
    return widths;
  }

  /** Code points, so that the sparkline's block characters count one each. */
  static int width(String text) {
    return text.codePointCount(0, text.length());
  }
}
