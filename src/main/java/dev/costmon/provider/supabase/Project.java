package dev.costmon.provider.supabase;

import java.util.Set;

/**
 * A project of the organisation, from {@code GET /v1/projects}.
 *
 * @param ref the project ref, e.g. {@code abcdefghijklmnopqrst}
 * @param status e.g. {@code ACTIVE_HEALTHY}, {@code INACTIVE} (paused)
 */
record Project(String ref, String status) {
  /** States in which a project's database is down: nothing to query and no compute billed. */
  private static final Set<String> NOT_RUNNING =
      Set.of("INACTIVE", "PAUSING", "PAUSE_FAILED", "GOING_DOWN", "REMOVED", "INIT_FAILED");

  boolean running() {
    return !NOT_RUNNING.contains(status);
  }
}
