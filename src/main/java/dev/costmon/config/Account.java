package dev.costmon.config;

import dev.costmon.model.Money;
import dev.costmon.model.Quantity;
import dev.costmon.provider.ProviderSettings;
import dev.costmon.provider.ProviderType;
import java.net.URI;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One billed account: which provider, its cap and quotas, and the provider's own settings.
 *
 * @param currency the currency the account is reported in: its cap's, else its provider's, else the
 *     reporting currency
 * @param quotas usage metric to limit, provider defaults merged with the config's
 * @param rates prices of usage, for an {@code estimate} beside or instead of the provider's own spend;
 *     the first that matches a usage figure prices it
 * @param floors usage metric to the level it must stay above (prepaid credits): WARNING below it,
 *     CRITICAL at zero or less
 * @param endpoint overrides the provider's base URL (regional endpoints, proxies, tests)
 * @param unresolvedSecrets the account's secret references that did not resolve: it cannot be
 *     collected (nor probed), while every other account and report, check and export still work
 * @param moved the "what moved" rule of {@code check}, when the account has one
 */
public record Account(
    String id,
    ProviderType<?> provider,
    Map<String, String> labels,
    Currency currency,
    Optional<Money> cap,
    Thresholds thresholds,
    Map<String, Quantity> quotas,
    Map<String, Quantity> floors,
    List<PriceRule> rates,
    Duration maxAge,
    Optional<URI> endpoint,
    ProviderSettings settings,
    List<UnresolvedSecret> unresolvedSecrets,
    Optional<MovedThreshold> moved) {

  public Account {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(provider, "provider");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(thresholds, "thresholds");
    quotas = Map.copyOf(quotas);
    floors = Map.copyOf(floors);
    rates = List.copyOf(rates);
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(settings, "settings");
    unresolvedSecrets = List.copyOf(unresolvedSecrets);
    Objects.requireNonNull(moved, "moved");
    if (!provider.settingsType().isInstance(settings)) {
      throw new IllegalArgumentException("settings of " + id + " are not " + provider.settingsType().getSimpleName());
    }
  }

  /** An account without a {@code moved:} rule. */
  public Account(String id, ProviderType<?> provider, Map<String, String> labels, Currency currency,
      Optional<Money> cap, Thresholds thresholds, Map<String, Quantity> quotas, Map<String, Quantity> floors,
      List<PriceRule> rates, Duration maxAge, Optional<URI> endpoint, ProviderSettings settings,
      List<UnresolvedSecret> unresolvedSecrets) {
    this(id, provider, labels, currency, cap, thresholds, quotas, floors, rates, maxAge, endpoint, settings,
        unresolvedSecrets, Optional.empty());
  }

  /** An account whose every secret resolved. */
  public Account(String id, ProviderType<?> provider, Map<String, String> labels, Currency currency,
      Optional<Money> cap, Thresholds thresholds, Map<String, Quantity> quotas, Map<String, Quantity> floors,
      List<PriceRule> rates, Duration maxAge, Optional<URI> endpoint, ProviderSettings settings) {
    this(id, provider, labels, currency, cap, thresholds, quotas, floors, rates, maxAge, endpoint, settings, List.of());
  }

  /**
   * Why the account cannot be collected here, one line naming every secret that did not resolve:
   * {@code secrets not available: token ${VERCEL_TOKEN} (not set, line 40), ...}; empty when all did.
   */
  public Optional<String> unavailable() {
    if (unresolvedSecrets.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of((unresolvedSecrets.size() == 1 ? "secret" : "secrets") + " not available: "
        + String.join(", ", unresolvedSecrets.stream().map(UnresolvedSecret::describe).toList()));
  }

  public String providerName() {
    return provider.name();
  }
}
