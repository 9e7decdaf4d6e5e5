package dev.costmon.store;

import dev.costmon.model.Observation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of collecting one account in one run, as it is stored.
 *
 * @param windowFrom first day the provider was asked for (null when unknown)
 * @param windowTo last day the provider was asked for (null when unknown)
 */
public record AccountSnapshot(
    String account,
    String provider,
    Instant startedAt,
    Instant finishedAt,
    SnapshotStatus status,
    String error,
    LocalDate windowFrom,
    LocalDate windowTo,
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
