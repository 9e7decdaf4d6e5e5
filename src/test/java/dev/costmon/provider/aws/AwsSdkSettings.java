package dev.costmon.provider.aws;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS SDK's {@code aws.*} system properties for one test, put back as they were on close. The
 * SDK reads each property before its environment variable, so a test sets the property in place of
 * the variable. Starts from nothing: shared files at paths that do not exist, instance metadata
 * disabled (so no test reaches 169.254.169.254), and no credential variable in the real environment.
 */
final class AwsSdkSettings implements AutoCloseable {
  private static final List<String> PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey",
      "aws.sessionToken", "aws.webIdentityTokenFile", "aws.roleArn", "aws.roleSessionName",
      "aws.containerCredentialsFullUri", "aws.containerCredentialsPath", "aws.containerAuthorizationToken",
      "aws.profile", "aws.sharedCredentialsFile", "aws.configFile", "aws.region", "aws.endpointUrlSts",
      "aws.ec2MetadataServiceEndpoint", "aws.disableEc2Metadata");
  private static final List<String> VARIABLES = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
      "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
      "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_PROFILE");

  private final Map<String, String> before = new HashMap<>();

  AwsSdkSettings(Path dir) {
    for (String variable : VARIABLES) {
      assumeTrue(System.getenv(variable) == null, variable + " is set in the environment running the tests");
    }
    PROPERTIES.forEach(p -> before.put(p, System.getProperty(p)));
    PROPERTIES.forEach(System::clearProperty);
    set("aws.sharedCredentialsFile", dir.resolve("no-such-credentials").toString());
    set("aws.configFile", dir.resolve("no-such-config").toString());
    set("aws.disableEc2Metadata", "true");
  }

  AwsSdkSettings set(String property, String value) {
    if (!PROPERTIES.contains(property)) {
      throw new IllegalArgumentException(property + " would not be put back");
    }
    System.setProperty(property, value);
    return this;
  }

  @Override
  public void close() {
    before.forEach((p, v) -> {
      if (v == null) {
        System.clearProperty(p);
      } else {
        System.setProperty(p, v);
      }
    });
  }
}
