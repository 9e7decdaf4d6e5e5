package dev.costmon.http;

import dev.costmon.Version;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;

/**
 * Sends provider requests: timeouts, gzip, bounded bodies, retries only where safe, failures mapped
 * to {@link ProviderException} kinds with redacted one-line messages, and every final response
 * handed to the raw archive.
 */
public final class HttpEngine {
  /** Transient server trouble: retried with backoff. 501 and other 5xx will not get better. */
  private static final Set<Integer> RETRIED_5XX = Set.of(500, 502, 503, 504);
  /** The threads of one client's executor ({@link #newClient}). */
  static final int CLIENT_THREADS = 4;

  private final HttpSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final ResponseArchive archive;
  private final Consumer<String> log;
  private final Exchange exchange;
  private final String userAgent;

  public HttpEngine(
      HttpClient client,
      HttpSettings settings,
      Clock clock,
      Sleeper sleeper,
      RandomGenerator random,
      ResponseArchive archive) {
    this(client, settings, clock, sleeper, random, archive, null);
  }

  /** As above, with a verbose logger receiving one redacted line per attempt; null logs nothing. */
  public HttpEngine(
      HttpClient client,
      HttpSettings settings,
      Clock clock,
      Sleeper sleeper,
      RandomGenerator random,
      ResponseArchive archive,
      Consumer<String> log) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
    this.archive = Objects.requireNonNull(archive, "archive");
    this.log = log == null ? line -> {} : log;
    this.exchange = new Exchange(Objects.requireNonNull(client, "client"), settings);
    this.userAgent = "costmon/" + Version.current();
  }

  /**
   * Initialises the default TLS context (the CA certificates above all), which the first client
   * otherwise builds on the caller's thread; called off the main thread at start-up.
   */
  public static void warmUp() {
    try {
      SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }

  /**
   * One exchange through the engine's own {@link Exchange} with a socket of its own on loopback, so
   * that the HTTP client's classes for a whole request and answer are loaded on the warm-up thread
   * before the first real request needs them, and so that the class-data archive, trained on
   * {@code costmon demo} (which sends no request), holds them. Nothing leaves the machine; a
   * loopback the sandbox forbids only means the first request loads them itself.
   */
  public static void warmUpExchange() {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        SharedClient client = new SharedClient(HttpSettings.defaults())) {
      server.setSoTimeout(5_000);
      Thread answer = new Thread(() -> answerOnce(server), "costmon-warmup-answer");
      answer.setDaemon(true);
      answer.start();
      URI uri = URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getLocalPort()
          + "/");
      new Exchange(client.get(), HttpSettings.defaults())
          .perform(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build());
    } catch (IOException | BodyException e) {
      // Only start-up time is at stake.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void answerOnce(ServerSocket server) {
    try (Socket s = server.accept()) {
      s.setSoTimeout(5_000);
      BufferedReader request = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      // The request ends with an empty line (a GET has no body).
      for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
        continue;
      }
      s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
          + "Connection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      // The client side then fails too, quietly.
    }
  }

  /**
   * A client suited to the engine: the connect timeout from the settings, HTTP/1.1 (billing APIs
   * need no multiplexing, and cleartext HTTP/2 upgrades confuse some proxies), no redirects, so a
   * credential header is never replayed to another host, and a few threads of its own.
   *
   * <p>The JDK's default executor is a cached pool: with 60 accounts waiting at once it grew to about
   * 20 threads of some 90 KB each, for work that takes microseconds per response (the selector
   * thread does the I/O; the callers block in {@code send} on their own threads). The client's tasks
   * never wait for one another, so a bounded pool cannot deadlock it; name lookups also run there,
   * so up to {@link #CLIENT_THREADS} new host names are looked up at a time. The queue is unbounded:
   * the client falls back to a pool of its own when its executor rejects a task, which it never does
   * here. Idle threads end after a few seconds and are daemons, so a client never built is never
   * paid for and a finished one never holds the JVM.
   */
  public static HttpClient newClient(HttpSettings settings) {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(CLIENT_THREADS, CLIENT_THREADS, 5, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread t = new Thread(runnable, "costmon-http");
          t.setDaemon(true);
          return t;
        });
    executor.allowCoreThreadTimeOut(true);
    return HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .executor(executor)
        .build();
  }

  /**
   * Sends the request, retrying 429 (within the Retry-After budget), answers the request calls
   * rate limiting ({@link ApiRequest.Builder#rateLimitedWhen}), 500/502/503/504 and broken
   * connections up to {@link HttpSettings#maxAttempts} attempts.
   *
   * @param account the account id, for the archive only; messages leave it to the collector
   * @return a 2xx response, or one whose status the request allowed
   * @throws ProviderException AUTH, RATE_LIMITED, UNAVAILABLE, BAD_RESPONSE, OTHER or a kind the
   *     request mapped its status to
   */
  public ApiResponse send(String account, ApiRequest request) throws ProviderException {
    Objects.requireNonNull(account, "account");
    return new Call(account, request).run();
  }

  /** This engine bound to one account, as providers see it. */
  public Http forAccount(String account) {
    Objects.requireNonNull(account, "account");
    return request -> send(account, request);
  }

  /** The state of one {@link #send}: attempts made and Retry-After time already spent. */
  private final class Call {
    private final String account;
    private final ApiRequest request;
    private final Redactor redactor;
    private final String url;
    private final String where;
    private Duration retryAfterSpent = Duration.ZERO;

    Call(String account, ApiRequest request) {
      this.account = account;
      this.request = request;
      this.redactor = Redactor.of(request.secrets());
      this.url = redactor.url(request.uri());
      this.where = redactor.where(request.uri());
    }

    ApiResponse run() throws ProviderException {
      HttpRequest http = toHttpRequest();
      int max = settings.maxAttempts();
      for (int attempt = 1; ; attempt++) {
        boolean last = attempt >= max;
        Instant started = clock.instant();
        Exchange.Received received;
        try {
          received = exchange.perform(http);
        } catch (HttpConnectTimeoutException e) {
          // Nothing reached the server, so trying again is safe.
          if (!last) {
            retry(
                attempt,
                "connect timed out after " + Texts.duration(settings.connectTimeout()),
                Optional.empty());
            continue;
          }
          throw fail(
              Kind.UNAVAILABLE,
              "connect to "
                  + where
                  + " timed out after "
                  + Texts.duration(settings.connectTimeout())
                  + " ("
                  + attempt
                  + " attempts)");
        } catch (HttpTimeoutException e) {
          // Not retried: the server may be working on it (and billing for it); a slow endpoint
          // stays slow.
          log(started, "timed out");
          throw fail(
              Kind.UNAVAILABLE,
              "timed out after "
                  + Texts.duration(settings.requestTimeout())
                  + " waiting for "
                  + where
                  + " (attempt "
                  + attempt
                  + "; not retried: the server may still be working on it)");
        } catch (IOException e) {
          String reason = describe(e);
          log(started, "failed: " + reason);
          if (!last) {
            retry(attempt, reason, Optional.empty());
            continue;
          }
          throw fail(
              Kind.UNAVAILABLE,
              "connection to " + where + " failed after " + attempt + " attempts: " + reason);
        } catch (BodyException e) {
          log(started, e.getMessage());
          throw fail(Kind.BAD_RESPONSE, e.getMessage() + " from " + where);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw fail(Kind.UNAVAILABLE, "interrupted while waiting for " + where);
        }

        int status = received.status();
        log.accept(
            request.method()
                + " "
                + url
                + " -> "
                + status
                + " in "
                + elapsed(started)
                + ", "
                + Texts.size(received.body().length));
        ApiResponse response =
            new ApiResponse(
                request.method(), url, where, status, received.headers(), received.body(), redactor);
        if (!response.isSuccess() && request.isRateLimited(response)) {
          if (last) {
            throw failWith(
                received,
                Kind.RATE_LIMITED,
                "rate limited after " + attempt + " attempts: " + statusLine(received));
          }
          retry(attempt, "rate limited (" + Texts.status(status) + ")", Optional.empty());
          continue;
        }
        if (response.isSuccess() || request.allowedStatuses().contains(status)) {
          store(received);
          return response;
        }
        Kind mapped = request.statusKinds().get(status);
        if (mapped != null) {
          throw failWith(received, mapped, statusLine(received));
        }
        if (status == 429 || RETRIED_5XX.contains(status)) {
          Optional<Duration> asked =
              RetryAfter.parse(received.headers().firstValue("Retry-After"), clock);
          Kind kind = status == 429 ? Kind.RATE_LIMITED : Kind.UNAVAILABLE;
          if (asked.isPresent()
              && retryAfterSpent.plus(asked.get()).compareTo(settings.maxRetryAfter()) > 0) {
            String message =
                status == 429
                    ? "rate limited, retry after " + Texts.ceilSeconds(asked.get()) + " s"
                    : statusLine(received)
                        + " (retry after "
                        + Texts.ceilSeconds(asked.get())
                        + " s)";
            throw failWith(received, kind, message);
          }
          if (last) {
            String message =
                status == 429
                    ? "rate limited after " + attempt + " attempts"
                    : statusLine(received, " after " + attempt + " attempts");
            throw failWith(received, kind, message);
          }
          retry(attempt, Texts.status(status), asked);
          continue;
        }
        Kind kind =
            status == 401 || status == 403
                ? Kind.AUTH
                : status >= 500 ? Kind.UNAVAILABLE : Kind.OTHER;
        throw failWith(received, kind, statusLine(received));
      }
    }

    /** {@code HTTP 401 Unauthorized from host/path: first line of the body}. */
    private String statusLine(Exchange.Received received) {
      return statusLine(received, "");
    }

    private String statusLine(Exchange.Received received, String afterWhere) {
      return Texts.status(received.status())
          + " from "
          + where
          + afterWhere
          + Texts.colonFirstLine(received.body(), redactor);
    }

    private void retry(int attempt, String reason, Optional<Duration> asked)
        throws ProviderException {
      Duration wait = asked.orElseGet(() -> Backoff.after(attempt, random));
      if (asked.isPresent()) {
        retryAfterSpent = retryAfterSpent.plus(wait);
      }
      log.accept(
          request.method()
              + " "
              + url
              + ": "
              + reason
              + ", retrying in "
              + Texts.duration(wait)
              + " (attempt "
              + (attempt + 1)
              + " of "
              + settings.maxAttempts()
              + ")");
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw fail(Kind.UNAVAILABLE, "interrupted while waiting to retry " + where);
      }
    }

    private ProviderException failWith(Exchange.Received received, Kind kind, String message) {
      store(received);
      return fail(kind, message);
    }

    /** Messages are built from redacted parts already; redacting again guards against a slip. */
    private ProviderException fail(Kind kind, String message) {
      return new ProviderException(kind, redactor.text(message));
    }

    private void store(Exchange.Received received) {
      if (!request.archived()) {
        return;
      }
      archive.store(
          new ArchivedResponse(
              account,
              request.method(),
              url,
              received.status(),
              clock.instant(),
              received.headers().firstValue("Content-Type").orElse(""),
              redactor.bytes(received.body()),
              RequestDigest.of(request, redactor).orElse(null)));
    }

    private HttpRequest toHttpRequest() {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(request.uri())
              .timeout(settings.requestTimeout())
              .header("User-Agent", userAgent)
              .header("Accept-Encoding", "gzip");
      request.headers().forEach(h -> b.header(h.name(), h.value()));
      request.secretHeaders().forEach(h -> b.header(h.name(), h.reveal()));
      Optional<byte[]> body = request.body();
      if (body.isPresent()) {
        b.header("Content-Type", request.contentType().orElseThrow());
        b.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body.get()));
      } else {
        b.method(request.method(), HttpRequest.BodyPublishers.noBody());
      }
      return b.build();
    }

    /** A failed attempt's log line: {@code GET url -> failed: reason after 12 ms}. */
    private void log(Instant started, String outcome) {
      log.accept(
          request.method()
              + " "
              + url
              + " -> "
              + redactor.text(outcome)
              + " after "
              + elapsed(started));
    }

    private String elapsed(Instant started) {
      Duration d = Duration.between(started, clock.instant());
      return Texts.duration(d.isNegative() ? Duration.ZERO : d);
    }

    private String describe(IOException e) {
      return TransportFailure.describe(e, redactor);
    }
  }
}
