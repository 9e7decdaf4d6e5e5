package dev.costmon.http;

import dev.costmon.provider.ProviderException;
import java.net.http.HttpHeaders;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a provider's requests from the responses archived during an earlier run, in the order
 * they were received, without touching the network: {@code costmon reprocess} runs the provider's
 * own mapping again on exactly what the provider sent then.
 */
public final class ReplayHttp implements Http {
  /** One archived exchange: the request's redacted URL and what came back. */
  public record Recorded(String method, String url, int status, String contentType, byte[] body) {}

  private final Map<String, Deque<Recorded>> byRequest = new HashMap<>();

  public ReplayHttp(List<Recorded> responses) {
    for (Recorded r : responses) {
      byRequest.computeIfAbsent(r.method() + " " + r.url(), k -> new ArrayDeque<>()).add(r);
    }
  }

  @Override
  public boolean answersFromArchive() {
    return true;
  }

  @Override
  public ApiResponse send(ApiRequest request) throws ProviderException {
    Redactor redactor = Redactor.of(request.secrets());
    String url = redactor.url(request.uri());
    Deque<Recorded> queue = byRequest.get(request.method() + " " + url);
    if (queue == null || queue.isEmpty()) {
      throw new ProviderException(ProviderException.Kind.BAD_RESPONSE,
          "no archived response for " + request.method() + " " + url
              + " (the run was archived with other settings, or its archive was pruned)");
    }
    Recorded r = queue.poll();
    HttpHeaders headers = HttpHeaders.of(
        r.contentType().isEmpty() ? Map.of() : Map.of("content-type", List.of(r.contentType())), (a, b) -> true);
    ApiResponse response = new ApiResponse(
        r.method(), url, redactor.where(request.uri()), r.status(), headers, r.body(), redactor);
    boolean ok = r.status() / 100 == 2 || request.allowedStatuses().contains(r.status());
    if (!ok) {
      ProviderException.Kind kind = request.statusKinds().getOrDefault(r.status(),
          r.status() == 401 || r.status() == 403 ? ProviderException.Kind.AUTH : ProviderException.Kind.OTHER);
      throw new ProviderException(kind, "archived response to " + request.method() + " " + url + " was HTTP "
          + r.status());
    }
    return response;
  }
}
