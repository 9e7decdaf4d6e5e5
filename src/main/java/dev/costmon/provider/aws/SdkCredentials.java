package dev.costmon.provider.aws;

import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.nio.file.Files;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An account's credentials: its own keys when the config names them, else the AWS SDK's providers.
 * With {@code profile} or {@code credentials_file} that profile alone ({@link
 * ProfileCredentialsProvider}: keys, {@code role_arn} with a source profile or web identity through
 * STS, {@code credential_process}); otherwise the SDK's default chain ({@link
 * DefaultCredentialsProvider}): {@code aws.*} system properties, {@code AWS_ACCESS_KEY_ID}/{@code
 * AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}, web identity ({@code
 * AWS_WEB_IDENTITY_TOKEN_FILE} + {@code AWS_ROLE_ARN}, through STS), the {@code AWS_PROFILE} (or
 * {@code default}) profile of {@code ~/.aws/credentials} and {@code ~/.aws/config}, the container
 * credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} or {@code _RELATIVE_URI}) and
 * the instance metadata service (IMDSv2). Resolved afresh for each collection.
 */
final class SdkCredentials {
  /** The SDK's codes for where credentials came from ({@code AwsCredentials.providerName()}). */
  private static final Map<String, String> SOURCES = Map.ofEntries(
      Map.entry("f", "aws.accessKeyId system property"),
      Map.entry("g", "AWS_ACCESS_KEY_ID environment variable"),
      Map.entry("h", "web identity (AWS_WEB_IDENTITY_TOKEN_FILE) through STS"),
      Map.entry("k", "web identity through STS"),
      Map.entry("n", "shared credentials"),
      Map.entry("o", "role through STS"),
      Map.entry("i", "role through STS"),
      Map.entry("q", "web identity through STS"),
      Map.entry("v", "credential_process"),
      Map.entry("w", "credential_process"),
      Map.entry("z", "container credentials endpoint"),
      Map.entry("0", "instance metadata (IMDS)"));

  AwsCredentials resolve(AwsSettings settings) throws ProviderException {
    if (settings.accessKeyId() != null) {
      return new AwsCredentials(settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken(),
          settings.accessKeyId().reference());
    }
    boolean profileNamed = settings.profile() != null || settings.credentialsFile() != null;
    AwsCredentialsProvider provider = profileNamed ? profileProvider(settings) : DefaultCredentialsProvider.builder().build();
    try {
      return convert(provider.resolveCredentials(), profileNamed ? profileName(settings) : null);
    } catch (SdkException | IllegalArgumentException | IllegalStateException e) {
      throw new ProviderException(Kind.AUTH, CredentialsFailure.describe(e, profileNamed ? profileName(settings) : null));
    } finally {
      if (provider instanceof SdkAutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  private static String profileName(AwsSettings settings) {
    return settings.profile() != null ? settings.profile() : "default";
  }

  /** The named profile: of {@code credentials_file} (with the default config file) or the default files. */
  private static AwsCredentialsProvider profileProvider(AwsSettings settings) throws ProviderException {
    ProfileCredentialsProvider.Builder builder = ProfileCredentialsProvider.builder().profileName(profileName(settings));
    if (settings.credentialsFile() != null) {
      if (!Files.isReadable(settings.credentialsFile())) {
        throw new ProviderException(Kind.AUTH, "credentials file " + settings.credentialsFile() + " not found or not readable");
      }
      ProfileFile.Aggregator files = ProfileFile.aggregator()
          .addFile(ProfileFile.builder().content(settings.credentialsFile()).type(ProfileFile.Type.CREDENTIALS).build());
      ProfileFileLocation.configurationFileLocation().ifPresent(config ->
          files.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build()));
      builder.profileFile(files.build());
    }
    return builder.build();
  }

  private static AwsCredentials convert(software.amazon.awssdk.auth.credentials.AwsCredentials sdk, String profile) {
    String code = sdk.providerName().orElse("");
    String source = code.isEmpty() ? "AWS SDK credentials" : SOURCES.getOrDefault(
        code.substring(code.lastIndexOf(',') + 1), "AWS SDK credentials (" + code + ")");
    if (profile != null) {
      source = source + " of profile '" + profile + "'";
    }
    String token = sdk instanceof AwsSessionCredentials session ? session.sessionToken() : null;
    return new AwsCredentials(
        new Secret(source + " access key id", sdk.accessKeyId()),
        new Secret(source + " secret access key", sdk.secretAccessKey()),
        token == null ? null : new Secret(source + " session token", token),
        source);
  }
}
