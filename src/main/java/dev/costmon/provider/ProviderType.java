package dev.costmon.provider;

import dev.costmon.config.Account;
import dev.costmon.model.Observation;
import dev.costmon.model.Quantity;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One kind of provider ({@code fixed}, {@code vercel}, ...): the name used in the config, the record
 * its account keys bind to, and how to collect an account. Implementations are stateless; register
 * them in {@link ProviderRegistry#builtIn()}.
 */
public interface ProviderType<S extends ProviderSettings> {
  /** {@link #accountsPerHost()} of the providers whose rate limit is per user or organisation. */
  OptionalInt RATE_LIMITED_ACCOUNTS_PER_HOST = OptionalInt.of(4);

  /** The {@code provider:} value in the config. */
  String name();

  Class<S> settingsType();

  /** Usage quotas that apply unless the account's {@code quotas:} overrides them (free tiers). */
  default Map<String, Quantity> defaultQuotas(S settings) {
    return Map.of();
  }

  /** Currencies the settings name, so a missing conversion rate is caught when the config loads. */
  default Set<Currency> currencies(S settings) {
    return Set.of();
  }

  /**
   * The usage metrics this provider can report, as names or patterns ({@code database_size_*}), so
   * that {@code rates:} for a metric it never reports is a configuration error (an empty set: it
   * reports no usage); {@link Optional#empty()} only where the names cannot be known before a collect:
   * a program's own output (command), or metrics named after the units an answer carries (vercel).
   */
  default Optional<Set<String>> usageMetrics(S settings) {
    return Optional.empty();
  }

  /**
   * Whether the account is fresh only as long as its newest day of data is: for providers whose
   * figures lag days behind a successful call (Wasabi), so a lagging feed goes stale in check.
   */
  default boolean judgesFreshnessByData() {
    return false;
  }

  /**
   * The zone whose midnights bound the provider's billing days and months, the days its figures are
   * stored under: UTC for most APIs; {@code configured} (the config's timezone) for providers whose
   * days are costmon's own (fixed fees, extension points). FOCUS export takes charge and billing
   * periods from it.
   */
  default ZoneId billingZone(ZoneId configured) {
    return ZoneOffset.UTC;
  }

  /**
   * How far back the provider can answer and how a backfill ({@code collect --from}) splits its
   * days into windows. Unless a provider says otherwise it reports the current state only.
   */
  default Backfill backfill(S settings) {
    return Backfill.currentOnly("reports the current state only");
  }

  /**
   * How many of this provider's accounts on one host a collect runs at a time; empty for no limit
   * (every account at once, up to the config's {@code concurrency}). For providers whose rate limit
   * is per user or per organisation rather than per key, so that many accounts of one owner do not
   * trip it together.
   */
  default OptionalInt accountsPerHost() {
    return OptionalInt.empty();
  }

  /**
   * Fetches the account's figures for the window. Days in the window that the result has no spend
   * for keep their earlier figures, so report zero spend explicitly where the provider said zero.
   */
  List<Observation> collect(Account account, S settings, CollectWindow window, ProviderContext context)
      throws ProviderException;

  /**
   * One cheap read-only request that shows the credentials and endpoint work, for {@code costmon
   * doctor}: returns what was checked in a few words, or empty when the provider has nothing to ask
   * (fixed fees). Never writes anything and never returns a secret.
   */
  default Optional<String> probe(Account account, S settings, ProviderContext context) throws ProviderException {
    return Optional.empty();
  }
}
