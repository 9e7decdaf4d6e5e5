package dev.costmon.budget;

import dev.costmon.model.Money;
import java.util.Objects;

/**
 * An estimate from {@code rates:} next to the spend the provider reported for the same days: the
 * estimate is not added to the total (the provider's figure wins) but kept, so the gap shows how
 * good the rates are.
 *
 * @param service the estimate's service ({@code input_tokens (estimate)})
 * @param days the days on which both the estimate and the provider's spend exist
 * @param estimate the estimate of those days
 * @param actual the provider's spend of those days (of the rule's {@code service:} when it names one)
 */
public record Reconciliation(String service, int days, Money estimate, Money actual) {

  public Reconciliation {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(estimate, "estimate");
    Objects.requireNonNull(actual, "actual");
  }

  /** What the provider charged beyond the estimate; negative when the estimate was too high. */
  public Money gap() {
    return actual.minus(estimate);
  }
}
