package dev.costmon.export;

/** An export could not be written; the message is one line naming the file or stream and the cause. */
public final class ExportException extends RuntimeException {

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }

  public ExportException(String message) {
    super(message);
  }
}
