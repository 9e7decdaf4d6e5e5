package dev.costmon.export;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 fields and records: quoted only when needed, CRLF line ends (as report's CSV). */
final class Csv {
  static final String LINE_END = "\r\n";

  private Csv() {}

  /** A field, quoted when it holds a comma, a double quote or a line break; quotes doubled inside. */
  static String field(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** One record with its line end. */
  static String record(List<String> fields) {
    return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + LINE_END;
  }
}
