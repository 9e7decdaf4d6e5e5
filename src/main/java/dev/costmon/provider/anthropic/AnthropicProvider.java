package dev.costmon.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.config.Account;
import dev.costmon.model.Observation;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.ProviderType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code provider: anthropic}: an organisation's daily spend per workspace and line item from the
 * Admin API's {@code cost_report}, and its tokens per model from {@code usage_report/messages}.
 * Days are UTC days, as the API buckets them.
 */
public final class AnthropicProvider implements ProviderType<AnthropicSettings> {
  static final String COST_PATH = "/v1/organizations/cost_report";
  static final String USAGE_PATH = "/v1/organizations/usage_report/messages";

  @Override
  public String name() {
    return "anthropic";
  }

  // The Admin API asks for sustained polling of about once a minute per organisation; bursts are fine.
  @Override
  public OptionalInt accountsPerHost() {
    return ProviderType.RATE_LIMITED_ACCOUNTS_PER_HOST;
  }

  @Override
  public Class<AnthropicSettings> settingsType() {
    return AnthropicSettings.class;
  }

  /** Whatever the Admin API holds: one cost and one usage page per month (31 daily buckets a page). */
  @Override
  public Backfill backfill(AnthropicSettings settings) {
    return Backfill.anyPast(2);
  }

  @Override
  public Set<Currency> currencies(AnthropicSettings settings) {
    return Set.of(CostReport.USD);
  }

  @Override
  public Optional<Set<String>> usageMetrics(AnthropicSettings settings) {
    return Optional.of(Set.of("input_tokens", "cache_read_input_tokens", "cache_creation_input_tokens", "output_tokens",
        UsageReport.WEB_SEARCH));
  }

  @Override
  public List<Observation> collect(
      Account account, AnthropicSettings settings, CollectWindow window, ProviderContext context)
      throws ProviderException {
    LocalDate first = window.from();
    // A zone east of UTC is already on a day the API has no bucket for; never ask past today's
    // UTC bucket (whether the API accepts a future ending_at is not documented).
    LocalDate utcToday = LocalDate.ofInstant(window.now(), ZoneOffset.UTC);
    LocalDate last = window.to().isAfter(utcToday) ? utcToday : window.to();
    if (first.isAfter(last)) {
      context.log().accept("anthropic: the window starts after today's UTC day, nothing to ask yet");
      return List.of();
    }
    AdminApi api = new AdminApi(context, settings.adminKey());

    List<JsonNode> costBuckets =
        api.buckets(COST_PATH, range(first, last, "workspace_id", "description"));
    if (costBuckets.isEmpty()) {
      // The API answers one bucket per day, empty days included; none at all means it holds
      // nothing for this organisation, which must not read as zero spend.
      throw new ProviderException(
          Kind.CONDITION, AdminApi.NO_DATA + " (cost_report returned no daily buckets)");
    }
    List<Observation> result = new ArrayList<>(CostReport.spend(costBuckets));
    result.addAll(UsageReport.usage(api.buckets(USAGE_PATH, range(first, last, "model"))));
    context.log().accept("anthropic: " + costBuckets.size() + " daily cost buckets, "
        + first + " to " + last + " (UTC)");
    return result;
  }

  private static Map<String, List<String>> range(LocalDate first, LocalDate last, String... groupBy) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("starting_at", List.of(midnight(first)));
    params.put("ending_at", List.of(midnight(last.plusDays(1))));
    params.put("bucket_width", List.of("1d"));
    params.put("group_by[]", List.of(groupBy));
    return params;
  }

  private static String midnight(LocalDate day) {
    return DateTimeFormatter.ISO_INSTANT.format(day.atStartOfDay(ZoneOffset.UTC).toInstant());
  }
}
