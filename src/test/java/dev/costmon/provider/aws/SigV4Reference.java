package dev.costmon.provider.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent SigV4 computation for tests, from the request as a server sees it: checked against
 * AWS's published test-suite vectors, then used to check what the SDK's signer produced.
 */
final class SigV4Reference {
  static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request, "
          + "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

  private SigV4Reference() {}

  /**
   * The signature of a request whose signed headers (lower-case names, in the order of {@code
   * SignedHeaders}) have the given values as received.
   */
  static String signature(String method, String path, String canonicalQuery, List<String> signedHeaders,
      Map<String, String> values, byte[] body, String amzDate, String region, String service, String secret) {
    StringBuilder canonical = new StringBuilder(method + "\n" + path + "\n" + canonicalQuery + "\n");
    for (String name : signedHeaders) {
      String value = values.get(name);
      if (value == null) {
        throw new AssertionError("signed header " + name + " not received");
      }
      canonical.append(name).append(':').append(value.strip().replaceAll(" +", " ")).append('\n');
    }
    canonical.append('\n').append(String.join(";", signedHeaders)).append('\n').append(hex(sha256(body)));
    String day = amzDate.substring(0, 8);
    String scope = day + "/" + region + "/" + service + "/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
        + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
    for (String part : new String[] {region, service, "aws4_request"}) {
      key = hmac(key, part);
    }
    return hex(hmac(key, toSign));
  }

  /** The parts of an Authorization header, or null when it is not a SigV4 one. */
  static Matcher parse(String authorization) {
    Matcher m = AUTHORIZATION.matcher(authorization);
    return m.matches() ? m : null;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
