package dev.costmon.budget;

/** Monitoring-plugin states, with their exit codes. */
public enum Status {
  OK(0),
  WARNING(1),
  CRITICAL(2),
  UNKNOWN(3);

  private final int exitCode;

  Status(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /**
   * The worse of two states for the overall result: a real CRITICAL or WARNING breach outranks an
   * UNKNOWN elsewhere, so a stale account never hides an overspend from the pager.
   */
  public Status worst(Status other) {
    return rank() >= other.rank() ? this : other;
  }

  private int rank() {
    return switch (this) {
      case OK -> 0;
      case UNKNOWN -> 1;
      case WARNING -> 2;
      case CRITICAL -> 3;
    };
  }
}
