package dev.costmon.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Display texts in rows and columns, laid out by the table and the Markdown renderer alike.
 *
 * @param legend lines that explain abbreviations a narrowing introduced, printed below the table
 * @param narrowings how the sheet may give up width, least important first; only the terminal table
 *     applies them, one after the other, until it fits
 */
record Sheet(List<Column> columns, List<List<Cell>> rows, List<String> legend, List<UnaryOperator<Sheet>> narrowings) {

  /** A column; numeric columns are right-aligned. */
  record Column(String header, boolean numeric) {}

  /**
   * A display text and the colour it gets on a terminal that asked for colour.
   *
   * @param compact a shorter text for the same fact, for a narrow terminal ({@code 2h} for {@code 2h ago})
   */
  record Cell(String text, Ansi style, String compact) {
    Cell(String text, Ansi style) {
      this(text, style, text);
    }

    static Cell of(String text) {
      return new Cell(text, Ansi.PLAIN);
    }
  }

  Sheet {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
    legend = List.copyOf(legend);
    narrowings = List.copyOf(narrowings);
    for (List<Cell> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("a row has " + row.size() + " cells for " + columns.size() + " columns");
      }
    }
  }

  /** A sheet that is laid out at its full width or not at all. */
  Sheet(List<Column> columns, List<List<Cell>> rows) {
    this(columns, rows, List.of(), List.of());
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

  /** The width of the widest line when columns are {@code gap} characters apart. */
  int width(int gap) {
    int total = gap * Math.max(0, columns.size() - 1);
    for (int w : widths()) {
      total += w;
    }
    return total;
  }

  /** Code points, so that the sparkline's block characters count one each. */
  static int width(String text) {
    return text.codePointCount(0, text.length());
  }

  /** The column's cells in their compact form, under a shorter header; unchanged without that column. */
  Sheet compact(String header, String compactHeader) {
    return mapColumn(header, compactHeader, cell -> new Cell(cell.compact(), cell.style(), cell.compact()));
  }

  /** The column's texts cut to their last {@code length} characters (the latest days of a trend). */
  Sheet tail(String header, int length) {
    return mapColumn(header, header, cell -> {
      String text = cell.text();
      int excess = width(text) - length;
      return excess <= 0 ? cell : new Cell(text.substring(text.offsetByCodePoints(0, excess)), cell.style());
    });
  }

  /** Without the column; unchanged without it. */
  Sheet drop(String header) {
    int index = indexOf(header);
    if (index < 0) {
      return this;
    }
    List<Column> kept = new ArrayList<>(columns);
    kept.remove(index);
    List<List<Cell>> keptRows = new ArrayList<>();
    for (List<Cell> row : rows) {
      List<Cell> r = new ArrayList<>(row);
      r.remove(index);
      keptRows.add(r);
    }
    return new Sheet(kept, keptRows, legend, narrowings);
  }

  /** The same sheet with one more legend line. */
  Sheet withLegend(String line) {
    List<String> lines = new ArrayList<>(legend);
    lines.add(line);
    return new Sheet(columns, rows, lines, narrowings);
  }

  /** The same sheet with the given ways to give up width. */
  Sheet narrowedBy(List<UnaryOperator<Sheet>> steps) {
    return new Sheet(columns, rows, legend, steps);
  }

  /**
   * The last resort when every narrowing was not enough: text columns cut with an ellipsis, the
   * widest first and only down to the next widest, so that the cut is shared; never below
   * {@code minimum} characters. Numbers are never cut: a cut amount lies.
   */
  Sheet shortenTexts(int target, int gap, int minimum) {
    Sheet sheet = this;
    int excess = sheet.width(gap) - target;
    while (excess > 0) {
      int[] widths = sheet.widths();
      int widest = -1;
      for (int i = 0; i < widths.length; i++) {
        if (!sheet.columns.get(i).numeric() && widths[i] > minimum && (widest < 0 || widths[i] > widths[widest])) {
          widest = i;
        }
      }
      if (widest < 0) {
        return sheet;
      }
      int next = minimum;
      for (int i = 0; i < widths.length; i++) {
        if (i != widest && !sheet.columns.get(i).numeric()) {
          next = Math.max(next, Math.min(widths[i], widths[widest] - 1));
        }
      }
      int limit = Math.max(next, widths[widest] - excess);
      Column column = sheet.columns.get(widest);
      sheet = sheet.mapColumn(column.header(), ellipsis(column.header(), limit),
          cell -> new Cell(ellipsis(cell.text(), limit), cell.style()));
      excess = sheet.width(gap) - target;
    }
    return sheet;
  }

  private static String ellipsis(String text, int limit) {
    return width(text) <= limit ? text : text.substring(0, text.offsetByCodePoints(0, limit - 1)) + "…";
  }

  private int indexOf(String header) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).header().equals(header)) {
        return i;
      }
    }
    return -1;
  }

  private Sheet mapColumn(String header, String newHeader, UnaryOperator<Cell> change) {
    int index = indexOf(header);
    if (index < 0) {
      return this;
    }
    List<Column> changed = new ArrayList<>(columns);
    changed.set(index, new Column(newHeader, columns.get(index).numeric()));
    List<List<Cell>> changedRows = new ArrayList<>();
    for (List<Cell> row : rows) {
      List<Cell> r = new ArrayList<>(row);
      r.set(index, change.apply(r.get(index)));
      changedRows.add(r);
    }
    return new Sheet(changed, changedRows, legend, narrowings);
  }
}
