package dev.costmon.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** Reads the fields of the admin API's JSON, failing with BAD_RESPONSE naming what is missing. */
final class Fields {
  private Fields() {}

  static JsonNode array(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isArray()) {
      throw missing(where + "." + name, "an array", node);
    }
    return node;
  }

  static JsonNode object(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isObject()) {
      throw missing(where + "." + name, "an object", node);
    }
    return node;
  }

  static boolean bool(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isBoolean()) {
      throw missing(where + "." + name, "true or false", node);
    }
    return node.booleanValue();
  }

  /** A string field that may be absent or null. */
  static Optional<String> optionalText(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node == null || node.isNull() || node.asText().isEmpty()
        ? Optional.empty()
        : Optional.of(node.asText());
  }

  static String text(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isTextual() || node.textValue().isBlank()) {
      throw missing(where + "." + name, "a string", node);
    }
    return node.textValue();
  }

  /**
   * An exact decimal from a JSON number (the parser keeps the token text) or, defensively, from a
   * numeric string.
   */
  static BigDecimal decimal(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node != null && node.isNumber()) {
      return node.decimalValue();
    }
    if (node != null && node.isTextual()) {
      try {
        return new BigDecimal(node.textValue().strip());
      } catch (NumberFormatException e) {
        throw new ProviderException(
            Kind.BAD_RESPONSE, where + "." + name + " is not a number: '" + shorten(node.textValue()) + "'");
      }
    }
    throw missing(where + "." + name, "a number", node);
  }

  /** A decimal that may be absent or null. */
  static Optional<BigDecimal> optionalDecimal(JsonNode parent, String name, String where)
      throws ProviderException {
    JsonNode node = parent.get(name);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(decimal(parent, name, where));
  }

  /** The UTC day a bucket's {@code start_time} (Unix seconds) falls on. */
  static LocalDate utcDay(JsonNode bucket, String where) throws ProviderException {
    JsonNode node = bucket.get("start_time");
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      throw missing(where + ".start_time", "Unix seconds", node);
    }
    return LocalDate.ofInstant(Instant.ofEpochSecond(node.longValue()), ZoneOffset.UTC);
  }

  private static ProviderException missing(String field, String expected, JsonNode found) {
    String what = found == null || found.isNull() ? "missing" : "not " + expected;
    return new ProviderException(Kind.BAD_RESPONSE, "response field " + field + " is " + what);
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }
}
