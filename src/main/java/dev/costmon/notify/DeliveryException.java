package dev.costmon.notify;

/** A message or action that could not be delivered; the message is one redacted line. */
public final class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;

  public DeliveryException(String message) {
    super(message);
  }
}
