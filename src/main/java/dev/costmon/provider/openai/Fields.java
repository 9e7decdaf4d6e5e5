package dev.costmon.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.ProviderException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** The admin API's own field shapes; the common ones are {@link JsonFields}. */
final class Fields {
  private Fields() {}

  /** A string field that may be absent or null. */
  static Optional<String> optionalText(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node == null || node.isNull() || node.asText().isEmpty()
        ? Optional.empty()
        : Optional.of(node.asText());
  }

  /** A decimal that may be absent or null. */
  static Optional<BigDecimal> optionalDecimal(JsonNode parent, String name, String where)
      throws ProviderException {
    JsonNode node = parent.get(name);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(JsonFields.decimal(parent, name, where));
  }

  /** The UTC day a bucket's {@code start_time} (Unix seconds) falls on. */
  static LocalDate utcDay(JsonNode bucket, String where) throws ProviderException {
    JsonNode node = bucket.get("start_time");
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      throw JsonFields.missing(where + ".start_time", "Unix seconds", node);
    }
    return LocalDate.ofInstant(Instant.ofEpochSecond(node.longValue()), ZoneOffset.UTC);
  }
}
