package dev.costmon.cli;

/** Input given on the command line (a date range, a month) is wrong; exit 65. */
public final class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }
}
