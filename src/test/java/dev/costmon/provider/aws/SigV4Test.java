package dev.costmon.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The vectors of AWS's SigV4 test suite (aws-sig-v4-test-suite, 2015-08-30, service "service"). */
class SigV4Test {
  private static final String KEY_ID = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Instant AT = Instant.parse("2015-08-30T12:36:00Z");
  private static final String TOKEN = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFq"
      + "wAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPky"
      + "QDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDr"
      + "ypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

  private final SigV4 signer = new SigV4("us-east-1", "service");

  private static String scope() {
    return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "get-vanilla, GET, https://example.amazonaws.com/, 5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
      "get-vanilla-query-order-key-case, GET, https://example.amazonaws.com/?Param2=value2&Param1=value1,"
          + " b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
      "post-vanilla, POST, https://example.amazonaws.com/, 5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
  })
  void unsignedBodyVectors(String name, String method, String url, String signature) {
    SigV4.Signed signed = signer.sign(method, URI.create(url), Map.of(), new byte[0], KEY_ID, SECRET, AT);

    assertThat(signed.amzDate()).isEqualTo("20150830T123600Z");
    assertThat(signed.authorization())
        .isEqualTo(scope() + "SignedHeaders=host;x-amz-date, Signature=" + signature);
  }

  @Test
  void postFormVectorSignsTheBodyAndContentType() {
    SigV4.Signed signed = signer.sign("POST", URI.create("https://example.amazonaws.com/"),
        Map.of("Content-Type", "application/x-www-form-urlencoded"),
        "Param1=value1".getBytes(StandardCharsets.UTF_8), KEY_ID, SECRET, AT);

    assertThat(signed.canonicalRequest()).isEqualTo("""
        POST
        /

        content-type:application/x-www-form-urlencoded
        host:example.amazonaws.com
        x-amz-date:20150830T123600Z

        content-type;host;x-amz-date
        9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e""");
    assertThat(signed.stringToSign()).isEqualTo("""
        AWS4-HMAC-SHA256
        20150830T123600Z
        20150830/us-east-1/service/aws4_request
        42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281""");
    assertThat(signed.authorization()).isEqualTo(scope() + "SignedHeaders=content-type;host;x-amz-date, "
        + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
  }

  @Test
  void sessionTokenVectorSignsTheToken() {
    SigV4.Signed signed = signer.sign("POST", URI.create("https://example.amazonaws.com/"),
        Map.of("X-Amz-Security-Token", TOKEN), new byte[0], KEY_ID, SECRET, AT);

    assertThat(signed.authorization()).isEqualTo(scope() + "SignedHeaders=host;x-amz-date;x-amz-security-token, "
        + "Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");
  }

  @Test
  void hostCarriesThePortOnlyWhenItIsNotTheDefault() {
    assertThat(SigV4.host(URI.create("https://ce.us-east-1.amazonaws.com/"))).isEqualTo("ce.us-east-1.amazonaws.com");
    assertThat(SigV4.host(URI.create("https://ce.us-east-1.amazonaws.com:443/"))).isEqualTo("ce.us-east-1.amazonaws.com");
    assertThat(SigV4.host(URI.create("http://127.0.0.1:8123"))).isEqualTo("127.0.0.1:8123");
  }

  @Test
  void headerValuesAreTrimmedAndInnerSpacesCollapsed() {
    SigV4.Signed signed = signer.sign("GET", URI.create("https://example.amazonaws.com/"),
        Map.of("My-Header1", "  value1   with  spaces "), new byte[0], KEY_ID, SECRET, AT);

    assertThat(signed.canonicalRequest()).contains("my-header1:value1 with spaces\n");
  }
}
