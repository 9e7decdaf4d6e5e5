package dev.costmon.config;

import dev.costmon.model.Money;
import dev.costmon.notify.Notifications;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The effective configuration, defaults filled in and every reference resolved.
 *
 * @param source the file it was read from
 * @param timezone where "today" and month boundaries are taken for fixed fees and reports
 * @param accountTimeout how long one account's collection may take before it is abandoned
 * @param breakdownSeries how many services per account the .prom file shows before 'other'
 * @param demo marks every output as synthetic demo data
 * @param notifications notification channels, their debounce and the accounts' hard caps
 * @param attribution rules giving spend costmon labels for {@code report --by label:KEY} and the .prom file
 */
public record CostmonConfig(
    Path source,
    Currency currency,
    ZoneId timezone,
    Path database,
    Optional<Path> textfile,
    FxRates fx,
    Optional<Money> cap,
    Thresholds thresholds,
    int lookbackDays,
    Duration rawRetention,
    int concurrency,
    Duration accountTimeout,
    int breakdownSeries,
    boolean demo,
    List<Account> accounts,
    Notifications notifications,
    AttributionRules attribution) {

  public CostmonConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(timezone, "timezone");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(textfile, "textfile");
    Objects.requireNonNull(fx, "fx");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(thresholds, "thresholds");
    accounts = List.copyOf(accounts);
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(attribution, "attribution");
  }

  /** A configuration without attribution rules: spend takes its account's labels. */
  public CostmonConfig(Path source, Currency currency, ZoneId timezone, Path database, Optional<Path> textfile,
      FxRates fx, Optional<Money> cap, Thresholds thresholds, int lookbackDays, Duration rawRetention,
      int concurrency, Duration accountTimeout, int breakdownSeries, boolean demo, List<Account> accounts,
      Notifications notifications) {
    this(source, currency, timezone, database, textfile, fx, cap, thresholds, lookbackDays, rawRetention,
        concurrency, accountTimeout, breakdownSeries, demo, accounts, notifications, AttributionRules.NONE);
  }

  /** A configuration without notification channels, debounce defaults or hard caps. */
  public CostmonConfig(Path source, Currency currency, ZoneId timezone, Path database, Optional<Path> textfile,
      FxRates fx, Optional<Money> cap, Thresholds thresholds, int lookbackDays, Duration rawRetention,
      int concurrency, Duration accountTimeout, int breakdownSeries, boolean demo, List<Account> accounts) {
    this(source, currency, timezone, database, textfile, fx, cap, thresholds, lookbackDays, rawRetention,
        concurrency, accountTimeout, breakdownSeries, demo, accounts, Notifications.NONE, AttributionRules.NONE);
  }

  public Optional<Account> account(String id) {
    return accounts.stream().filter(a -> a.id().equals(id)).findFirst();
  }
}
