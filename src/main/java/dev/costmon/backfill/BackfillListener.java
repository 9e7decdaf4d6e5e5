package dev.costmon.backfill;

/** Told of each window as it ends and each account as it is done, from the backfill's threads. */
public interface BackfillListener {
  BackfillListener NONE = new BackfillListener() {};

  default void window(AccountPlan account, WindowResult result) {}

  default void account(AccountResult result) {}
}
