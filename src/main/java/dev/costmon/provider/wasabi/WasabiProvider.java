package dev.costmon.provider.wasabi;

import dev.costmon.config.Account;
import dev.costmon.model.Observation;
import dev.costmon.model.Quantity;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.ProviderType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code provider: wasabi}: daily storage, objects and API calls of the account and of each bucket
 * from the Wasabi Stats API, and an {@code estimate} of the charges (the API gives no money): see
 * {@link StorageEstimate}.
 */
public final class WasabiProvider implements ProviderType<WasabiSettings> {

  @Override
  public String name() {
    return "wasabi";
  }

  @Override
  public Class<WasabiSettings> settingsType() {
    return WasabiSettings.class;
  }

  @Override
  public Optional<Set<String>> usageMetrics(WasabiSettings settings) {
    return Optional.of(UsageMetrics.names());
  }

  @Override
  public Backfill backfill(WasabiSettings settings) {
    return Backfill.currentOnly("storage stats are read for the current month only");
  }

  @Override
  public Set<Currency> currencies(WasabiSettings settings) {
    return Set.of(settings.pricePerTbMonth().currency());
  }

  /** None: pay-go has no free tier; set your own, e.g. {@code quotas: {active_storage: 2TiB}}. */
  @Override
  public Map<String, Quantity> defaultQuotas(WasabiSettings settings) {
    return Map.of();
  }

  /** Wasabi publishes a day's figures hours to days after it ends. */
  @Override
  public boolean judgesFreshnessByData() {
    return true;
  }

  @Override
  public List<Observation> collect(
      Account account, WasabiSettings settings, CollectWindow window, ProviderContext context)
      throws ProviderException {
    // The minimum charge depends on the whole month, so every month of the window is read (and
    // reported) from its first day.
    LocalDate from = window.from().withDayOfMonth(1);
    LocalDate to = window.to();
    StatsApi api = new StatsApi(settings, context);
    List<Utilization> totals = api.records(StatsApi.ACCOUNT_PATH, false, from, to);
    if (totals.isEmpty()) {
      // Even an empty account has a record per day, so none at all is not zero spend.
      throw new ProviderException(Kind.CONDITION,
          "Wasabi has no utilization records for " + from + ".." + to
              + " (a new account, or its figures lag)");
    }
    List<Utilization> buckets = api.records(StatsApi.BUCKET_PATH, true, from, to);
    LocalDate newest = totals.get(totals.size() - 1).day();
    context.log().accept(totals.size() + " days through " + newest + ", "
        + buckets.size() + " bucket records");
    Map<LocalDate, List<Utilization>> byDay = UsageMetrics.byDay(buckets);
    List<Observation> result = new ArrayList<>(new StorageEstimate(settings, byDay).observations(totals));
    result.addAll(UsageMetrics.observations(totals, byDay));
    return result;
  }
}
