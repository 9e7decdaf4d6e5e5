package dev.costmon.digest;

/** The digest as plain text: for a terminal, cron's mail and the plain-text part of the e-mail. */
final class TextDigest {
  private TextDigest() {}

  static String render(Digest d) {
    StringBuilder b = new StringBuilder();
    b.append(Sections.headline(d)).append('\n');
    Sections.summary(d).forEach(line -> b.append(line).append('\n'));
    for (Sections.Section s : Sections.of(d)) {
      b.append('\n');
      if (s.entries().isEmpty()) {
        b.append(s.title()).append(": ").append(s.empty()).append('\n');
        continue;
      }
      b.append(s.title()).append('\n');
      for (Sections.Entry e : s.entries()) {
        b.append("  ").append(e.line()).append('\n');
        e.details().forEach(detail -> b.append("      ").append(detail).append('\n'));
      }
    }
    b.append('\n');
    Sections.footer(d).forEach(line -> b.append(line).append('\n'));
    return b.toString();
  }
}
