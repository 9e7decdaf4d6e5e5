package dev.costmon.demo;

/**
 * The demo was pointed at a directory holding data it did not write; the message is one line saying
 * what was found, and nothing was changed.
 */
public final class DemoRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DemoRefusedException(String message) {
    super(message);
  }
}
