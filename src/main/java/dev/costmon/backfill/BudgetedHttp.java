package dev.costmon.backfill;

import dev.costmon.http.ApiRequest;
import dev.costmon.http.ApiResponse;
import dev.costmon.http.Http;
import dev.costmon.provider.ProviderException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts one account's requests over all its windows and refuses the one beyond the budget, so a
 * paid API (AWS Cost Explorer bills each request and page) never costs more than the user allowed,
 * whatever the pages turn out to be.
 */
final class BudgetedHttp {
  private final int budget;
  private final AtomicInteger sent = new AtomicInteger();

  BudgetedHttp(int budget) {
    this.budget = budget;
  }

  /** {@code http}, counted against this budget. */
  Http counting(Http http) {
    return request -> send(http, request);
  }

  private ApiResponse send(Http http, ApiRequest request) throws ProviderException {
    if (sent.incrementAndGet() > budget) {
      sent.decrementAndGet();
      throw new ProviderException(ProviderException.Kind.OTHER, "the backfill used its " + budget
          + " requests (max_requests); run again with a higher --max-requests to continue");
    }
    return http.send(request);
  }

  int sent() {
    return sent.get();
  }

  boolean exhausted() {
    return sent.get() >= budget;
  }
}
