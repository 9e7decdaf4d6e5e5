package dev.costmon.provider.fixed;

import dev.costmon.config.Account;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderType;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code provider: fixed}: a flat monthly fee, no API; its figures have provenance {@code fixed}. */
public final class FixedProvider implements ProviderType<FixedSettings> {
  /** The service name of the fee in breakdowns. */
  static final String SERVICE = "monthly fee";

  @Override
  public String name() {
    return "fixed";
  }

  /** Days are the config's: the collect window's, in its timezone. */
  @Override
  public ZoneId billingZone(ZoneId configured) {
    return configured;
  }

  @Override
  public Class<FixedSettings> settingsType() {
    return FixedSettings.class;
  }

  /** Any past month follows from the configured amount and dates; nothing is asked. */
  @Override
  public Backfill backfill(FixedSettings settings) {
    return Backfill.computed();
  }

  @Override
  public Set<Currency> currencies(FixedSettings settings) {
    return Set.of(settings.amount().currency());
  }

  @Override
  public Optional<Set<String>> usageMetrics(FixedSettings settings) {
    return Optional.of(Set.of());
  }

  @Override
  public List<Observation> collect(
      Account account, FixedSettings settings, CollectWindow window, ProviderContext context) {
    FixedFee fee = new FixedFee(settings);
    List<Observation> result = new ArrayList<>();
    Set<YearMonth> months = new LinkedHashSet<>();
    for (LocalDate day = window.from(); !day.isAfter(window.to()); day = day.plusDays(1)) {
      result.add(Observation.spend(day, SERVICE, fee.onDay(day), Provenance.FIXED));
      months.add(YearMonth.from(day));
    }
    for (YearMonth month : months) {
      Money total = fee.forMonth(month);
      result.add(Observation.forecast(month.atDay(1), total, Provenance.FIXED));
    }
    return result;
  }
}
