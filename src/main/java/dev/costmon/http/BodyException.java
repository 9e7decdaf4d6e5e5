package dev.costmon.http;

/** A body that arrived but cannot be used; its message is safe to print (no body content). */
class BodyException extends Exception {
  private static final long serialVersionUID = 1L;

  BodyException(String message) {
    super(message);
  }

  /** The body passed {@link HttpSettings#maxResponseBytes}, compressed or after gunzip. */
  static final class TooLarge extends BodyException {
    private static final long serialVersionUID = 1L;

    TooLarge(long maxBytes) {
      super("response larger than " + maxBytes + " bytes");
    }
  }
}
