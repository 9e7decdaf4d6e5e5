package dev.costmon.store;

import java.util.Locale;

/** How one account's collection in one run ended. */
public enum SnapshotStatus {
  OK,
  FAILED,
  /** The provider answered with a known condition (no admin access, not entitled): UNKNOWN, never zero. */
  CONDITION;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
