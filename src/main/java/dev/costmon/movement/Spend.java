package dev.costmon.movement;

import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import java.util.Objects;

/**
 * What a service, resource or account spent in one period of a comparison.
 *
 * @param amount in the account's currency, each figure converted at the rates of its own month
 * @param reporting the same in the reporting currency, at the rates of the amount's month
 * @param provenance the least certain source of the figures it is made of
 */
public record Spend(Money amount, Money reporting, Provenance provenance) {
  public Spend {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(reporting, "reporting");
    Objects.requireNonNull(provenance, "provenance");
  }

  /** This spend and another of the same account added. */
  public Spend plus(Spend other) {
    return new Spend(amount.plus(other.amount), reporting.plus(other.reporting),
        Provenance.weakest(java.util.List.of(provenance, other.provenance)));
  }
}
