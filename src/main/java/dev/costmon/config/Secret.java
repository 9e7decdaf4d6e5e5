package dev.costmon.config;

import java.util.Objects;

/**
 * A secret read from the environment, a file or a systemd credential. Only {@link #reference()}
 * (for example {@code ${VERCEL_TOKEN}}) may ever be printed; {@link #toString()} never shows the value.
 */
public final class Secret {
  private final String reference;
  private final String value;

  public Secret(String reference, String value) {
    this.reference = Objects.requireNonNull(reference, "reference");
    this.value = Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("secret " + reference + " is empty");
    }
  }

  /** Where the secret comes from, safe to print: {@code ${ENV}}, {@code file:/path} or {@code credential:NAME}. */
  public String reference() {
    return reference;
  }

  /** The secret itself: only for a request header or a signature, never for output. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return reference;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && other.reference.equals(reference) && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return reference.hashCode();
  }
}
