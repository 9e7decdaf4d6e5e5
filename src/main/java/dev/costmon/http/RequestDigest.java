package dev.costmon.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The SHA-256 (hex) of a request's body after redaction, kept with each archived response so that
 * {@code costmon reprocess} answers each request with the response to the same body, even where
 * every call is {@code POST /} (AWS). Hashing the redacted body means the digest reveals nothing a
 * redacted archive would not, and a replay computes the same digest from the same request.
 */
public final class RequestDigest {
  private RequestDigest() {}

  /** The digest of the request's body, empty for a request without one. */
  public static Optional<String> of(ApiRequest request, Redactor redactor) {
    return request.body().map(body -> sha256(redactor.bytes(body)));
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
