package dev.costmon.provider.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads OpenRouter's JSON fields, failing with BAD_RESPONSE naming the field that is missing. */
final class Fields {
  /** The docs say YYYY-MM-DD; some answers carry a midnight time after it ("2026-06-03 00:00:00"). */
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([ T].*)?");

  private Fields() {}

  static JsonNode object(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isObject()) {
      throw missing(where + "." + name, "an object", node);
    }
    return node;
  }

  static JsonNode array(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isArray()) {
      throw missing(where + "." + name, "an array", node);
    }
    return node;
  }

  static String text(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isTextual() || node.textValue().isBlank()) {
      throw missing(where + "." + name, "a string", node);
    }
    return node.textValue();
  }

  /** A string that may be absent, null or empty. */
  static Optional<String> optionalText(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node == null || !node.isTextual() || node.textValue().isBlank()
        ? Optional.empty()
        : Optional.of(node.textValue());
  }

  /** An exact decimal from the JSON number's token text; money is never read through a double. */
  static BigDecimal decimal(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isNumber()) {
      throw missing(where + "." + name, "a number", node);
    }
    return node.decimalValue();
  }

  /** A decimal that may be absent or null (a key without a limit). */
  static Optional<BigDecimal> optionalDecimal(JsonNode parent, String name, String where)
      throws ProviderException {
    JsonNode node = parent.get(name);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(decimal(parent, name, where));
  }

  static LocalDate day(JsonNode parent, String name, String where) throws ProviderException {
    String text = text(parent, name, where);
    if (DAY.matcher(text).matches()) {
      try {
        return LocalDate.parse(text.substring(0, 10));
      } catch (DateTimeParseException e) {
        // Falls through to the message below: 2026-02-30 has the shape but is no day.
      }
    }
    throw new ProviderException(
        Kind.BAD_RESPONSE, "response field " + where + "." + name + " is '" + shorten(text)
            + "', not a day (YYYY-MM-DD)");
  }

  private static ProviderException missing(String field, String expected, JsonNode found) {
    String what = found == null || found.isNull() ? "missing" : "not " + expected;
    return new ProviderException(Kind.BAD_RESPONSE, "response field " + field + " is " + what);
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }
}
