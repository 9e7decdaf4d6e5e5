package dev.costmon.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.config.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SDK's signer as costmon drives it ({@link RequestSigner}), on the vectors of AWS's SigV4 test
 * suite (aws-sig-v4-test-suite, 2015-08-30, service "service"). The SDK always signs one header the
 * suite does not have, {@code x-amz-content-sha256} (AWS accepts it; the SDK's own clients send it),
 * so its signatures cannot equal the published ones. Each vector therefore checks two things: the
 * independent {@link SigV4Reference} gives AWS's published signature for the suite's request, and it
 * gives the SDK's signature for the request the SDK signed (same date, scope and credentials).
 */
class RequestSignerTest {
  private static final String KEY_ID = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Clock AT = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
  private static final String AMZ_DATE = "20150830T123600Z";
  private static final String TOKEN = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFq"
      + "wAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPky"
      + "QDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDr"
      + "ypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

  private final RequestSigner signer = new RequestSigner("us-east-1", "service");

  private static AwsCredentials keys(String token) {
    return new AwsCredentials(new Secret("test key", KEY_ID), new Secret("test secret", SECRET),
        token == null ? null : new Secret("test token", token), "test");
  }

  /** The suite's vector, computed by the reference from the suite's own request. */
  private static String published(String method, String query, Map<String, String> headers, byte[] body) {
    Map<String, String> values = new HashMap<>();
    headers.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), v));
    values.put("host", "example.amazonaws.com");
    values.put("x-amz-date", AMZ_DATE);
    List<String> signed = values.keySet().stream().sorted().toList();
    return SigV4Reference.signature(method, "/", query, signed, values, body, AMZ_DATE, "us-east-1", "service",
        SECRET);
  }

  /** Signs with the SDK and checks the result with the reference; returns the Authorization parts. */
  private Matcher signAndCheck(String method, String url, String query, Map<String, String> headers, byte[] body,
      String token) {
    RequestSigner.Signed signed = signer.sign(method, URI.create(url), headers, body, keys(token), AT);
    Matcher m = SigV4Reference.parse(signed.authorization());
    assertThat(m).as(signed.authorization()).isNotNull();
    assertThat(m.group(1)).isEqualTo(KEY_ID);
    assertThat(m.group(2) + "/" + m.group(3) + "/" + m.group(4)).isEqualTo("20150830/us-east-1/service");
    assertThat(signed.amzDate()).isEqualTo(AMZ_DATE);
    Map<String, String> values = new HashMap<>();
    headers.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), v));
    signed.added().forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), v));
    values.put("host", URI.create(url).getPort() == -1 ? URI.create(url).getHost()
        : URI.create(url).getHost() + ":" + URI.create(url).getPort());
    List<String> signedHeaders = List.of(m.group(5).split(";"));
    assertThat(SigV4Reference.signature(method, "/", query, signedHeaders, values, body, AMZ_DATE, "us-east-1",
        "service", SECRET)).isEqualTo(m.group(6));
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "get-vanilla, GET, https://example.amazonaws.com/, '',"
          + " 5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
      "get-vanilla-query-order-key-case, GET, https://example.amazonaws.com/?Param2=value2&Param1=value1,"
          + " Param1=value1&Param2=value2, b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
      "post-vanilla, POST, https://example.amazonaws.com/, '',"
          + " 5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
  })
  void unsignedBodyVectors(String name, String method, String url, String query, String signature) {
    assertThat(published(method, query, Map.of(), new byte[0])).isEqualTo(signature);

    Matcher m = signAndCheck(method, url, query, Map.of(), new byte[0], null);

    assertThat(m.group(5)).isEqualTo("host;x-amz-content-sha256;x-amz-date");
  }

  @Test
  void postFormVectorSignsTheBodyAndContentType() {
    Map<String, String> headers = Map.of("Content-Type", "application/x-www-form-urlencoded");
    byte[] body = "Param1=value1".getBytes(StandardCharsets.UTF_8);
    assertThat(published("POST", "", headers, body))
        .isEqualTo("ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");

    Matcher m = signAndCheck("POST", "https://example.amazonaws.com/", "", headers, body, null);

    assertThat(m.group(5)).isEqualTo("content-type;host;x-amz-content-sha256;x-amz-date");
  }

  @Test
  void aChangedBodyChangesTheSignature() {
    Map<String, String> headers = Map.of("Content-Type", "application/x-amz-json-1.1");
    String one = signer.sign("POST", URI.create("https://example.amazonaws.com/"), headers,
        "{\"a\":1}".getBytes(StandardCharsets.UTF_8), keys(null), AT).authorization();
    String two = signer.sign("POST", URI.create("https://example.amazonaws.com/"), headers,
        "{\"a\":2}".getBytes(StandardCharsets.UTF_8), keys(null), AT).authorization();

    assertThat(one).isNotEqualTo(two);
  }

  @Test
  void sessionTokenVectorSignsTheTokenAndAddsItsHeader() {
    assertThat(published("POST", "", Map.of("X-Amz-Security-Token", TOKEN), new byte[0]))
        .isEqualTo("85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");

    Matcher m = signAndCheck("POST", "https://example.amazonaws.com/", "", Map.of(), new byte[0], TOKEN);

    assertThat(m.group(5)).isEqualTo("host;x-amz-content-sha256;x-amz-date;x-amz-security-token");
  }

  @Test
  void headerValuesAreTrimmedAndInnerSpacesCollapsed() {
    // get-header-value-trim: values with leading spaces and runs of spaces inside.
    Map<String, String> headers = Map.of("My-Header1", " value1", "My-Header2", " \"a   b   c\"");
    assertThat(published("GET", "", headers, new byte[0]))
        .isEqualTo("acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736");

    signAndCheck("GET", "https://example.amazonaws.com/", "", headers, new byte[0], null);
  }

  @Test
  void aNonDefaultPortIsSignedAsTheJdkSendsTheHostHeader() {
    Matcher m = signAndCheck("POST", "http://127.0.0.1:8123/", "", Map.of(), new byte[0], null);

    assertThat(m.group(5)).startsWith("host;");
  }
}
