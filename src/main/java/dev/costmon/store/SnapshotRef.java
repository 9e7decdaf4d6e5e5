package dev.costmon.store;

import java.time.Instant;
import java.time.LocalDate;

/** A stored snapshot's identity and the window it asked the provider for. */
public record SnapshotRef(
    long id, long runId, String account, Instant startedAt, LocalDate windowFrom, LocalDate windowTo) {}
