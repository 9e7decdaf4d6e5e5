package dev.costmon.provider.aws;

import dev.costmon.config.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An access key, its secret and, for temporary credentials, a session token. All three are
 * {@link Secret}s, so they are redacted from everything printed or archived.
 *
 * @param source where they came from, for messages: {@code ${AWS_ACCESS_KEY_ID}}, a file and profile
 */
record AwsCredentials(Secret accessKeyId, Secret secretAccessKey, Secret sessionToken, String source) {

  AwsCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(source, "source");
  }

  Optional<Secret> token() {
    return Optional.ofNullable(sessionToken);
  }

  /** Everything to redact. */
  List<Secret> secrets() {
    List<Secret> all = new ArrayList<>(List.of(accessKeyId, secretAccessKey));
    token().ifPresent(all::add);
    return all;
  }

  @Override
  public String toString() {
    return "AwsCredentials[" + source + "]";
  }
}
