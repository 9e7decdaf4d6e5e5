package dev.costmon.export;

import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.FxRates;
import dev.costmon.config.Thresholds;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Quantity;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderType;
import dev.costmon.provider.fixed.Accrual;
import dev.costmon.provider.fixed.FixedSettings;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Accounts and configs for export tests, built with the records' constructors. */
final class Fixtures {
  static final Currency EUR = Currency.getInstance("EUR");
  static final Currency USD = Currency.getInstance("USD");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private Fixtures() {}

  /** A provider type that only lends its name: export never collects. */
  record NamedProvider(String name) implements ProviderType<FixedSettings> {
    @Override
    public Class<FixedSettings> settingsType() {
      return FixedSettings.class;
    }

    @Override
    public List<Observation> collect(Account account, FixedSettings settings, CollectWindow window,
        ProviderContext context) {
      throw new UnsupportedOperationException();
    }
  }

  static Account account(String id, String provider, Map<String, String> labels, Currency currency,
      Optional<Money> cap, Map<String, Quantity> quotas) {
    return new Account(id, new NamedProvider(provider), labels, currency, cap, Thresholds.DEFAULT, quotas, Map.of(), List.of(),
        Duration.ofHours(36), Optional.empty(),
        new FixedSettings(Money.parse("6 EUR"), Accrual.DAILY, 1, null, null));
  }

  static CostmonConfig config(Optional<Money> cap, Account... accounts) {
    return new CostmonConfig(Path.of("costmon.yaml"), EUR, BERLIN, Path.of("history.db"), Optional.empty(),
        new FxRates(EUR, Map.of(USD, new BigDecimal("0.9"))), cap, Thresholds.DEFAULT, 3, Duration.ofDays(90), 4,
        Duration.ofMinutes(1), 10, false, List.of(accounts));
  }

  /** An executable on PATH (promtool is optional on developer machines and CI). */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(File.pathSeparator))
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
