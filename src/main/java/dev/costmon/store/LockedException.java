package dev.costmon.store;

/** Another costmon process holds the collection lock; try again later (exit 75). */
public final class LockedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LockedException(String message) {
    super(message);
  }
}
