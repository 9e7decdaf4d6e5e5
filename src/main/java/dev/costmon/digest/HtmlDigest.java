package dev.costmon.digest;

import java.util.List;

/**
 * The digest as one self-contained HTML page, for the e-mail's HTML part: every style inline (mail
 * clients drop style sheets), no script, no image, no link to anything remote, so it shows the same
 * offline and leaks no read receipt. One column at most 640px wide; long names wrap rather than
 * widen the page, so it fits a 375px phone.
 */
final class HtmlDigest {
  private static final String FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
  private static final String CELL = "padding:6px 0;border-top:1px solid #d8dee4;vertical-align:top;";
  private static final String MUTED = "color:#57606a;font-size:13px;";

  private HtmlDigest() {}

  static String render(Digest d) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(Sections.headline(d))).append("</title>\n</head>\n")
        .append("<body style=\"margin:0;padding:0;background:#f6f8fa;color:#1f2328;").append(FONT)
        .append("font-size:15px;line-height:1.45;\">\n")
        .append("<div style=\"max-width:640px;margin:0 auto;padding:16px 12px;box-sizing:border-box;\">\n");
    if (d.demo()) {
      b.append("<p style=\"margin:0 0 12px;padding:6px 10px;background:#fff8c5;border:1px solid #d4a72c;")
          .append("border-radius:6px;\">Demo data: these figures are synthetic.</p>\n");
    }
    b.append("<h1 style=\"font-size:20px;line-height:1.3;margin:0 0 10px;overflow-wrap:anywhere;\">")
        .append(escape("costmon digest: " + d.period().describe())).append("</h1>\n");
    b.append("<div style=\"background:#ffffff;border:1px solid #d8dee4;border-radius:8px;padding:10px 12px;\">\n");
    for (String line : Sections.summary(d)) {
      b.append("<p style=\"margin:2px 0;overflow-wrap:anywhere;\">").append(escape(line)).append("</p>\n");
    }
    b.append("</div>\n");
    for (Sections.Section s : Sections.of(d)) {
      b.append("<h2 style=\"font-size:16px;margin:20px 0 6px;overflow-wrap:anywhere;\">").append(escape(s.title()))
          .append("</h2>\n");
      if (s.entries().isEmpty()) {
        b.append("<p style=\"margin:0;").append(MUTED).append("\">").append(escape(s.empty())).append("</p>\n");
        continue;
      }
      b.append("<table role=\"presentation\" style=\"width:100%;border-collapse:collapse;table-layout:fixed;\">\n");
      for (Sections.Entry e : s.entries()) {
        b.append("<tr>");
        if (e.figure().isEmpty()) {
          b.append("<td colspan=\"2\" style=\"").append(CELL).append("overflow-wrap:anywhere;\">")
              .append(label(e.label())).append(' ').append(escape(e.note()));
          details(b, e.details());
          b.append("</td>");
        } else {
          b.append("<td style=\"").append(CELL).append("padding-right:8px;overflow-wrap:anywhere;\">")
              .append(label(e.label()));
          details(b, e.details());
          b.append("</td><td style=\"").append(CELL).append("width:34%;text-align:right;overflow-wrap:anywhere;")
              .append("font-variant-numeric:tabular-nums;\">").append(escape(e.figure()));
          if (!e.note().isEmpty()) {
            b.append("<div style=\"").append(MUTED).append("\">").append(escape(e.note())).append("</div>");
          }
          b.append("</td>");
        }
        b.append("</tr>\n");
      }
      b.append("</table>\n");
    }
    b.append("<p style=\"margin:20px 0 0;").append(MUTED).append("overflow-wrap:anywhere;\">")
        .append(String.join("<br>", Sections.footer(d).stream().map(HtmlDigest::escape).toList()))
        .append("</p>\n</div>\n</body>\n</html>\n");
    return b.toString();
  }

  /** Breach labels start with their status, which gets its colour. */
  private static String label(String label) {
    for (String status : List.of("CRITICAL", "WARNING", "UNKNOWN")) {
      if (label.startsWith(status + " ")) {
        String colour = status.equals("CRITICAL") ? "#cf222e" : status.equals("WARNING") ? "#9a6700" : "#57606a";
        return "<strong style=\"color:" + colour + ";\">" + status + "</strong> "
            + "<strong>" + escape(label.substring(status.length() + 1)) + "</strong>";
      }
    }
    return "<strong>" + escape(label) + "</strong>";
  }

  private static void details(StringBuilder b, List<String> details) {
    for (String detail : details) {
      b.append("<div style=\"").append(MUTED).append("\">").append(escape(detail)).append("</div>");
    }
  }

  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
