package dev.costmon.provider.hetzner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Required fields of the Cloud API's JSON; a missing or malformed one is BAD_RESPONSE naming it. */
final class Json {
  private Json() {}

  static JsonNode object(JsonNode parent, String field, String where) throws ProviderException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw missing(where + "." + field, "an object");
    }
    return node;
  }

  static JsonNode array(JsonNode parent, String field, String where) throws ProviderException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isArray()) {
      throw missing(where + "." + field, "a list");
    }
    return node;
  }

  static String text(JsonNode parent, String field, String where) throws ProviderException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual() || node.textValue().isBlank()) {
      throw missing(where + "." + field, "a string");
    }
    return node.textValue();
  }

  /** Hetzner sends prices as decimal strings ({@code "5.8310000000000000"}); read them exactly. */
  static BigDecimal decimal(JsonNode parent, String field, String where) throws ProviderException {
    JsonNode node = parent.get(field);
    if (node != null && node.isTextual()) {
      try {
        return new BigDecimal(node.textValue().strip());
      } catch (NumberFormatException e) {
        throw missing(where + "." + field, "a decimal number");
      }
    }
    if (node != null && node.isNumber()) {
      return node.decimalValue();
    }
    throw missing(where + "." + field, "a decimal number");
  }

  static Instant instant(JsonNode parent, String field, String where) throws ProviderException {
    String text = text(parent, field, where);
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw missing(where + "." + field, "a date-time");
    }
  }

  private static ProviderException missing(String at, String what) {
    return new ProviderException(Kind.BAD_RESPONSE, "response field " + at + " is missing or not " + what);
  }
}
