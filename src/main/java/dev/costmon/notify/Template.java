package dev.costmon.notify;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook body with {@code {{field}}} placeholders over the fields of a {@link Message}. Every
 * placeholder is checked when the config is read, so a typo is a configuration error, not an empty
 * value in a 3 a.m. alert.
 */
public final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

  private final String text;

  private Template(String text) {
    this.text = text;
  }

  /**
   * @throws IllegalArgumentException naming the first unknown placeholder and the known ones
   */
  public static Template parse(String text) {
    Objects.requireNonNull(text, "text");
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (!Message.FIELDS.contains(m.group(1))) {
        throw new IllegalArgumentException("unknown placeholder {{" + m.group(1) + "}} in body (known: "
            + String.join(", ", Message.FIELDS) + ")");
      }
    }
    return new Template(text);
  }

  /** The default body: a JSON object with every field. */
  public static Template defaultJson() {
    List<String> pairs = new ArrayList<>();
    for (String f : Message.FIELDS) {
      pairs.add("\"" + f + "\": \"{{" + f + "}}\"");
    }
    return new Template("{" + String.join(", ", pairs) + "}");
  }

  public String text() {
    return text;
  }

  /**
   * The body for these field values. For a JSON body the values are escaped as JSON string content,
   * so the template writes the quotes: {@code {"text": "{{text}}"}}.
   */
  public String render(Map<String, String> fields, boolean json) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = fields.getOrDefault(m.group(1), "");
      if (json) {
        value = new String(JsonStringEncoder.getInstance().quoteAsString(value));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
