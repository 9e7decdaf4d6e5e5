package dev.costmon.collect;

import dev.costmon.store.History;
import java.time.Instant;
import java.util.function.Consumer;

/** The start of a run that writes under the collect lock. */
final class Runs {
  private Runs() {}

  /**
   * Marks the runs a kill left unfinished as interrupted (the lock is ours, so none of them still
   * runs), then starts this one.
   */
  static long start(History history, String command, Instant at, Consumer<String> verbose) {
    int interrupted = history.markInterrupted();
    if (interrupted > 0) {
      verbose.accept("marked " + interrupted + " earlier run(s) that were killed before they finished as interrupted");
    }
    return history.startRun(command, at);
  }
}
