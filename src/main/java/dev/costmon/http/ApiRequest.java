package dev.costmon.http;

import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One HTTP call to a provider: method, URL with encoded query, plain and secret headers, optional
 * body, and how the caller wants unusual statuses treated. Immutable; built with {@link Builder}.
 */
public final class ApiRequest {
  private final String method;
  private final URI uri;
  private final List<Header> headers;
  private final List<SecretHeader> secretHeaders;
  private final List<Secret> alsoRedacted;
  private final byte[] body;
  private final String contentType;
  private final Set<Integer> allowedStatuses;
  private final Map<Integer, ProviderException.Kind> statusKinds;
  private final boolean archived;
  private final Predicate<ApiResponse> rateLimitedWhen;

  private ApiRequest(Builder b) {
    this.method = b.method;
    this.uri = b.buildUri();
    this.headers = List.copyOf(b.headers);
    this.secretHeaders = List.copyOf(b.secretHeaders);
    this.alsoRedacted = List.copyOf(b.alsoRedacted);
    this.body = b.body;
    this.contentType = b.contentType;
    this.allowedStatuses = Set.copyOf(b.allowedStatuses);
    this.statusKinds = Map.copyOf(b.statusKinds);
    this.archived = b.archived;
    this.rateLimitedWhen = b.rateLimitedWhen;
  }

  /**
   * A GET of {@code base}, which may already carry a path and a query (a server-sent next link).
   */
  public static Builder get(URI base) {
    return new Builder("GET", base);
  }

  /** A GET of {@code base}, see {@link #get(URI)}. */
  public static Builder get(String base) {
    return get(URI.create(base));
  }

  /** A POST, for query endpoints: BigQuery jobs.query, GraphQL, SQL. */
  public static Builder post(URI base) {
    return new Builder("POST", base);
  }

  /** A POST, see {@link #post(URI)}. */
  public static Builder post(String base) {
    return post(URI.create(base));
  }

  /** Any method; costmon only reads, so this is GET, POST or HEAD in practice. */
  public static Builder builder(String method, URI base) {
    return new Builder(method, base);
  }

  public String method() {
    return method;
  }

  /** The full URL as sent; may hold nothing secret, but print {@link Redactor#url} anyway. */
  public URI uri() {
    return uri;
  }

  public List<Header> headers() {
    return headers;
  }

  public List<SecretHeader> secretHeaders() {
    return secretHeaders;
  }

  /** Every secret this request uses: the ones in headers and the ones only used to sign it. */
  public List<Secret> secrets() {
    List<Secret> all = new ArrayList<>(alsoRedacted);
    secretHeaders.forEach(h -> all.add(h.secret()));
    return List.copyOf(all);
  }

  public Optional<byte[]> body() {
    return Optional.ofNullable(body).map(byte[]::clone);
  }

  /** The Content-Type of the body, empty without a body. */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /**
   * Non-2xx statuses returned to the caller as a response instead of failing (e.g. 404 = none yet).
   */
  public Set<Integer> allowedStatuses() {
    return allowedStatuses;
  }

  /**
   * Statuses whose failure kind the provider knows better (e.g. 403 = not entitled = CONDITION).
   */
  public Map<Integer, ProviderException.Kind> statusKinds() {
    return statusKinds;
  }

  /** Whether the response goes to the raw archive; false for responses carrying credentials. */
  public boolean archived() {
    return archived;
  }

  /**
   * Whether an answer means "slow down" although its status does not say 429 (AWS answers
   * throttling with HTTP 400); such answers are retried like a 429 without Retry-After.
   */
  public boolean isRateLimited(ApiResponse response) {
    return rateLimitedWhen != null && rateLimitedWhen.test(response);
  }

  @Override
  public String toString() {
    List<String> shown = new ArrayList<>();
    headers.forEach(h -> shown.add(h.name()));
    secretHeaders.forEach(h -> shown.add(h.toString()));
    return "ApiRequest["
        + method
        + " "
        + Redactor.of(secrets()).url(uri)
        + ", headers "
        + shown
        + "]";
  }

  /** Builds an {@link ApiRequest}; query parameters and path segments are encoded here. */
  public static final class Builder {
    private final String method;
    private final URI base;
    private final StringBuilder path = new StringBuilder();
    private final List<String> query = new ArrayList<>();
    private final List<Header> headers = new ArrayList<>();
    private final List<SecretHeader> secretHeaders = new ArrayList<>();
    private final List<Secret> alsoRedacted = new ArrayList<>();
    private final Set<Integer> allowedStatuses = new LinkedHashSet<>();
    private final Map<Integer, ProviderException.Kind> statusKinds = new LinkedHashMap<>();
    private byte[] body;
    private String contentType;
    private boolean archived = true;
    private Predicate<ApiResponse> rateLimitedWhen;

    private Builder(String method, URI base) {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(base, "base");
      if (!method.matches("[A-Z]+")) {
        throw new IllegalArgumentException("invalid HTTP method: " + method);
      }
      String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
        throw new IllegalArgumentException(
            "not an absolute http(s) URL: " + Redactor.maskCredentials(base));
      }
      if (base.getRawFragment() != null) {
        throw new IllegalArgumentException("URL has a fragment: " + Redactor.maskCredentials(base));
      }
      this.method = method;
      this.base = base;
    }

