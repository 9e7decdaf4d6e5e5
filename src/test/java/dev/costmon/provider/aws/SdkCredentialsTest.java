package dev.costmon.provider.aws;

import static dev.costmon.provider.aws.FakeCostExplorer.okResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.costmon.config.Account;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.ProviderFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The SDK's credential providers that call out (STS for web identity, the container endpoint,
 * IMDSv2), each pointed at a loopback fake through the SDK's own system properties, which stand for
 * the environment variables of the same meaning ({@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code
 * AWS_ROLE_ARN}, {@code AWS_ENDPOINT_URL_STS}, {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, {@code
 * AWS_CONTAINER_AUTHORIZATION_TOKEN}, {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}).
 */
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class SdkCredentialsTest {
  private static final FakeCredentialEndpoints.Issued ISSUED = new FakeCredentialEndpoints.Issued(
      "ASIAFAKETEMPORARY001", "fAkEtEmPoRaRySeCrEt/0123456789+abcdefghij", "FwoGZXIvYXdzEFAKEsessionTOKENvalue==");
  private static final String WEB_IDENTITY = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJl";
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/costmon-ce-read";
  private static final AwsSettings CHAIN = new AwsSettings(null, null, null, null, null, null, null, null);

  @TempDir
  Path dir;

  private final FakeCredentialEndpoints endpoints = new FakeCredentialEndpoints(ISSUED);
  private AwsSdkSettings sdk;

  @BeforeEach
  void isolateTheSdk() {
    sdk = new AwsSdkSettings(dir);
  }

  @AfterEach
  void close() {
    sdk.close();
    endpoints.close();
  }

  private static void assertIssued(AwsCredentials credentials) {
    assertThat(credentials.accessKeyId().reveal()).isEqualTo(ISSUED.accessKeyId());
    assertThat(credentials.secretAccessKey().reveal()).isEqualTo(ISSUED.secretAccessKey());
    assertThat(credentials.token()).hasValueSatisfying(t -> assertThat(t.reveal()).isEqualTo(ISSUED.sessionToken()));
    assertThat(credentials.toString()).doesNotContain(ISSUED.accessKeyId(), ISSUED.secretAccessKey(),
        ISSUED.sessionToken());
  }

  private void webIdentity() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, WEB_IDENTITY);
    sdk.set("aws.webIdentityTokenFile", token.toString()).set("aws.roleArn", ROLE_ARN)
        .set("aws.roleSessionName", "costmon").set("aws.region", "us-east-1")
        .set("aws.endpointUrlSts", endpoints.base());
  }

  @Test
  void webIdentityTokenIsExchangedAtStsForTemporaryCredentials() throws Exception {
    webIdentity();

    AwsCredentials credentials = new SdkCredentials().resolve(CHAIN);

    assertIssued(credentials);
    assertThat(credentials.source()).contains("web identity");
    assertThat(endpoints.received).singleElement().satisfies(r -> {
      assertThat(r.form()).containsEntry("Action", "AssumeRoleWithWebIdentity").containsEntry("RoleArn", ROLE_ARN)
          .containsEntry("RoleSessionName", "costmon").containsEntry("WebIdentityToken", WEB_IDENTITY);
      // The call is anonymous: the web identity token is what proves who calls.
      assertThat(r.headers()).doesNotContainKey("Authorization");
    });
  }

  @Test
  void aRefusedWebIdentityIsOneLineNamingStsAndNotTheToken() throws Exception {
    webIdentity();
    endpoints.stsError = "AccessDenied";

    ProviderException e = catchThrowableOfType(ProviderException.class, () -> new SdkCredentials().resolve(CHAIN));

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).startsWith("no AWS credentials: web identity: ")
        .contains("Not authorized to perform sts:AssumeRoleWithWebIdentity").contains("403")
        .doesNotContain("\n").doesNotContain(WEB_IDENTITY).doesNotContain("eyJ");
  }

  @Test
  void aNamedProfileAssumesItsRoleAtStsWithItsSourceProfilesKey() throws Exception {
    Path credentials = dir.resolve("credentials");
    Files.writeString(credentials, """
        [base]
        aws_access_key_id = AKIABASEKEY000000001
        aws_secret_access_key = baseSecret0123456789
        """);
    Path config = dir.resolve("config");
    Files.writeString(config, """
        [profile ce]
        role_arn = %s
        source_profile = base
        role_session_name = costmon
        region = us-east-1
        """.formatted(ROLE_ARN));
    sdk.set("aws.sharedCredentialsFile", credentials.toString()).set("aws.configFile", config.toString())
        .set("aws.endpointUrlSts", endpoints.base());

    AwsCredentials resolved = new SdkCredentials().resolve(
        new AwsSettings(null, null, null, null, "ce", null, null, null));

    assertIssued(resolved);
    assertThat(resolved.source()).isEqualTo("role through STS of profile 'ce'");
    assertThat(endpoints.received).singleElement().satisfies(r -> {
      assertThat(r.form()).containsEntry("Action", "AssumeRole").containsEntry("RoleArn", ROLE_ARN);
      assertThat(r.headers().get("Authorization")).singleElement().asString()
          .startsWith("AWS4-HMAC-SHA256 Credential=AKIABASEKEY000000001/").contains("/sts/aws4_request");
    });
  }

  @Test
  void containerEndpointWithItsAuthorizationToken() throws Exception {
    endpoints.containerAuthorization = "container-auth-token";
    sdk.set("aws.containerCredentialsFullUri", endpoints.base() + "/container")
        .set("aws.containerAuthorizationToken", "container-auth-token");

    AwsCredentials credentials = new SdkCredentials().resolve(CHAIN);

    assertIssued(credentials);
    assertThat(credentials.source()).isEqualTo("container credentials endpoint");
    assertThat(endpoints.received).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/container"));
  }

  @Test
  void aContainerEndpointThatRefusesIsNamed() {
    endpoints.containerAuthorization = "the-right-one";
    sdk.set("aws.containerCredentialsFullUri", endpoints.base() + "/container")
        .set("aws.containerAuthorizationToken", "a-wrong-one");

    ProviderException e = catchThrowableOfType(ProviderException.class, () -> new SdkCredentials().resolve(CHAIN));

    assertThat(e.getMessage()).startsWith("no AWS credentials: container endpoint: ").doesNotContain("\n");
  }

  @Test
  void instanceMetadataV2TokenFirstThenTheRolesCredentials() throws Exception {
    System.clearProperty("aws.disableEc2Metadata");
    sdk.set("aws.ec2MetadataServiceEndpoint", endpoints.base());

    AwsCredentials credentials = new SdkCredentials().resolve(CHAIN);

    assertIssued(credentials);
    assertThat(credentials.source()).isEqualTo("instance metadata (IMDS)");
    assertThat(endpoints.received.get(0).method()).isEqualTo("PUT");
    assertThat(endpoints.received.get(0).path()).isEqualTo("/latest/api/token");
    assertThat(endpoints.received.subList(1, endpoints.received.size())).isNotEmpty().allSatisfy(r ->
        assertThat(r.headers().get("X-aws-ec2-metadata-token")).containsExactly(FakeCredentialEndpoints.IMDS_TOKEN));
  }

  @Test
  void credentialsFromTheChainSignCostExplorerCallsAndAppearNowhere() throws Exception {
    sdk.set("aws.containerCredentialsFullUri", endpoints.base() + "/container");
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
    try (ProviderFixture fixture = new ProviderFixture()) {
      FakeCostExplorer ce = new FakeCostExplorer(fixture, ISSUED.secretAccessKey());
      ce.on("GetCostAndUsage", okResource("cost_and_usage_empty.json"));
      ce.on("GetCostForecast", okResource("cost_forecast.json"));
      AwsProvider provider = new AwsProvider();
      Account account = fixture.account(provider, "", Map.of());

      fixture.collect(provider, account, CollectWindow.of(clock.instant(), ZoneOffset.UTC, 3), clock);

      assertThat(ce.received).isNotEmpty().allSatisfy(r -> {
        assertThat(r.signatureProblem()).isNull();
        assertThat(r.headers().get("X-amz-security-token")).containsExactly(ISSUED.sessionToken());
      });
      String visible = fixture.everythingVisible();
      for (String secret : List.of(ISSUED.accessKeyId(), ISSUED.secretAccessKey(), ISSUED.sessionToken())) {
        assertThat(visible).doesNotContain(secret);
      }
      assertThat(fixture.archived).isNotEmpty();
    }
  }
}
