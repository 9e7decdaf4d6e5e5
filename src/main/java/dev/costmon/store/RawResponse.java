package dev.costmon.store;

import java.time.Instant;

/**
 * A provider response kept for audit and replay. The URL and body were redacted before they were
 * stored, so neither can hold a secret.
 *
 * @param requestSha256 the SHA-256 of the request's redacted body, which replay matches on; null for
 *     a request without a body and for responses archived before costmon kept it
 */
public record RawResponse(
    long id, long runId, String account, String method, String url, int status, Instant fetchedAt,
    String contentType, byte[] body, String requestSha256) {

  public RawResponse {
    body = body.clone();
  }

  /** A response without a request digest. */
  public RawResponse(long id, long runId, String account, String method, String url, int status, Instant fetchedAt,
      String contentType, byte[] body) {
    this(id, runId, account, method, url, status, fetchedAt, contentType, body, null);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
