package dev.costmon.provider.aws;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for a request sent in one piece (no chunked upload), with the JDK's
 * SHA-256 and HMAC-SHA256. Checked against the vectors of AWS's published SigV4 test suite.
 */
final class SigV4 {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final String region;
  private final String service;

  SigV4(String region, String service) {
    this.region = region;
    this.service = service;
  }

  /**
   * What signing gives: the {@code X-Amz-Date} and {@code Authorization} header values, and the
   * intermediate texts for tests.
   */
  record Signed(String amzDate, String authorization, String canonicalRequest, String stringToSign) {
    @Override
    public String toString() {
      return "Signed[" + amzDate + "]";
    }
  }

  /**
   * Signs a request. {@code headers} are the headers to sign besides {@code host} (taken from the
   * URI as the HTTP client will send it) and {@code x-amz-date} (added here); a session token must
   * be among them as {@code x-amz-security-token}.
   */
  Signed sign(String method, URI uri, Map<String, String> headers, byte[] body, String accessKeyId,
      String secretAccessKey, Instant at) {
    String amzDate = AMZ_DATE.format(at);
    String day = amzDate.substring(0, 8);
    TreeMap<String, String> canonical = new TreeMap<>();
    headers.forEach((name, value) -> canonical.put(name.toLowerCase(Locale.ROOT), trimAll(value)));
    canonical.put("host", host(uri));
    canonical.put("x-amz-date", amzDate);
    StringBuilder lines = new StringBuilder();
    canonical.forEach((name, value) -> lines.append(name).append(':').append(value).append('\n'));
    String signedHeaders = String.join(";", canonical.keySet());
    String canonicalRequest = method + "\n"
        + canonicalPath(uri) + "\n"
        + canonicalQuery(uri) + "\n"
        + lines + "\n"
        + signedHeaders + "\n"
        + HEX.formatHex(sha256(body));
    String scope = day + "/" + region + "/" + service + "/aws4_request";
    String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
        + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), day);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String signature = HEX.formatHex(hmac(key, stringToSign));
    String authorization = ALGORITHM + " Credential=" + accessKeyId + "/" + scope
        + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    return new Signed(amzDate, authorization, canonicalRequest, stringToSign);
  }

  /** The Host header as java.net.http sends it: the port only when it is not the scheme's default. */
  static String host(URI uri) {
    int port = uri.getPort();
    boolean secure = "https".equalsIgnoreCase(uri.getScheme());
    boolean defaultPort = port == -1 || port == (secure ? 443 : 80);
    return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
  }

  /** The path as sent; Cost Explorer's is always {@code /}. */
  private static String canonicalPath(URI uri) {
    String path = uri.getRawPath();
    return path == null || path.isEmpty() ? "/" : path;
  }

  /** Parameters sorted by encoded name, then value, each RFC 3986-encoded exactly once. */
  private static String canonicalQuery(URI uri) {
    String query = uri.getRawQuery();
    if (query == null || query.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    List<String> joined = new ArrayList<>();
    pairs.forEach(p -> joined.add(p[0] + "=" + p[1]));
    return String.join("&", joined);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }

  /** Leading and trailing spaces dropped, inner runs of spaces made one, as the canonical form wants. */
  private static String trimAll(String value) {
    return value.strip().replaceAll(" +", " ");
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }
}
