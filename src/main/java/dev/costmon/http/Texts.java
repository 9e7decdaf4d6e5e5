package dev.costmon.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Wording shared by log lines and error messages: status names, body excerpts, sizes, durations.
 */
final class Texts {
  static final int EXCERPT_CHARS = 120;

  /** HttpClient does not expose the reason phrase, so the usual ones are named here. */
  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(200, "OK"),
          Map.entry(201, "Created"),
          Map.entry(202, "Accepted"),
          Map.entry(204, "No Content"),
          Map.entry(301, "Moved Permanently"),
          Map.entry(302, "Found"),
          Map.entry(304, "Not Modified"),
          Map.entry(307, "Temporary Redirect"),
          Map.entry(308, "Permanent Redirect"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(402, "Payment Required"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(406, "Not Acceptable"),
          Map.entry(408, "Request Timeout"),
          Map.entry(409, "Conflict"),
          Map.entry(410, "Gone"),
          Map.entry(413, "Content Too Large"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(422, "Unprocessable Content"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(501, "Not Implemented"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"));

  private Texts() {}

  /** {@code HTTP 401 Unauthorized}. */
  static String status(int status) {
    String reason = REASONS.get(status);
    return reason == null ? "HTTP " + status : "HTTP " + status + " " + reason;
  }

  /**
   * The first non-blank line of a body, redacted, without control characters, at most {@value
   * #EXCERPT_CHARS} characters; empty for an empty body.
   */
  static String firstLine(byte[] body, Redactor redactor) {
    return excerpt(firstNonBlankLine(new String(body, StandardCharsets.UTF_8)), redactor);
  }

  /**
   * One line shortened for a message; redaction happens before cutting, so no secret is half-cut.
   */
  static String excerpt(String line, Redactor redactor) {
    String clean = redactor.text(line).replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", " ").strip();
    if (clean.length() > EXCERPT_CHARS) {
      int end = EXCERPT_CHARS - 3;
      if (Character.isHighSurrogate(clean.charAt(end - 1))) {
        end--;
      }
      return clean.substring(0, end) + "...";
    }
    return clean;
  }

  /** {@code ": <first line>"} or nothing for an empty body. */
  static String colonFirstLine(byte[] body, Redactor redactor) {
    String line = firstLine(body, redactor);
    return line.isEmpty() ? "" : ": " + line;
  }

  /** {@code 512 B}, {@code 4.1 kB}, {@code 3.2 MB}, in SI units as HTTP tools print them. */
  static String size(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    if (bytes < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f kB", bytes / 1000.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
  }

  /** {@code 250 ms}, {@code 60 s}, {@code 1.5 s}. */
  static String duration(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + " s";
    }
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** Whole seconds rounded up, so "retry after 0 s" never appears for a 300 ms wait. */
  static long ceilSeconds(Duration d) {
    long seconds = d.getSeconds();
    return d.getNano() > 0 ? seconds + 1 : seconds;
  }

  private static String firstNonBlankLine(String text) {
    for (String line : text.split("\r\n|\r|\n", -1)) {
      if (!line.isBlank()) {
        return line;
      }
    }
    return "";
  }
}
