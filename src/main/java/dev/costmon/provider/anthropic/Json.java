package dev.costmon.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads the fields the API reference calls required, failing with BAD_RESPONSE naming the field. */
final class Json {
  private Json() {}

  static JsonNode required(JsonNode node, String field, String where) throws ProviderException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw missing(where + "." + field);
    }
    return value;
  }

  static JsonNode array(JsonNode node, String field, String where) throws ProviderException {
    JsonNode value = required(node, field, where);
    if (!value.isArray()) {
      throw new ProviderException(Kind.BAD_RESPONSE, where + "." + field + " is not an array");
    }
    return value;
  }

  /** A string field or null; dimension fields are null when not grouped by. */
  static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** A count such as a token total; exact, and never negative or fractional in a valid report. */
  static BigDecimal count(JsonNode node, String field, String where) throws ProviderException {
    JsonNode value = required(node, field, where);
    if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 0) {
      throw new ProviderException(
          Kind.BAD_RESPONSE, where + "." + field + " is not a non-negative integer");
    }
    return new BigDecimal(value.bigIntegerValue());
  }

  /** The UTC day a bucket's {@code starting_at} falls on. */
  static LocalDate day(JsonNode bucket, String where) throws ProviderException {
    String text = required(bucket, "starting_at", where).asText();
    try {
      Instant start = OffsetDateTime.parse(text).toInstant();
      return LocalDate.ofInstant(start, ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new ProviderException(
          Kind.BAD_RESPONSE, where + ".starting_at is not an RFC 3339 timestamp");
    }
  }

  static ProviderException missing(String field) {
    return new ProviderException(Kind.BAD_RESPONSE, "response lacks the required field " + field);
  }
}
