package dev.costmon.doctor;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A secret key of one account as written in the config, and the file it names for {@code file:}.
 *
 * @param key the key's path within the account, e.g. {@code api_key}
 * @param reference {@code ${ENV}}, {@code file:/path} or {@code credential:NAME}: safe to print
 * @param file the file a {@code file:} reference reads, resolved like the config loader does
 */
record SecretReference(String owner, String key, String reference, Optional<Path> file) {

  /** {@code account 'vercel' token}, {@code notify channel 'ops' url}. */
  String where() {
    return owner + " " + key;
  }
}
