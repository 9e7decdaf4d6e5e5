package dev.costmon.http;

import dev.costmon.provider.ProviderException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers a provider's requests from the responses archived during an earlier run, without touching
 * the network: {@code costmon reprocess} runs the provider's own mapping again on exactly what the
 * provider sent then. A request is answered by an archived response to the same method and redacted
 * URL; where the archive kept the digest of the request's body ({@link RequestDigest}), by the first
 * response to the same body, else (rows archived before digests were kept) by the first response
 * not yet used, in the order they were received.
 */
public final class ReplayHttp implements Http {
  /**
   * One archived exchange: the request's redacted URL and what came back.
   *
   * @param requestSha256 the digest of the request's body; null when unknown or without a body
   */
  public record Recorded(
      String method, String url, int status, String contentType, byte[] body, String requestSha256) {

    /** An exchange archived without a request digest: matched by order alone. */
    public Recorded(String method, String url, int status, String contentType, byte[] body) {
      this(method, url, status, contentType, body, null);
    }
  }

  private final Map<String, List<Recorded>> byRequest = new HashMap<>();

  public ReplayHttp(List<Recorded> responses) {
    for (Recorded r : responses) {
      byRequest.computeIfAbsent(r.method() + " " + r.url(), k -> new ArrayList<>()).add(r);
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
    Optional<String> digest = RequestDigest.of(request, redactor);
    Recorded r = take(byRequest.get(request.method() + " " + url), digest.orElse(null));
    if (r == null) {
      throw new ProviderException(ProviderException.Kind.BAD_RESPONSE,
          "no archived response for " + request.method() + " " + url
              + (digest.isPresent() ? " with this request body" : "")
              + " (the run was archived with other settings, or its archive was pruned)");
    }
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

  /**
   * Removes and returns the first response to the same body, else the first one archived without
   * a digest; null when neither is left.
   */
  private static Recorded take(List<Recorded> queue, String digest) {
    if (queue == null) {
      return null;
    }
    Recorded unhashed = null;
    for (Iterator<Recorded> it = queue.iterator(); it.hasNext(); ) {
      Recorded r = it.next();
      if (r.requestSha256() == null) {
        if (unhashed == null) {
          unhashed = r;
        }
      } else if (Objects.equals(r.requestSha256(), digest)) {
        it.remove();
        return r;
      }
    }
    if (unhashed != null) {
      queue.remove(unhashed);
    }
    return unhashed;
  }
}
