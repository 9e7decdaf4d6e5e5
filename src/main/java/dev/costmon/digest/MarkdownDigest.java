package dev.costmon.digest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The digest as Markdown, for a wiki page, a ticket or a chat that renders it. */
final class MarkdownDigest {
  /** Characters that would start emphasis, code, links, HTML or a table cell in a name. */
  private static final Pattern SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>#|~]");

  private MarkdownDigest() {}

  static String render(Digest d) {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(escape(Sections.headline(d))).append("\n\n");
    for (String line : Sections.summary(d)) {
      b.append("- ").append(escape(line)).append('\n');
    }
    for (Sections.Section s : Sections.of(d)) {
      b.append("\n## ").append(escape(s.title())).append("\n\n");
      if (s.entries().isEmpty()) {
        b.append(escape(s.empty())).append('\n');
        continue;
      }
      for (Sections.Entry e : s.entries()) {
        b.append("- **").append(escape(e.label())).append("**");
        if (!e.figure().isEmpty()) {
          b.append(' ').append(escape(e.figure()));
        }
        if (!e.note().isEmpty()) {
          b.append(' ').append(escape(e.note()));
        }
        for (String detail : e.details()) {
          b.append("; ").append(escape(detail));
        }
        b.append('\n');
      }
    }
    b.append('\n');
    Sections.footer(d).forEach(line -> b.append('_').append(escape(line)).append("_  \n"));
    return b.toString();
  }

  static String escape(String text) {
    return SPECIAL.matcher(text).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
  }
}
