package dev.costmon.provider.aws;

import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the credentials of an account the way the AWS tools do, minus what needs another service:
 * the account's own keys, else {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code
 * AWS_SESSION_TOKEN}, else a profile of the shared credentials file. Role, SSO, web-identity and
 * {@code credential_process} profiles are refused with a message rather than half supported.
 */
final class CredentialsChain {
  private final Function<String, String> environment;
  private final Path home;

  CredentialsChain(Function<String, String> environment, Path home) {
    this.environment = environment;
    this.home = home;
  }

  AwsCredentials resolve(AwsSettings settings) throws ProviderException {
    if (settings.accessKeyId() != null) {
      return new AwsCredentials(settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken(),
          settings.accessKeyId().reference());
    }
    boolean fileNamed = settings.credentialsFile() != null || settings.profile() != null;
    String envKey = env("AWS_ACCESS_KEY_ID");
    String envSecret = env("AWS_SECRET_ACCESS_KEY");
    if (!fileNamed && envKey != null && envSecret != null) {
      String token = env("AWS_SESSION_TOKEN");
      return new AwsCredentials(
          new Secret("${AWS_ACCESS_KEY_ID}", envKey),
          new Secret("${AWS_SECRET_ACCESS_KEY}", envSecret),
          token == null ? null : new Secret("${AWS_SESSION_TOKEN}", token),
          "${AWS_ACCESS_KEY_ID}");
    }
    Path file = settings.credentialsFile();
    if (file == null) {
      String named = env("AWS_SHARED_CREDENTIALS_FILE");
      file = named != null ? Path.of(named) : home.resolve(".aws").resolve("credentials");
    }
    String profile = settings.profile() != null ? settings.profile()
        : env("AWS_PROFILE") != null ? env("AWS_PROFILE") : "default";
    return fromFile(file, profile, fileNamed);
  }

  private AwsCredentials fromFile(Path file, String profile, boolean fileNamed) throws ProviderException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ProviderException(Kind.AUTH, fileNamed
          ? "credentials file " + file + " not found"
          : "no AWS credentials: set access_key_id and secret_access_key, or AWS_ACCESS_KEY_ID and"
              + " AWS_SECRET_ACCESS_KEY, or credentials_file (" + file + " not found)");
    } catch (IOException e) {
      throw new ProviderException(Kind.AUTH, "cannot read credentials file " + file + ": "
          + e.getClass().getSimpleName().replace("AccessDeniedException", "permission denied"));
    }
    Map<String, String> keys = section(text, profile);
    String where = file + " [" + profile + "]";
    if (keys == null) {
      throw new ProviderException(Kind.AUTH, "profile '" + profile + "' not found in " + file);
    }
    String id = keys.get("aws_access_key_id");
    String secret = keys.get("aws_secret_access_key");
    if (id == null || secret == null) {
      throw new ProviderException(Kind.AUTH, "profile " + where + " has no aws_access_key_id and"
          + " aws_secret_access_key (role, SSO and credential_process profiles are not supported:"
          + " give costmon a key of its own)");
    }
    String token = keys.getOrDefault("aws_session_token", keys.get("aws_security_token"));
    return new AwsCredentials(
        new Secret(where + " aws_access_key_id", id),
        new Secret(where + " aws_secret_access_key", secret),
        token == null ? null : new Secret(where + " aws_session_token", token),
        where);
  }

  /**
   * The keys of one INI section, lower-cased names; null when the section is absent. The config
   * file's {@code [profile name]} form is accepted as well as the credentials file's {@code [name]}.
   */
  static Map<String, String> section(String text, String profile) {
    Map<String, String> keys = null;
    boolean inside = false;
    for (String raw : text.split("\r?\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String name = line.substring(1, line.length() - 1).strip();
        if (name.startsWith("profile ")) {
          name = name.substring("profile ".length()).strip();
        }
        inside = name.equals(profile);
        if (inside && keys == null) {
          keys = new HashMap<>();
        }
        continue;
      }
      int eq = line.indexOf('=');
      if (inside && eq > 0) {
        String value = line.substring(eq + 1).strip();
        if (!value.isEmpty()) {
          keys.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), value);
        }
      }
    }
    return keys;
  }

  private String env(String name) {
    String value = environment.apply(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
