package dev.costmon.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One final HTTP response as the archive stores it: URL and body already redacted, body
 * uncompressed.
 *
 * @param contentType the Content-Type header, empty when the server sent none
 * @param requestSha256 the {@link RequestDigest} of the request's body, null for a request without one
 */
public record ArchivedResponse(
    String account,
    String method,
    String url,
    int status,
    Instant fetchedAt,
    String contentType,
    byte[] body,
    String requestSha256) {

  public ArchivedResponse {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(contentType, "contentType");
    body = body.clone();
  }

  /** A response to a request without a body. */
  public ArchivedResponse(
      String account, String method, String url, int status, Instant fetchedAt, String contentType, byte[] body) {
    this(account, method, url, status, fetchedAt, contentType, body, null);
  }

  /** A copy, so the archived record stays as received. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body decoded as UTF-8, for tests and tools. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArchivedResponse other
        && other.account.equals(account)
        && other.method.equals(method)
        && other.url.equals(url)
        && other.status == status
        && other.fetchedAt.equals(fetchedAt)
        && other.contentType.equals(contentType)
        && Arrays.equals(other.body, body)
        && Objects.equals(other.requestSha256, requestSha256);
  }

  @Override
  public int hashCode() {
    return Objects.hash(account, method, url, status, fetchedAt);
  }

  @Override
  public String toString() {
    return "ArchivedResponse["
        + account
        + " "
        + method
        + " "
        + url
        + " -> "
        + status
        + ", "
        + body.length
        + " bytes at "
        + fetchedAt
        + "]";
  }
}
