package dev.costmon.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What is known about an account's collections: the last success, and the last attempt with its
 * outcome (which may be a failure after the last success).
 */
public record CollectionState(
    String account,
    Optional<Instant> lastSuccess,
    Instant lastAttempt,
    SnapshotStatus lastStatus,
    Optional<String> lastError,
    Duration lastDuration) {}
