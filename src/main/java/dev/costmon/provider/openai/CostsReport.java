package dev.costmon.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.model.Tags;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Maps {@code /v1/organization/costs} buckets (grouped by line item and project) to daily spend per
 * "project / line item". Amounts are dollars as JSON numbers, read exactly.
 */
final class CostsReport {
  static final String PATH = "/v1/organization/costs";
  static final List<String> GROUP_BY = List.of("line_item", "project_id");
  /** The currency of the explicit zero row of a day without charges; OpenAI bills in USD. */
  static final Currency USD = Currency.getInstance("USD");

  private CostsReport() {}

  /** The tag that carries a cost's project (its display name from {@code projects:}, else its id). */
  static final String PROJECT_TAG = "project";

  private record Key(LocalDate day, String dimension, Map<String, String> tags, Currency currency) {}

  static List<Observation> observations(
      List<JsonNode> buckets, OpenAiSettings settings, CollectWindow window, Consumer<String> log)
      throws ProviderException {
    Map<Key, BigDecimal> sums = new LinkedHashMap<>();
    Set<LocalDate> answered = new LinkedHashSet<>();
    for (JsonNode bucket : buckets) {
      LocalDate day = Fields.utcDay(bucket, PATH + " bucket");
      JsonNode results = JsonFields.array(bucket, "results", PATH + " bucket");
      if (day.isBefore(window.from()) || day.isAfter(window.to())) {
        log.accept("openai costs: ignoring bucket of " + day + " outside the window");
        continue;
      }
      answered.add(day);
      for (JsonNode result : results) {
        JsonNode amount = JsonFields.object(result, "amount", PATH + " result");
        BigDecimal value = JsonFields.decimal(amount, "value", PATH + " result.amount");
        Currency currency = currency(JsonFields.text(amount, "currency", PATH + " result.amount"));
        Map<String, String> tags = new TreeMap<>();
        Fields.optionalText(result, "project_id").ifPresent(id -> tags.put(PROJECT_TAG, Tags.clip(settings.projectLabel(id))));
        Fields.optionalText(result, "line_item").flatMap(CostsReport::model).ifPresent(m -> tags.put(Tags.MODEL, Tags.clip(m)));
        sums.merge(new Key(day, dimension(result, settings), tags, currency), value, BigDecimal::add);
      }
    }
    List<Observation> spend = new ArrayList<>();
    for (LocalDate day : answered.stream().sorted().toList()) {
      boolean any = false;
      for (Map.Entry<Key, BigDecimal> e : sums.entrySet()) {
        if (e.getKey().day().equals(day)) {
          spend.add(Observation.spend(
              day, e.getKey().dimension(), new Money(e.getValue(), e.getKey().currency()), Provenance.API)
              .withTags(e.getKey().tags()));
          any = true;
        }
      }
      if (!any) {
        // An empty bucket is the API saying "nothing charged": report it, so an earlier figure for
        // the day is replaced rather than kept.
        spend.add(Observation.spend(day, "", Money.zero(USD), Provenance.API));
      }
    }
    return spend;
  }

  /**
   * The model of a line item written {@code "<model>, <what>"} ({@code gpt-4o-2024-08-06, cached
   * input}); none for items of no model ({@code web search tool calls}).
   */
  static Optional<String> model(String lineItem) {
    int comma = lineItem.indexOf(", ");
    return comma > 0 ? Optional.of(lineItem.substring(0, comma).strip()) : Optional.empty();
  }

  /** {@code "<project name or id> / <line item>"}, or whichever of the two the result has. */
  private static String dimension(JsonNode result, OpenAiSettings settings) {
    Optional<String> project = Fields.optionalText(result, "project_id").map(settings::projectLabel);
    Optional<String> lineItem = Fields.optionalText(result, "line_item");
    if (project.isPresent() && lineItem.isPresent()) {
      return project.get() + " / " + lineItem.get();
    }
    return project.or(() -> lineItem).orElse("");
  }

  private static Currency currency(String code) throws ProviderException {
    try {
      return Money.currency(code.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ProviderException(
          Kind.BAD_RESPONSE, "response field " + PATH + " result.amount.currency is not a currency: '"
              + (code.length() > 10 ? code.substring(0, 10) + "..." : code) + "'");
    }
  }
}
