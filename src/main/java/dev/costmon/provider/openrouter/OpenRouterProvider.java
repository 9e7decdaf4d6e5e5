package dev.costmon.provider.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.config.Account;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderType;
import java.time.Period;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code provider: openrouter}: with a management key, the account's daily spend, requests and
 * tokens per model ({@code /activity}) and its prepaid balance ({@code /credits}); with an inference
 * key, that key's UTC month-to-date spend and remaining limit ({@code /key}).
 */
public final class OpenRouterProvider implements ProviderType<OpenRouterSettings> {

  @Override
  public String name() {
    return "openrouter";
  }

  // Rate limits are global per user: more keys or accounts do not raise them.
  @Override
  public OptionalInt accountsPerHost() {
    return ProviderType.RATE_LIMITED_ACCOUNTS_PER_HOST;
  }

  @Override
  public Class<OpenRouterSettings> settingsType() {
    return OpenRouterSettings.class;
  }

  /** A management key reads 30 completed days of activity; an inference key only today's usage. */
  @Override
  public Backfill backfill(OpenRouterSettings settings) {
    if (settings.keyType() == KeyType.INFERENCE) {
      return Backfill.currentOnly("an inference key reports today's usage only (a management key reads 30 days)");
    }
    return Backfill.lastOnly(Period.ofDays(Activity.DAYS_KEPT), 2,
        "activity only covers the last " + Activity.DAYS_KEPT + " days");
  }

  @Override
  public Set<Currency> currencies(OpenRouterSettings settings) {
    return Set.of(Activity.USD);
  }

  @Override
  public Optional<Set<String>> usageMetrics(OpenRouterSettings settings) {
    return Optional.of(Set.of("requests", "prompt_tokens", "completion_tokens", Credits.REMAINING, Credits.USED_TOTAL));
  }

  @Override
  public List<Observation> collect(
      Account account, OpenRouterSettings settings, CollectWindow window, ProviderContext context)
      throws ProviderException {
    OpenRouterApi api = new OpenRouterApi(settings, context);
    if (settings.keyType() == KeyType.INFERENCE) {
      return KeyUsage.observations(api.get(KeyUsage.PATH), settings.apiKey(), window);
    }
    List<Observation> result = new ArrayList<>(
        Activity.observations(api.getManagement(Activity.PATH), window, context.log()));
    JsonNode credits = api.getManagement(Credits.PATH);
    boolean spent = result.stream()
        .anyMatch(o -> o.kind() == ObservationKind.SPEND && o.value().signum() > 0);
    result.addAll(Credits.observations(credits, spent, window.today(), context.log()));
    return result;
  }
}
