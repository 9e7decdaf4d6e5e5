package dev.costmon.provider.vercel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Money;
import dev.costmon.model.Tags;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The fields costmon uses of one FOCUS v1.3 charge line from {@code /v1/billing/charges}.
 *
 * @param periodStart {@code ChargePeriodStart}, the instant the charged period begins
 * @param service {@code ServiceName}, e.g. "Fast Data Transfer"
 * @param billed {@code BilledCost} in {@code BillingCurrency}; negative for credits and adjustments
 * @param consumedQuantity {@code ConsumedQuantity}, empty for purchases, taxes and credits
 * @param consumedUnit {@code ConsumedUnit}, e.g. "GB-Seconds"; empty when absent
 * @param project the Vercel project charged, {@code Tags.ProjectName} (else {@code Tags.ProjectId});
 *     empty for team-wide charges such as seats
 */
record FocusCharge(
    Instant periodStart,
    String service,
    Money billed,
    Optional<BigDecimal> consumedQuantity,
    String consumedUnit,
    Optional<String> project) {

  /** The key of the tag that carries a charge's project, for attribution rules. */
  static final String PROJECT_TAG = "project";

  /** Reads charge number {@code index} (1-based) of the response; a missing required field is BAD_RESPONSE. */
  static FocusCharge parse(JsonNode line, int index) throws ProviderException {
    if (!line.isObject()) {
      throw bad(index, "is not a JSON object");
    }
    BigDecimal billed = decimal(line, "BilledCost", index)
        .orElseThrow(() -> missing(index, "BilledCost"));
    String currency = text(line, "BillingCurrency").orElseThrow(() -> missing(index, "BillingCurrency"));
    String start = text(line, "ChargePeriodStart").orElseThrow(() -> missing(index, "ChargePeriodStart"));
    String service = text(line, "ServiceName").orElseThrow(() -> missing(index, "ServiceName"));
    Money money;
    try {
      money = new Money(billed, Money.currency(currency));
    } catch (IllegalArgumentException e) {
      throw bad(index, "has BillingCurrency " + quoted(currency) + ", not an ISO 4217 code");
    }
    Instant periodStart;
    try {
      periodStart = OffsetDateTime.parse(start).toInstant();
    } catch (DateTimeParseException e) {
      throw bad(index, "has ChargePeriodStart " + quoted(start) + ", not an ISO 8601 date-time");
    }
    return new FocusCharge(periodStart, service, money, decimal(line, "ConsumedQuantity", index),
        text(line, "ConsumedUnit").orElse(""), project(line.path("Tags")));
  }

  /** The charge's provider tags: its project, if it has one. */
  Map<String, String> tags() {
    return project.map(p -> Map.of(PROJECT_TAG, p)).orElse(Map.of());
  }

  /** A name or id too long for a tag is cut, not fatal: the spend counts either way. */
  private static Optional<String> project(JsonNode tags) {
    return text(tags, "ProjectName").or(() -> text(tags, "ProjectId"))
        .map(String::strip).filter(p -> !p.isEmpty())
        .map(Tags::clip);
  }

  /** A JSON number read exactly; a numeric string is accepted, anything else is BAD_RESPONSE. */
  private static Optional<BigDecimal> decimal(JsonNode line, String field, int index) throws ProviderException {
    JsonNode node = line.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isNumber()) {
      return Optional.of(node.decimalValue());
    }
    if (node.isTextual()) {
      try {
        return Optional.of(new BigDecimal(node.textValue().strip()));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw bad(index, "has " + field + " " + quoted(node.toString()) + ", not a number");
  }

  private static Optional<String> text(JsonNode line, String field) {
    JsonNode node = line.isObject() ? line.get(field) : null;
    return node == null || node.isNull() || !node.isValueNode() ? Optional.empty() : Optional.of(node.asText());
  }

  private static ProviderException missing(int index, String field) {
    return bad(index, "has no " + field);
  }

  private static ProviderException bad(int index, String what) {
    return new ProviderException(Kind.BAD_RESPONSE, "billing charge " + index + " " + what);
  }

  private static String quoted(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return "'" + shown + "'";
  }
}
