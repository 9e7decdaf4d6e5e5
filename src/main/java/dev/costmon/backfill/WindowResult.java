package dev.costmon.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What became of one window: stored, skipped (a re-run found it stored by an earlier backfill),
 * failed, or not asked because the backfill was stopped.
 *
 * @param storedAt when a skipped window was stored before
 */
public record WindowResult(
    Window window, Status status, int figures, Optional<Instant> storedAt, String error, Duration took) {

  /** The fate of a window. */
  public enum Status { STORED, SKIPPED, FAILED, STOPPED }

  static WindowResult stored(Window window, int figures, Duration took) {
    return new WindowResult(window, Status.STORED, figures, Optional.empty(), "", took);
  }

  static WindowResult skipped(Window window, Instant storedAt) {
    return new WindowResult(window, Status.SKIPPED, 0, Optional.of(storedAt), "", Duration.ZERO);
  }

  static WindowResult failed(Window window, String error, Duration took) {
    return new WindowResult(window, Status.FAILED, 0, Optional.empty(), error, took);
  }

  static WindowResult stopped(Window window) {
    return new WindowResult(window, Status.STOPPED, 0, Optional.empty(), "", Duration.ZERO);
  }
}
