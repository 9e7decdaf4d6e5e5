package dev.costmon.provider.focus;

/**
 * A FOCUS file cannot be imported: a missing mandatory column, a malformed row (the message names
 * its line), an unreadable file. One line, fit to show as is after the file name.
 */
public final class FocusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FocusException(String message) {
    super(message);
  }

  public FocusException(String message, Throwable cause) {
    super(message, cause);
  }
}
