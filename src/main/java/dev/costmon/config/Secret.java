package dev.costmon.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A secret read from the environment, a file or a systemd credential. Only {@link #reference()}
 * (for example {@code ${VERCEL_TOKEN}}) may ever be printed; {@link #toString()} never shows the value.
 */
public final class Secret {
  private final String reference;
  private final String value;
  /** Why the reference did not resolve when the config was read; null when it did. */
  private final String unavailable;

  public Secret(String reference, String value) {
    this.reference = Objects.requireNonNull(reference, "reference");
    this.value = Objects.requireNonNull(value, "value");
    this.unavailable = null;
    if (value.isEmpty()) {
      throw new IllegalArgumentException("secret " + reference + " is empty");
    }
  }

  private Secret(String reference, String unavailable, boolean marker) {
    this.reference = Objects.requireNonNull(reference, "reference");
    this.value = null;
    this.unavailable = Objects.requireNonNull(unavailable, "unavailable");
  }

  /**
   * A reference that did not resolve (a variable not set, a file or credential missing): the account
   * that holds it cannot be collected, but the config still serves report, check and export.
   */
  public static Secret unavailable(String reference, String why) {
    return new Secret(reference, why, true);
  }

  /** Whether the value is at hand; false for a reference that did not resolve. */
  public boolean available() {
    return unavailable == null;
  }

  /** Why the reference did not resolve when the config was read; empty when the value is at hand. */
  public Optional<String> whyUnavailable() {
    return Optional.ofNullable(unavailable);
  }

  /** Where the secret comes from, safe to print: {@code ${ENV}}, {@code file:/path} or {@code credential:NAME}. */
  public String reference() {
    return reference;
  }

  /**
   * The secret itself: only for a request header or a signature, never for output.
   *
   * @throws IllegalStateException for a reference that did not resolve: never an empty value
   */
  public String reveal() {
    if (value == null) {
      throw new IllegalStateException(reference + " is not available: " + unavailable);
    }
    return value;
  }

  @Override
  public String toString() {
    return reference;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && other.reference.equals(reference) && Objects.equals(other.value, value)
        && Objects.equals(other.unavailable, unavailable);
  }

  @Override
  public int hashCode() {
    return reference.hashCode();
  }
}
