package dev.costmon.report;

import java.util.ArrayList;
import java.util.List;

/** Prose for a terminal of a given width: wrapped between words, so that no line runs over the edge. */
public final class TextLines {
  private TextLines() {}

  /**
   * The text in lines of at most {@code width} characters, continuation lines indented by
   * {@code indent}; a word longer than a line (a path) stands alone on its line. A width of 0 is
   * unlimited.
   */
  public static List<String> wrap(String text, int width, String indent) {
    if (width <= 0 || Sheet.width(text) <= width) {
      return List.of(text);
    }
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && Sheet.width(line + " " + word) > width) {
        lines.add(line.toString());
        line = new StringBuilder(indent);
      }
      if (line.length() > 0 && !line.toString().equals(indent)) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  /** The line cut to {@code width} characters, ending in an ellipsis when cut; 0 is unlimited. */
  public static String cut(String line, int width) {
    if (width <= 0 || Sheet.width(line) <= width) {
      return line;
    }
    return line.substring(0, line.offsetByCodePoints(0, width - 1)) + "…";
  }
}
