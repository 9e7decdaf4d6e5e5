package dev.costmon.provider.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads the billing API's JSON, failing with BAD_RESPONSE naming the field that is missing or wrong. */
final class Fields {
  private Fields() {}

  /** An object that may be absent or null. */
  static Optional<JsonNode> optionalObject(JsonNode parent, String name, String where)
      throws ProviderException {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw JsonFields.missing(where + "." + name, "an object", node);
    }
    return Optional.of(node);
  }

  /** A string that may be absent, null or empty. */
  static Optional<String> optionalText(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank()
        ? Optional.empty()
        : Optional.of(node.asText().strip());
  }

  /** A {@code YYYY-MM} billing period. */
  static YearMonth period(JsonNode parent, String name, String where) throws ProviderException {
    String text = text(parent, name, where);
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw new ProviderException(
          Kind.BAD_RESPONSE,
          "response field " + where + "." + name + " is not a YYYY-MM period: '" + JsonFields.shorten(text) + "'");
    }
  }

  static Instant instant(JsonNode parent, String name, String where) throws ProviderException {
    return parseInstant(text(parent, name, where), where + "." + name);
  }

  /** A date-time that may be absent or null. */
  static Optional<Instant> optionalInstant(JsonNode parent, String name, String where)
      throws ProviderException {
    Optional<String> text = optionalText(parent, name);
    return text.isEmpty() ? Optional.empty() : Optional.of(parseInstant(text.get(), where + "." + name));
  }

  private static String text(JsonNode parent, String name, String where) throws ProviderException {
    return JsonFields.text(parent, name, where).strip();
  }

  private static Instant parseInstant(String text, String field) throws ProviderException {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new ProviderException(
          Kind.BAD_RESPONSE, "response field " + field + " is not a date-time: '" + JsonFields.shorten(text) + "'");
    }
  }
}
