package dev.costmon.provider;

/**
 * A provider could not be collected. The message is one line, names the cause, and never contains a
 * secret; the collector prefixes the account id.
 */
public class ProviderException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a collection failed; {@link #CONDITION} is a known state of the account, not a fault. */
  public enum Kind {
    /** 401/403: the credential is wrong or lacks the scope. */
    AUTH,
    /** 429 beyond the retry bound. */
    RATE_LIMITED,
    /** 5xx, connection reset, timeout after the retries. */
    UNAVAILABLE,
    /** HTML instead of JSON, truncated body, a field the docs call required is missing. */
    BAD_RESPONSE,
    /** A named condition such as "no admin access" or "not entitled": UNKNOWN in check, never zero. */
    CONDITION,
    /** Anything else the provider code detected. */
    OTHER
  }

  private final Kind kind;

  public ProviderException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ProviderException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
