package dev.costmon.collect;

import java.util.List;

/** The outcomes of one collect, one per account, in config order. */
public record CollectResult(List<AccountOutcome> outcomes) {

  public CollectResult {
    outcomes = List.copyOf(outcomes);
  }

  public long failures() {
    return outcomes.stream().filter(o -> !o.ok()).count();
  }

  public boolean allFailed() {
    return !outcomes.isEmpty() && failures() == outcomes.size();
  }
}
