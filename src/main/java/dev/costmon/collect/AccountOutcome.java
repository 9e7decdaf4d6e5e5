package dev.costmon.collect;

import dev.costmon.config.Account;
import dev.costmon.model.Observation;
import dev.costmon.store.SnapshotStatus;
import java.time.Duration;
import java.util.List;

/** How collecting one account went; {@code error} is one line without secrets, empty when OK. */
public record AccountOutcome(
    Account account, SnapshotStatus status, String error, List<Observation> observations, Duration duration) {

  public AccountOutcome {
    observations = List.copyOf(observations);
  }

  public boolean ok() {
    return status == SnapshotStatus.OK;
  }
}