    /**
     * Appends a path, already percent-encoded where needed, with exactly one {@code /} between it
     * and the base path: {@code https://h/v1/} + {@code /costs} is {@code https://h/v1/costs}.
     */
    public Builder path(String more) {
      Objects.requireNonNull(more, "path");
      if (more.indexOf('?') >= 0 || more.indexOf('#') >= 0) {
        throw new IllegalArgumentException("use query(...) for parameters: " + more);
      }
      String trimmed = more.startsWith("/") ? more.substring(1) : more;
      if (!trimmed.isEmpty()) {
        path.append('/').append(trimmed);
      }
      return this;
    }

    /** Appends one path segment, percent-encoding it (an id may contain {@code /} or spaces). */
    public Builder pathSegment(String segment) {
      Objects.requireNonNull(segment, "segment");
      path.append('/').append(encode(segment));
      return this;
    }

    /** Adds a query parameter; repeat the name for repeated parameters ({@code group_by[]}). */
    public Builder query(String name, Object value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value of " + name);
      query.add(encode(name) + "=" + encode(String.valueOf(value)));
      return this;
    }

    /** Adds the parameter once per value, in order. */
    public Builder query(String name, Iterable<?> values) {
      for (Object value : values) {
        query(name, value);
      }
      return this;
    }

    public Builder header(String name, String value) {
      headers.add(new Header(name, value));
      return this;
    }

    /** A header whose whole value is a secret, e.g. {@code x-api-key}. */
    public Builder secretHeader(String name, Secret secret) {
      return secretHeader(name, "", secret);
    }

    /**
     * A header whose value is {@code prefix + secret}, e.g. {@code Authorization: Bearer <token>}.
     */
    public Builder secretHeader(String name, String prefix, Secret secret) {
      secretHeaders.add(new SecretHeader(name, prefix, secret));
      return this;
    }

    /** {@code Authorization: Bearer <token>}. */
    public Builder bearer(Secret token) {
      return secretHeader("Authorization", "Bearer ", token);
    }

    /**
     * {@code Authorization: Basic base64(user:password)}; both the password and its encoding are
     * redacted.
     */
    public Builder basicAuth(String user, Secret password) {
      Objects.requireNonNull(user, "user");
      String encoded =
          Base64.getEncoder()
              .encodeToString((user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
      alsoRedacted.add(password);
      return secretHeader("Authorization", "Basic ", new Secret(password.reference(), encoded));
    }

    /** A secret not sent as such (a signing key, a JWT in the body) that must still be redacted. */
    public Builder redact(Secret secret) {
      alsoRedacted.add(Objects.requireNonNull(secret, "secret"));
      return this;
    }

    /** A JSON body, sent as {@code application/json} in UTF-8. */
    public Builder jsonBody(String json) {
      return body("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Builder body(String contentType, byte[] body) {
      Headers.checkValue("Content-Type", Objects.requireNonNull(contentType, "contentType"));
      this.contentType = contentType;
      this.body = body.clone();
      return this;
    }

    /**
     * Returns these non-2xx statuses as a response instead of failing, for the caller to inspect.
     */
    public Builder allowStatus(int... statuses) {
      for (int status : statuses) {
        checkStatus(status);
        allowedStatuses.add(status);
      }
      return this;
    }

    /** Fails a status with this kind instead of the default, and without retrying it. */
    public Builder mapStatus(int status, ProviderException.Kind kind) {
      checkStatus(status);
      statusKinds.put(status, Objects.requireNonNull(kind, "kind"));
      return this;
    }

    /**
     * Keeps the response out of the raw archive: an OAuth token exchange answers with a credential.
     */
    public Builder notArchived() {
      this.archived = false;
      return this;
    }

    /**
     * Treats the answers {@code test} accepts as rate limiting: the engine retries them with its
     * backoff, at most {@link HttpSettings#maxAttempts} attempts in all, and then fails with
     * RATE_LIMITED. Only for an answer the provider documents as throttling (AWS's HTTP 400
     * ThrottlingException); any other answer of the same status is not retried.
     */
    public Builder rateLimitedWhen(Predicate<ApiResponse> test) {
      this.rateLimitedWhen = Objects.requireNonNull(test, "test");
      return this;
    }

    public ApiRequest build() {
      return new ApiRequest(this);
    }

    private URI buildUri() {
      String basePath = base.getRawPath() == null ? "" : base.getRawPath();
      if (path.length() > 0 && basePath.endsWith("/")) {
        basePath = basePath.substring(0, basePath.length() - 1);
      }
      StringBuilder url = new StringBuilder();
      url.append(base.getScheme()).append("://").append(base.getRawAuthority());
      url.append(basePath).append(path);
      List<String> params = new ArrayList<>();
      if (base.getRawQuery() != null && !base.getRawQuery().isEmpty()) {
        params.add(base.getRawQuery());
      }
      params.addAll(query);
      if (!params.isEmpty()) {
        url.append('?').append(String.join("&", params));
      }
      try {
        return new URI(url.toString());
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(
            "invalid URL path " + Redactor.maskCredentials(base) + " + " + path, e);
      }
    }

    private static void checkStatus(int status) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("not an HTTP status: " + status);
      }
    }

    /** RFC 3986 percent-encoding: unlike form encoding, a space is %20 and {@code ~} stays. */
    private static String encode(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8)
          .replace("+", "%20")
          .replace("*", "%2A")
          .replace("%7E", "~");
    }
  }
}
