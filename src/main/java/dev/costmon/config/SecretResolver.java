package dev.costmon.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a reference ({@code ${ENV}}, {@code file:/path}, {@code credential:NAME}) into a {@link Secret}.
 * Literal secrets are refused so that a config file can be shared or pasted safely.
 */
public final class SecretResolver {
  private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern CREDENTIAL = Pattern.compile("credential:([A-Za-z0-9_.@-]+)");

  private final Environment environment;
  private final Path baseDir;

  public SecretResolver(Environment environment, Path baseDir) {
    this.environment = environment;
    this.baseDir = baseDir;
  }

  /**
   * @throws UnresolvedSecretException naming the reference (never a value) when it cannot be
   *     resolved here (a variable not set, a file or credential missing)
   * @throws IllegalArgumentException when the text is not a reference at all
   */
  public Secret resolve(String reference) {
    String ref = reference.trim();
    Matcher env = ENV.matcher(ref);
    if (env.matches()) {
      String value = environment.get(env.group(1));
      if (value == null || value.isBlank()) {
        throw new UnresolvedSecretException(ref, "environment variable " + env.group(1) + " is not set", "not set");
      }
      return new Secret(ref, value.strip());
    }
    if (ref.startsWith("file:")) {
      return new Secret(ref, readFile(baseDir.resolve(ref.substring("file:".length())), ref));
    }
    Matcher credential = CREDENTIAL.matcher(ref);
    if (credential.matches()) {
      String dir = environment.get("CREDENTIALS_DIRECTORY");
      if (dir == null || dir.isBlank()) {
        throw new UnresolvedSecretException(ref,
            ref + " needs $CREDENTIALS_DIRECTORY, which systemd sets for LoadCredential=",
            "no $CREDENTIALS_DIRECTORY: systemd's LoadCredential= sets it");
      }
      return new Secret(ref, readFile(Path.of(dir, credential.group(1)), ref));
    }
    throw new IllegalArgumentException(
        "a secret must be a reference: ${ENV_VAR}, file:/path or credential:NAME"
            + " (the value itself does not belong in the config file)");
  }

  private static String readFile(Path file, String ref) {
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (value.isEmpty()) {
        throw new UnresolvedSecretException(ref, ref + " is empty", "empty");
      }
      return value;
    } catch (IOException e) {
      String why = e.getClass().getSimpleName()
          .replace("NoSuchFileException", "no such file").replace("AccessDeniedException", "permission denied");
      throw new UnresolvedSecretException(ref, "cannot read " + ref + ": " + why, why);
    }
  }
}
