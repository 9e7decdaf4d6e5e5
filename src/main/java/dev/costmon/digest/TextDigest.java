package dev.costmon.digest;

/**
 * The digest as plain text: for a terminal, cron's mail and the plain-text part of the e-mail. Lines
 * are wrapped at {@value #WIDTH} columns, which fit a mail reader and a pasted ticket.
 */
final class TextDigest {
  static final int WIDTH = 80;
  private static final String CONTINUED = "      ";

  private TextDigest() {}

  static String render(Digest d) {
    StringBuilder b = new StringBuilder();
    b.append(Sections.headline(d)).append('\n');
    Sections.summary(d).forEach(line -> wrap(b, line, "  "));
    for (Sections.Section s : Sections.of(d)) {
      b.append('\n');
      if (s.entries().isEmpty()) {
        b.append(s.title()).append(": ").append(s.empty()).append('\n');
        continue;
      }
      b.append(s.title()).append('\n');
      for (Sections.Entry e : s.entries()) {
        wrap(b, "  " + e.line(), CONTINUED);
        e.details().forEach(detail -> wrap(b, CONTINUED + detail, CONTINUED));
      }
    }
    b.append('\n');
    Sections.footer(d).forEach(line -> wrap(b, line, "  "));
    return b.toString();
  }

  /** Appends {@code line} broken at spaces so no part is wider than {@link #WIDTH}; a longer word stays whole. */
  private static void wrap(StringBuilder b, String line, String indent) {
    String rest = line;
    while (rest.length() > WIDTH) {
      int cut = rest.lastIndexOf(' ', WIDTH);
      if (cut <= indent.length()) {
        break;
      }
      b.append(rest, 0, cut).append('\n');
      rest = indent + rest.substring(cut + 1);
    }
    b.append(rest).append('\n');
  }
}
