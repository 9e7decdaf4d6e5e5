package dev.costmon.http;

import dev.costmon.provider.ProviderException;

/**
 * Sends a provider's requests for one account: over the network through {@link HttpEngine}, or
 * answered from the raw archive by {@link ReplayHttp} when {@code costmon reprocess} rebuilds figures.
 * Providers depend on this, so the same code maps live and archived responses.
 */
@FunctionalInterface
public interface Http {
  ApiResponse send(ApiRequest request) throws ProviderException;

  /**
   * Whether requests are answered from the raw archive rather than sent. A request the archive
   * never holds ({@link ApiRequest.Builder#notArchived()}, such as an OAuth token exchange) cannot be
   * replayed, so a provider skips it when the archived requests that follow do not need its answer.
   */
  default boolean answersFromArchive() {
    return false;
  }
}
