package dev.costmon.config;

import dev.costmon.model.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An account's "what moved" rule ({@code moved: {over: 20 USD, by: 50%}}): a service or resource
 * whose spend rose by more than {@code over} AND by more than {@code by} is a WARNING. Both must be
 * exceeded, so that neither a cent growing tenfold nor a large bill growing 2% speaks.
 *
 * @param by the relative rise, 0.5 for 50%
 */
public record MovedThreshold(Money over, BigDecimal by) {
  public MovedThreshold {
    Objects.requireNonNull(over, "over");
    Objects.requireNonNull(by, "by");
    if (over.amount().signum() <= 0) {
      throw new IllegalArgumentException("over: " + over.display() + " must be above 0: it keeps small amounts quiet");
    }
    if (by.signum() <= 0) {
      throw new IllegalArgumentException("by: must be a percentage above 0, e.g. 50%");
    }
  }

  /** {@code 50%}: the percentage as the config writes it. */
  public String percent() {
    return by.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }

  /** {@code over 20 USD and 50%}. */
  public String describe() {
    return "over " + over.amount().stripTrailingZeros().toPlainString() + " " + over.currency().getCurrencyCode()
        + " and " + percent();
  }
}
