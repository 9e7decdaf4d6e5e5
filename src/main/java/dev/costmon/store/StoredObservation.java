package dev.costmon.store;

import dev.costmon.model.Observation;
import java.time.Instant;

/** An observation with the account it belongs to and when it was collected. */
public record StoredObservation(String account, Instant collectedAt, Observation observation) {}
