package dev.costmon.budget;

import dev.costmon.config.Account;
import dev.costmon.config.PriceRule;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.store.StoredObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code rates:} entries whose dimension pattern matched none of the usage an account reported:
 * usually a misspelt model name, which would otherwise price nothing and say nothing.
 */
public final class UnmatchedRates {

  private UnmatchedRates() {}

  /**
   * One line per entry that priced nothing, for accounts that reported usage of the entry's metric
   * in {@code history}; an account without such usage has nothing to compare with yet.
   */
  public static List<String> find(List<Account> accounts, List<StoredObservation> history) {
    List<String> lines = new ArrayList<>();
    for (Account account : accounts) {
      for (PriceRule rule : account.rates()) {
        Set<String> seen = new TreeSet<>();
        Set<String> metrics = new TreeSet<>();
        for (StoredObservation stored : history) {
          Observation o = stored.observation();
          if (stored.account().equals(account.id()) && o.kind() == ObservationKind.USAGE) {
            metrics.add(o.metric());
            if (o.metric().equals(rule.metric())) {
              seen.add(o.dimension());
            }
          }
        }
        // A provider whose metrics are only known from its answers (command, vercel) cannot have the
        // metric checked when the config loads: once it has reported usage, say the name is not among it.
        if (seen.isEmpty() && !metrics.isEmpty()) {
          lines.add("account '" + account.id() + "': rates: names the metric '" + rule.metric() + "', which it has not"
              + " reported (seen: " + String.join(", ", metrics) + ")");
          continue;
        }
        if (!seen.isEmpty() && seen.stream().noneMatch(d -> rule.dimension().matches(d))) {
          seen.remove("");
          lines.add("account '" + account.id() + "': rates: dimension '" + rule.dimension().pattern() + "' of "
              + rule.metric() + " matched no usage" + (seen.isEmpty() ? "" : " (seen: " + String.join(", ", seen) + ")"));
        }
      }
    }
    return lines;
  }
}
