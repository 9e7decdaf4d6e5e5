package dev.costmon.http;

import dev.costmon.config.Secret;
import java.util.Objects;

/**
 * A request header carrying a credential: the value sent is {@code prefix + secret}, for example
 * {@code Authorization: Bearer <token>}. Its text form shows only the secret's reference.
 */
public record SecretHeader(String name, String prefix, Secret secret) {
  public SecretHeader {
    Headers.checkName(name);
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(secret, "secret");
    Headers.checkValue(name, prefix);
    // Checked here because the JDK's own complaint about a bad header value could quote the value.
    if (secret.reveal().chars().anyMatch(c -> c < 32 && c != '\t' || c == 127)) {
      throw new IllegalArgumentException(
          "secret " + secret.reference() + " contains a control character (a trailing newline?)");
    }
  }

  /** The header value as sent: only for building the HTTP request. */
  String reveal() {
    return prefix + secret.reveal();
  }

  @Override
  public String toString() {
    return name + ": " + prefix + secret.reference();
  }
}
