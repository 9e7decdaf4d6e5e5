package dev.costmon.provider.demo;

import dev.costmon.model.Money;
import dev.costmon.provider.ProviderSettings;

/**
 * Settings of a {@code demo} account: which synthetic shape to draw, and the amount it is scaled by
 * (a daily spend, or the plan fee for {@link Scenario#QUOTA}).
 */
public record DemoSettings(Scenario scenario, Money amount) implements ProviderSettings {

  public DemoSettings {
    if (scenario == null) {
      throw new IllegalArgumentException("scenario: is required (steady, spike, growing_usage, quota or credits)");
    }
    if (amount == null) {
      throw new IllegalArgumentException("amount: is required, e.g. amount: 3.00 USD");
    }
  }
}
