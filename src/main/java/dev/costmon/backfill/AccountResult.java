package dev.costmon.backfill;

import java.util.List;
import java.util.Optional;

/**
 * One account's backfill: each window's fate in order, the requests sent, and why it was refused
 * as a whole (a paid API over its request budget), if it was.
 */
public record AccountResult(AccountPlan plan, List<WindowResult> windows, int requests, Optional<String> refused) {

  public AccountResult {
    windows = List.copyOf(windows);
  }

  public long count(WindowResult.Status status) {
    return windows.stream().filter(w -> w.status() == status).count();
  }

  public int figures() {
    return windows.stream().mapToInt(WindowResult::figures).sum();
  }

  /** Nothing failed and nothing was refused (a stopped window is not a failure). */
  public boolean ok() {
    return refused.isEmpty() && count(WindowResult.Status.FAILED) == 0;
  }

  /** Whether no window was stored or skipped although some were planned. */
  public boolean nothingDone() {
    return !plan.windows().isEmpty() && count(WindowResult.Status.STORED) + count(WindowResult.Status.SKIPPED) == 0;
  }
}
