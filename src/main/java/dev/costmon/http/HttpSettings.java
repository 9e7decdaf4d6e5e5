package dev.costmon.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the HTTP engine: how long to wait, how often to try, how big a response may be.
 *
 * @param connectTimeout time to open a connection; only applies to clients from {@link
 *     HttpEngine#newClient}
 * @param requestTimeout time for one whole exchange, body included
 * @param maxAttempts attempts per request, retries included (1 means no retry)
 * @param maxRetryAfter total time the engine may wait because servers asked it to (Retry-After)
 * @param maxResponseBytes largest body accepted, both as received and after gunzip
 */
public record HttpSettings(
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration maxRetryAfter,
    long maxResponseBytes) {

  public HttpSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("maxRetryAfter must not be negative: " + maxRetryAfter);
    }
    // Bodies are buffered in a byte array, so the bound cannot exceed what an array holds.
    if (maxResponseBytes < 1 || maxResponseBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxResponseBytes out of range: " + maxResponseBytes);
    }
  }

  /** 10 s connect, 60 s per request, 4 attempts, at most 120 s of Retry-After waiting, 32 MiB. */
  public static HttpSettings defaults() {
    return new HttpSettings(
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        4,
        Duration.ofSeconds(120),
        32L * 1024 * 1024);
  }
}
