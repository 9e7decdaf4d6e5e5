package dev.costmon.config;

/**
 * A well-formed secret reference that does not resolve in this environment: a variable that is not
 * set, a file or systemd credential that is missing or empty. Unlike a malformed reference, this
 * belongs to the account that holds it, not to the whole config.
 */
public final class UnresolvedSecretException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String reference;
  private final String shortCause;

  /**
   * @param message the full sentence, e.g. "environment variable X is not set"
   * @param shortCause the same in a few words beside the reference, e.g. "not set"
   */
  public UnresolvedSecretException(String reference, String message, String shortCause) {
    super(message);
    this.reference = reference;
    this.shortCause = shortCause;
  }

  /** The reference as written: {@code ${VAR}}, {@code file:...}, {@code credential:NAME}. */
  public String reference() {
    return reference;
  }

  /** Why, in a few words: "not set", "no such file". */
  public String shortCause() {
    return shortCause;
  }
}
