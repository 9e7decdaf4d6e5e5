package dev.costmon.provider.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line out of the AWS SDK's credential errors. The default chain's error lists every provider
 * it tried, most of them merely "not configured"; the line keeps only the ones that were configured
 * and failed (a web identity STS refused, a container endpoint that did not answer, an incomplete
 * profile) or, when none was, says what to set. Key ids and token-like strings are masked, though
 * the SDK's messages name settings, not their values.
 */
final class CredentialsFailure {
  private static final String CHAIN = "Unable to load credentials from any of the providers in the chain";
  private static final Pattern ENTRY = Pattern.compile("([A-Z][A-Za-z]*Provider)\\([^)]*\\): (.*)", Pattern.DOTALL);
  private static final Map<String, String> NAMES = Map.of(
      "SystemPropertyCredentialsProvider", "system properties",
      "EnvironmentVariableCredentialsProvider", "environment",
      "WebIdentityTokenFileCredentialsProvider", "web identity",
      "ProfileCredentialsProvider", "profile",
      "ContainerCredentialsProvider", "container endpoint",
      "InstanceProfileCredentialsProvider", "instance metadata");
  /** What the SDK says of a source nobody set up. */
  private static final List<String> NOT_SET_UP = List.of(
      "Unable to load credentials from system settings",
      "must be set",
      "Profile file contained no credentials for profile",
      "neither AWS_CONTAINER_CREDENTIALS_FULL_URI",
      "IMDS credentials have been disabled",
      "Failed to load credentials from IMDS");
  static final String WHAT_TO_SET = "set access_key_id/secret_access_key or profile for the account, or"
      + " AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN, a profile in"
      + " ~/.aws/credentials, or run with a container or instance role";
  private static final Pattern SECRET_LIKE = Pattern.compile(
      "\\b(AKIA|ASIA)[A-Z0-9]{12,}\\b|\\beyJ[\\w-]*\\.[\\w.-]*|[A-Za-z0-9+=]{40,}");
  private static final int MOST = 400;

  private CredentialsFailure() {}

  /** The line for a failure; {@code profile} is the profile the account names, or null for the chain. */
  static String describe(Exception e, String profile) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String line;
    if (message.startsWith(CHAIN)) {
      List<String> failed = configuredFailures(message);
      line = failed.isEmpty()
          ? "no AWS credentials found in the environment, web identity, shared profile, container or instance"
              + " metadata: " + WHAT_TO_SET
          : "no AWS credentials: " + String.join("; ", failed);
    } else {
      line = "no AWS credentials from profile '" + profile + "': " + clean(message);
    }
    return mask(line);
  }

  private static List<String> configuredFailures(String message) {
    int open = message.indexOf(" : [");
    String list = open < 0 ? "" : message.substring(open + 4, message.endsWith("]") ? message.length() - 1 : message.length());
    List<String> failed = new ArrayList<>();
    for (String entry : list.split(", (?=[A-Z][A-Za-z]*Provider\\()")) {
      Matcher m = ENTRY.matcher(entry);
      if (m.matches() && NOT_SET_UP.stream().noneMatch(m.group(2)::contains)) {
        failed.add(NAMES.getOrDefault(m.group(1), m.group(1)) + ": " + clean(m.group(2)));
      }
    }
    return failed;
  }

  /** Drops the SDK's dump of the profile file (it lists names of profiles and properties, not values). */
  private static String clean(String message) {
    String text = message.replaceAll(":? ?ProfileFile\\(sections=.*", "").replaceAll("\\s+", " ").strip();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private static String mask(String line) {
    String masked = SECRET_LIKE.matcher(line).replaceAll("***");
    return masked.length() <= MOST ? masked : masked.substring(0, MOST - 3) + "...";
  }
}
