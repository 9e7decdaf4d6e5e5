package dev.costmon.config;

/**
 * A secret of an account whose reference did not resolve when the config was read.
 *
 * @param key where in the account it is written: {@code admin_key}, {@code secret_headers.Authorization}
 * @param reference as written: {@code ${OPENAI_ADMIN_KEY}}
 * @param cause why, in a few words: "not set", "no such file"
 * @param line the line of the config file it is written on, 0 when unknown
 */
public record UnresolvedSecret(String key, String reference, String cause, int line) {

  /** {@code admin_key ${OPENAI_ADMIN_KEY} (not set, line 12)}. */
  public String describe() {
    return key + " " + reference + " (" + cause + (line > 0 ? ", line " + line : "") + ")";
  }
}
