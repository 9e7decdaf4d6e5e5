package dev.costmon.store;

import java.time.Instant;

/**
 * A provider response kept for audit and replay. The URL and body were redacted before they were
 * stored, so neither can hold a secret.
 */
public record RawResponse(
    long id, long runId, String account, String method, String url, int status, Instant fetchedAt,
    String contentType, byte[] body) {

  public RawResponse {
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
