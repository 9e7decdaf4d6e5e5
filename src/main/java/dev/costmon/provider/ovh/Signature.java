package dev.costmon.provider.ovh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * OVH API v1 request signing: {@code "$1$" + hex(sha1(AS+CK+METHOD+URL+BODY+TIMESTAMP joined by "+"))},
 * as python-ovh's {@code Client.call} and go-ovh's {@code Client.NewRequest} compute it. The URL is
 * the full URL as sent, query included; the body is "" for a GET.
 */
final class Signature {
  private Signature() {}

  static String sign(String applicationSecret, String consumerKey, String method, String url, String body,
      long timestamp) {
    String toSign = String.join("+", applicationSecret, consumerKey, method, url, body, Long.toString(timestamp));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(toSign.getBytes(StandardCharsets.UTF_8));
      return "$1$" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-1 (MessageDigest javadoc).
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }
}
