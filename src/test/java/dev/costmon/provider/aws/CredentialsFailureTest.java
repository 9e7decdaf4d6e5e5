package dev.costmon.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialsFailureTest {
  private static final String CHAIN = "Unable to load credentials from any of the providers in the chain"
      + " AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(),"
      + " ProfileCredentialsProvider(profileName=ops)]) : [SystemPropertyCredentialsProvider(): Unable to load"
      + " credentials from system settings. Access key must be specified either via environment variable"
      + " (AWS_ACCESS_KEY_ID) or system property (aws.accessKeyId)., ProfileCredentialsProvider(profileName=ops):"
      + " Profile file contained no credentials for profile 'ops': ProfileFile(sections=[profiles],"
      + " profiles=[Profile(name=x, properties=[aws_access_key_id])]), ContainerCredentialsProvider():"
      + " Failed to load credentials from metadata service.]";

  @Test
  void keepsOnlyTheSourcesThatWereSetUpAndFailed() {
    assertThat(CredentialsFailure.describe(new IllegalStateException(CHAIN), null))
        .isEqualTo("no AWS credentials: container endpoint: Failed to load credentials from metadata service");
  }

  @Test
  void keyIdsTokensAndLongSecretsAreMaskedShouldAnSdkMessageEverCarryThem() {
    String line = CredentialsFailure.describe(new IllegalArgumentException("key AKIAABCDEFGHIJKLMNOP jwt"
        + " eyJhbGciOi.eyJzdWIi.c2ln secret wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY0123 path /tmp/a/b"), "ops");

    assertThat(line).isEqualTo("no AWS credentials from profile 'ops': key *** jwt *** secret *** path /tmp/a/b");
  }
}
