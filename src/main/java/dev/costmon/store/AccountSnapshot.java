package dev.costmon.store;

import dev.costmon.model.Observation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The outcome of collecting one account in one run, as it is stored. */
public record AccountSnapshot(
    String account,
    String provider,
    Instant startedAt,
    Instant finishedAt,
    SnapshotStatus status,
    String error,
    List<Observation> observations) {

  public AccountSnapshot {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(status, "status");
    observations = List.copyOf(observations);
  }
}
