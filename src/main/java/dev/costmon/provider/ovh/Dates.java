package dev.costmon.provider.ovh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Required text and date fields of OVH's JSON; a missing or malformed one is BAD_RESPONSE naming it. */
final class Dates {
  private Dates() {}

  static String text(JsonNode parent, String field, String where) throws ProviderException {
    JsonNode node = parent.get(field);
    if (node == null || !(node.isTextual() || node.isNumber()) || node.asText().isBlank()) {
      throw new ProviderException(Kind.BAD_RESPONSE, "response field " + where + "." + field + " is missing");
    }
    return node.asText().strip();
  }

  /**
   * The calendar day of a date-time as OVH wrote it ({@code 2026-11-01T03:12:45+01:00}) or of a
   * plain date: the offset is OVH's billing time zone, so the day is the one on the bill.
   */
  static LocalDate day(JsonNode parent, String field, String where) throws ProviderException {
    String text = text(parent, field, where);
    try {
      return text.length() == 10 ? LocalDate.parse(text) : OffsetDateTime.parse(text).toLocalDate();
    } catch (DateTimeParseException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, "response field " + where + "." + field
          + " is not a date: '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
    }
  }
}
