package dev.costmon.provider.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** OpenRouter's own field shapes; the common ones are {@link JsonFields}. */
final class Fields {
  /** The docs say YYYY-MM-DD; some answers carry a midnight time after it ("2026-06-03 00:00:00"). */
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([ T].*)?");

  private Fields() {}

  /** A string that may be absent, null or empty. */
  static Optional<String> optionalText(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node == null || !node.isTextual() || node.textValue().isBlank()
        ? Optional.empty()
        : Optional.of(node.textValue());
  }

  /** A decimal that may be absent or null (a key without a limit). */
  static Optional<BigDecimal> optionalDecimal(JsonNode parent, String name, String where)
      throws ProviderException {
    JsonNode node = parent.get(name);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(JsonFields.number(parent, name, where));
  }

  static LocalDate day(JsonNode parent, String name, String where) throws ProviderException {
    String text = JsonFields.text(parent, name, where);
    if (DAY.matcher(text).matches()) {
      try {
        return LocalDate.parse(text.substring(0, 10));
      } catch (DateTimeParseException e) {
        // Falls through to the message below: 2026-02-30 has the shape but is no day.
      }
    }
    throw new ProviderException(
        Kind.BAD_RESPONSE, "response field " + where + "." + name + " is '" + JsonFields.shorten(text)
            + "', not a day (YYYY-MM-DD)");
  }
}
