package dev.costmon.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.model.Tags;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the daily buckets of {@code cost_report} grouped by workspace and description to spend:
 * one row per day and line item, and an explicit zero row for a day the API answered with no
 * charges.
 */
final class CostReport {
  /** The API's only currency so far; a day without charges is reported in it. */
  static final Currency USD = Currency.getInstance("USD");

  /** The tag that carries a line's workspace, for attribution rules ({@code tags: {workspace: ...}}). */
  static final String WORKSPACE_TAG = "workspace";
  private static final String DEFAULT_WORKSPACE = "default";
  private static final Pattern MODEL_IN_DESCRIPTION = Pattern.compile("^(Claude [^-]+?) Usage - ");

  private CostReport() {}

  static List<Observation> spend(List<JsonNode> buckets) throws ProviderException {
    Map<LocalDate, Map<String, Money>> byDay = new TreeMap<>();
    Map<String, Map<String, String>> tagsByLine = new HashMap<>();
    for (int i = 0; i < buckets.size(); i++) {
      String where = "cost_report data[" + i + "]";
      JsonNode bucket = buckets.get(i);
      LocalDate day = Json.day(bucket, where);
      JsonNode results = Json.array(bucket, "results", where);
      Map<String, Money> lines = byDay.computeIfAbsent(day, d -> new TreeMap<>());
      for (int j = 0; j < results.size(); j++) {
        JsonNode result = results.get(j);
        String at = where + ".results[" + j + "]";
        // Several results can share a line name (split by service tier or context window).
        String line = dimension(result);
        lines.merge(line, amount(result, at), Money::plus);
        tagsByLine.putIfAbsent(line, tags(result));
      }
    }
    List<Observation> spend = new ArrayList<>();
    for (Map.Entry<LocalDate, Map<String, Money>> day : byDay.entrySet()) {
      if (day.getValue().isEmpty()) {
        spend.add(Observation.spend(day.getKey(), "", Money.zero(USD), Provenance.API));
      }
      day.getValue()
          .forEach((line, amount) -> spend.add(
              Observation.spend(day.getKey(), line, amount, Provenance.API).withTags(tagsByLine.get(line))));
    }
    return spend;
  }

  /**
   * The line item as the Console names it, under its workspace: {@code Claude Sonnet 4 Usage - Input
   * Tokens} for the default workspace (a null {@code workspace_id}), {@code wrkspc_01.../...} for
   * another one.
   */
  static String dimension(JsonNode result) {
    String description = Json.optionalText(result, "description");
    if (description == null || description.isBlank()) {
      String costType = Json.optionalText(result, "cost_type");
      description = costType == null ? "other" : costType;
    }
    String workspace = workspace(result);
    return workspace.equals(DEFAULT_WORKSPACE) ? description : workspace + "/" + description;
  }

  /** The line's workspace, and its model when the line is for one. */
  private static Map<String, String> tags(JsonNode result) {
    Map<String, String> tags = new TreeMap<>();
    tags.put(WORKSPACE_TAG, Tags.clip(workspace(result)));
    model(result).ifPresent(m -> tags.put(Tags.MODEL, Tags.clip(m)));
    return tags;
  }

  /**
   * The model a line is for: its {@code model} field (with {@code group_by[]=description}), else
   * the model name the Console writes before " Usage - " in the description ({@code Claude Sonnet 4
   * Usage - Input Tokens}); none for web search, code execution and other non-token lines.
   */
  static Optional<String> model(JsonNode result) {
    String model = Json.optionalText(result, "model");
    if (model != null && !model.isBlank()) {
      return Optional.of(model.strip());
    }
    String description = Json.optionalText(result, "description");
    if (description == null) {
      return Optional.empty();
    }
    Matcher m = MODEL_IN_DESCRIPTION.matcher(description);
    return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
  }

  /** The workspace id, {@code default} for the organisation's default workspace (a null id). */
  private static String workspace(JsonNode result) {
    String workspace = Json.optionalText(result, "workspace_id");
    return workspace == null || workspace.isBlank() ? DEFAULT_WORKSPACE : workspace;
  }

  /** {@code amount} is a decimal string in the currency's minor unit: "123.78912" USD is $1.2378912. */
  static Money amount(JsonNode result, String where) throws ProviderException {
    JsonNode amount = Json.required(result, "amount", where);
    String code = Json.required(result, "currency", where).asText();
    Currency currency;
    try {
      currency = Money.currency(code);
    } catch (IllegalArgumentException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, where + ".currency " + e.getMessage());
    }
    BigDecimal minorUnits;
    if (amount.isNumber()) {
      minorUnits = amount.decimalValue();
    } else {
      try {
        minorUnits = new BigDecimal(amount.asText().strip());
      } catch (NumberFormatException e) {
        throw new ProviderException(Kind.BAD_RESPONSE, where + ".amount is not a decimal number");
      }
    }
    int digits = Math.max(currency.getDefaultFractionDigits(), 0);
    return new Money(minorUnits.movePointLeft(digits), currency);
  }
}
