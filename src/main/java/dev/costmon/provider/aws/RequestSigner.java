package dev.costmon.provider.aws;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * AWS Signature Version 4 by the AWS SDK's signer ({@code http-auth-aws}), for a request that
 * costmon's own HTTP engine then sends. Only this class and {@link SdkCredentials} touch the SDK,
 * so its classes load when an AWS account is collected and never otherwise.
 */
final class RequestSigner {
  /** Headers the JDK's HTTP client sets itself and refuses from callers; the SDK signs Host as the JDK sends it. */
  private static final Set<String> SET_BY_THE_CLIENT = Set.of("host", "content-length");

  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final String region;
  private final String service;

  RequestSigner(String region, String service) {
    this.region = region;
    this.service = service;
  }

  /**
   * The headers signing adds: {@code X-Amz-Date}, {@code Authorization} and, with temporary
   * credentials, {@code X-Amz-Security-Token}. The authorization holds no secret, only a signature
   * by it; the token is a secret.
   */
  record Signed(Map<String, String> added) {
    String authorization() {
      return added.get("Authorization");
    }

    String amzDate() {
      return added.get("X-Amz-Date");
    }

    @Override
    public String toString() {
      return "Signed[" + amzDate() + "]";
    }
  }

  /**
   * Signs a request whose {@code headers} (besides Host, which the SDK takes from the URI as the
   * JDK's client sends it) are all signed, at the instant of {@code clock}.
   */
  Signed sign(String method, URI uri, Map<String, String> headers, byte[] body, AwsCredentials credentials,
      Clock clock) {
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    headers.forEach(request::putHeader);
    String id = credentials.accessKeyId().reveal();
    String secret = credentials.secretAccessKey().reveal();
    AwsCredentialsIdentity identity = credentials.token()
        .<AwsCredentialsIdentity>map(token -> AwsSessionCredentialsIdentity.create(id, secret, token.reveal()))
        .orElseGet(() -> AwsCredentialsIdentity.create(id, secret));
    SignedRequest signed = signer.sign(r -> r
        .identity(identity)
        .request(request.build())
        .payload(body.length == 0 ? null : ContentStreamProvider.fromByteArray(body))
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    Map<String, String> added = new LinkedHashMap<>();
    signed.request().forEachHeader((name, values) -> {
      boolean given = headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
      if (!given && !SET_BY_THE_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
        added.put(name, values.get(0));
      }
    });
    return new Signed(added);
  }
}
