package dev.costmon.backfill;

import java.util.List;

/** Every account's backfill, and whether it was stopped (SIGINT, a kill) before the end. */
public record BackfillResult(List<AccountResult> accounts, boolean stopped) {

  public BackfillResult {
    accounts = List.copyOf(accounts);
  }

  public long failures() {
    return accounts.stream().filter(a -> !a.ok()).count();
  }

  /** Every account with something to do failed entirely. */
  public boolean allFailed() {
    List<AccountResult> asked = accounts.stream().filter(a -> !a.plan().windows().isEmpty()).toList();
    return !asked.isEmpty() && asked.stream().allMatch(a -> !a.ok() && a.nothingDone());
  }
}
