package dev.costmon.collect;

import dev.costmon.fx.EcbFeed;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcomes of one collect, one per account, in config order.
 *
 * @param rates what fetching the exchange rates did ({@code fx: {source: ecb}}); empty without a source to fetch
 */
public record CollectResult(List<AccountOutcome> outcomes, Optional<EcbFeed.Outcome> rates) {

  public CollectResult {
    outcomes = List.copyOf(outcomes);
    Objects.requireNonNull(rates, "rates");
  }

  public CollectResult(List<AccountOutcome> outcomes) {
    this(outcomes, Optional.empty());
  }

  /** The same outcomes with what the rate fetch did. */
  public CollectResult withRates(EcbFeed.Outcome fetched) {
    return new CollectResult(outcomes, Optional.of(fetched));
  }

  public long failures() {
    return outcomes.stream().filter(o -> !o.ok()).count();
  }

  public boolean allFailed() {
    return !outcomes.isEmpty() && failures() == outcomes.size();
  }
}
