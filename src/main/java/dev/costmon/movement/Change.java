package dev.costmon.movement;

import java.util.Locale;

/**
 * How a service or resource moved between two periods. Absence is not zero: a figure in one period
 * only is {@link #NEW} or {@link #GONE}, never a change from or to 0.
 */
public enum Change {
  /** Figures in both periods. */
  CHANGED,
  /** Figures in the later period only. */
  NEW,
  /** Figures in the earlier period only. */
  GONE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
