package dev.costmon.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The digest as a Slack incoming-webhook payload: Block Kit blocks (a header, the summary, one
 * section per part) and the plain text as the fallback Slack shows in notifications. Slack caps a
 * section's text at 3000 characters and a header at 150, so long parts are cut with a count of what
 * was left out.
 */
final class SlackDigest {
  static final int SECTION_LIMIT = 3000;
  static final int HEADER_LIMIT = 150;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SlackDigest() {}

  static String render(Digest d) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("text", Sections.headline(d) + "\n" + String.join("\n", Sections.summary(d)));
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", cut(Sections.headline(d), HEADER_LIMIT));
    section(blocks, String.join("\n", Sections.summary(d).stream().map(SlackDigest::escape).toList()));
    for (Sections.Section s : Sections.of(d)) {
      StringBuilder text = new StringBuilder("*").append(escape(s.title())).append("*");
      if (s.entries().isEmpty()) {
        text.append("\n").append(escape(s.empty()));
      }
      int shown = 0;
      for (Sections.Entry e : s.entries()) {
        StringBuilder line = new StringBuilder("\n• *").append(escape(e.label())).append("*");
        if (!e.figure().isEmpty()) {
          line.append(' ').append(escape(e.figure()));
        }
        if (!e.note().isEmpty()) {
          line.append(' ').append(escape(e.note()));
        }
        e.details().forEach(detail -> line.append("\n      ").append(escape(detail)));
        String more = "\n… and " + (s.entries().size() - shown) + " more";
        if (text.length() + line.length() + more.length() > SECTION_LIMIT) {
          text.append(more);
          break;
        }
        text.append(line);
        shown++;
      }
      section(blocks, text.toString());
    }
    ObjectNode context = blocks.addObject().put("type", "context");
    context.putArray("elements").addObject().put("type", "mrkdwn").put("text", escape(String.join(" ", Sections.footer(d))));
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void section(ArrayNode blocks, String mrkdwn) {
    blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
  }

  /** Slack's three control characters in text; everything else is shown as written. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cut(String text, int limit) {
    return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
  }
}
