package dev.costmon.provider.openai;

import dev.costmon.config.Account;
import dev.costmon.model.Observation;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderType;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code provider: openai}: an organization's daily costs per project and line item from the Costs
 * API, and completions usage (tokens, requests) per model, with an organization Admin key.
 */
public final class OpenAiProvider implements ProviderType<OpenAiSettings> {

  @Override
  public String name() {
    return "openai";
  }

  // The organization's usage and costs endpoints are rate-limited per organization, not per key.
  @Override
  public OptionalInt accountsPerHost() {
    return ProviderType.RATE_LIMITED_ACCOUNTS_PER_HOST;
  }

  @Override
  public Class<OpenAiSettings> settingsType() {
    return OpenAiSettings.class;
  }

  /** Whatever the organisation API holds: one costs and one usage page per month. */
  @Override
  public Backfill backfill(OpenAiSettings settings) {
    return Backfill.anyPast(2);
  }

  @Override
  public Set<Currency> currencies(OpenAiSettings settings) {
    return Set.of(CostsReport.USD);
  }

  @Override
  public Optional<Set<String>> usageMetrics(OpenAiSettings settings) {
    return Optional.of(Set.of("input_tokens", "output_tokens", "input_cached_tokens", "num_model_requests"));
  }

  @Override
  public List<Observation> collect(
      Account account, OpenAiSettings settings, CollectWindow window, ProviderContext context)
      throws ProviderException {
    OrganizationApi api = new OrganizationApi(settings, context);
    List<Observation> result = new ArrayList<>(CostsReport.observations(
        api.buckets(CostsReport.PATH, CostsReport.GROUP_BY, window), settings, window, context.log()));
    result.addAll(CompletionsUsage.observations(
        api.buckets(CompletionsUsage.PATH, CompletionsUsage.GROUP_BY, window), window, context.log()));
    return result;
  }
}
