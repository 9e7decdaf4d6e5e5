package dev.costmon.report;

import dev.costmon.config.Account;
import dev.costmon.model.Observation;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderType;
import dev.costmon.provider.fixed.FixedSettings;
import java.util.List;

/** A provider that only has a name, so report tests can show accounts of any provider without its settings. */
record NamedProvider(String name) implements ProviderType<FixedSettings> {

  @Override
  public Class<FixedSettings> settingsType() {
    return FixedSettings.class;
  }

  @Override
  public List<Observation> collect(Account account, FixedSettings settings, CollectWindow window,
      ProviderContext context) {
    throw new UnsupportedOperationException("report tests never collect");
  }
}
