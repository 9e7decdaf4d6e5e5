package dev.costmon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.Version;
import dev.costmon.config.Secret;
import dev.costmon.http.TestServer.Reply;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpEngineTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final Secret TOKEN = new Secret("${VERCEL_TOKEN}", "sk-live-Sup3rS3cret");

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final List<ArchivedResponse> archived = new CopyOnWriteArrayList<>();
  private final List<String> logs = new CopyOnWriteArrayList<>();

  /** nextDouble() is 0, so every backoff is the lower half: 250 ms, 500 ms, 1 s. */
  private final RandomGenerator random = () -> 0L;

  private HttpSettings settings =
      new HttpSettings(
          Duration.ofSeconds(2), Duration.ofSeconds(3), 4, Duration.ofSeconds(120), 1_000_000);
  private TestServer server;

  @BeforeEach
  void start() throws IOException {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpEngine engine() {
    return new HttpEngine(
        HttpEngine.newClient(settings),
        settings,
        clock,
        sleeps::add,
        random,
        archived::add,
        logs::add);
  }

  private ApiResponse get(String path) throws ProviderException {
    return engine().send("acme", ApiRequest.get(server.uri(path)).bearer(TOKEN).build());
  }

  private ProviderException failure(String path) {
    return catchThrowableOfType(ProviderException.class, () -> get(path));
  }

  @Test
  void returnsJsonArchivesAndLogs() throws Exception {
    server.replies(Reply.of(200, "{\"data\":[1,2]}"));

    ApiResponse response =
        engine()
            .send(
                "acme",
                ApiRequest.get(server.uri("/v1/costs")).query("token", "t1").query("x", 1).build());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("data").size()).isEqualTo(2);
    String url = "http://" + server.hostPort() + "/v1/costs?token=***&x=1";
    assertThat(response.url()).isEqualTo(url);
    assertThat(archived)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.account()).isEqualTo("acme");
              assertThat(a.method()).isEqualTo("GET");
              assertThat(a.url()).isEqualTo(url);
              assertThat(a.status()).isEqualTo(200);
              assertThat(a.fetchedAt()).isEqualTo(NOW);
              assertThat(a.contentType()).isEqualTo("application/json");
              assertThat(a.bodyText()).isEqualTo("{\"data\":[1,2]}");
            });
    assertThat(logs).containsExactly("GET " + url + " -> 200 in 0 ms, 14 B");
  }

  @Test
  void sendsUserAgentAcceptEncodingAndSecretHeader() throws Exception {
    server.replies(Reply.of(200, "{}"));

    get("/v1/x");

    TestServer.Received request = server.requests().get(0);
    assertThat(request.header("User-Agent")).isEqualTo("costmon/" + Version.current());
    assertThat(Version.current()).isNotEqualTo("unknown");
    assertThat(request.header("Accept-Encoding")).isEqualTo("gzip");
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-live-Sup3rS3cret");
  }

  @Test
  void worksWithoutLogger() throws Exception {
    server.replies(Reply.of(200, "{}"));
    HttpEngine quiet =
        new HttpEngine(
            HttpEngine.newClient(settings),
            settings,
            clock,
            sleeps::add,
            random,
            ResponseArchive.NONE);

    assertThat(quiet.send("acme", ApiRequest.get(server.uri("/")).build()).status()).isEqualTo(200);
  }

  @Test
  void gunzipsBodies() throws Exception {
    server.replies(Reply.of(200, "{\"amount\":\"12.50\"}").gzipped());

    ApiResponse response = get("/v1/x");

    assertThat(response.json().get("amount").asText()).isEqualTo("12.50");
    assertThat(archived.get(0).bodyText()).isEqualTo("{\"amount\":\"12.50\"}");
  }

  @Test
  void keepsJsonNumbersExact() throws Exception {
    server.replies(
        Reply.of(
            200,
            "{\"a\":0.1234567890123456789,\"b\":1.50,\"c\":1e-30,\"d\":12345678901234567890123}"));

    JsonNode json = get("/v1/x").json();

    assertThat(json.get("a").decimalValue()).isEqualTo(new BigDecimal("0.1234567890123456789"));
    assertThat(json.get("a").decimalValue().toPlainString()).isEqualTo("0.1234567890123456789");
    assertThat(json.get("b").decimalValue().toPlainString()).isEqualTo("1.50");
    assertThat(json.get("c").decimalValue()).isEqualByComparingTo("1E-30");
    assertThat(json.get("d").bigIntegerValue()).hasToString("12345678901234567890123");
  }

  @Test
  void retries429AfterRetryAfterSeconds() throws Exception {
    server.replies(
        Reply.of(429, "{}").withHeader("Retry-After", "3"), Reply.of(200, "{\"ok\":true}"));

    ApiResponse response = get("/v1/x");

    assertThat(response.json().get("ok").asBoolean()).isTrue();
    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    assertThat(server.count()).isEqualTo(2);
    assertThat(archived).extracting(ArchivedResponse::status).containsExactly(200);
  }

  @Test
  void retries429AfterRetryAfterDate() throws Exception {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(7).atZone(ZoneOffset.UTC));
    server.replies(Reply.of(429, "{}").withHeader("Retry-After", date), Reply.of(200, "{}"));

    get("/v1/x");

    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(server.count()).isEqualTo(2);
  }

  @Test
  void failsRateLimitedWhenRetryAfterExceedsTheBound() {
    server.replies(Reply.of(429, "{\"error\":\"slow down\"}").withHeader("Retry-After", "300"));

    ProviderException e = failure("/v1/x");

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e).hasMessage("rate limited, retry after 300 s");
    assertThat(server.count()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
    assertThat(archived).extracting(ArchivedResponse::status).containsExactly(429);
  }

  @Test
  void boundsTheTotalRetryAfterWait() {
    server.replies(Reply.of(429, "{}").withHeader("Retry-After", "100"));

    ProviderException e = failure("/v1/x");

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e).hasMessage("rate limited, retry after 100 s");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(100));
    assertThat(server.count()).isEqualTo(2);
  }

  @Test
  void stopsRetrying429AfterMaxAttempts() {
    server.replies(Reply.of(429, "{}"));

    ProviderException e = failure("/v1/x");

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e).hasMessage("rate limited after 4 attempts");
    assertThat(server.count()).isEqualTo(4);
  }

  @Test
  void retries503WithBackoff() throws Exception {
    server.replies(Reply.of(503, "text/plain", "busy"), Reply.of(200, "{}"));

    assertThat(get("/v1/x").status()).isEqualTo(200);
    assertThat(sleeps).containsExactly(Duration.ofMillis(250));
    assertThat(server.count()).isEqualTo(2);
    assertThat(logs)
        .anyMatch(
            l -> l.endsWith("HTTP 503 Service Unavailable, retrying in 250 ms (attempt 2 of 4)"));
  }

  @ParameterizedTest
  @CsvSource({
    "500, Internal Server Error",
    "502, Bad Gateway",
    "503, Service Unavailable",
    "504, Gateway Timeout"
  })
  void failsUnavailableAfterMaxAttempts(int status, String reason) {
    server.replies(Reply.of(status, "text/plain", "boom\nsecond line"));

    ProviderException e = failure("/v1/x");

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e)
        .hasMessage(
            "HTTP "
                + status
                + " "
                + reason
                + " from "
                + server.hostPort()
                + "/v1/x after 4 attempts: boom");
    assertThat(server.count()).isEqualTo(4);
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(archived).extracting(ArchivedResponse::status).containsExactly(status);
  }

  @Test
  void jitterSpreadsBackoffWithinTheUpperHalf() {
    RandomGenerator high = () -> -1L; // nextDouble() just below 1
    assertThat(Backoff.after(1, high)).isBetween(Duration.ofMillis(490), Duration.ofMillis(500));
    assertThat(Backoff.after(3, random)).isEqualTo(Duration.ofSeconds(1));
    assertThat(Backoff.after(30, random)).isEqualTo(Duration.ofSeconds(15));
  }

  @ParameterizedTest
  @CsvSource({
    "400, OTHER, Bad Request",
    "401, AUTH, Unauthorized",
    "403, AUTH, Forbidden",
    "404, OTHER, Not Found",
    "422, OTHER, Unprocessable Content",
    "501, UNAVAILABLE, Not Implemented"
  })
  void doesNotRetryClientErrors(int status, Kind kind, String reason) {
    server.replies(Reply.of(status, "{\"error\":\"nope\"}"));

    ProviderException e = failure("/v1/x");

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e)
        .hasMessage(
            "HTTP "
                + status
                + " "
                + reason
                + " from "
                + server.hostPort()
                + "/v1/x: {\"error\":\"nope\"}");
    assertThat(server.count()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
    assertThat(archived).extracting(ArchivedResponse::status).containsExactly(status);
  }

  @Test
  void returnsAllowedStatusesToTheCaller() throws Exception {
    server.replies(Reply.of(404, "{\"error\":\"no invoice yet\"}"));

    ApiResponse response =
        engine().send("acme", ApiRequest.get(server.uri("/v1/invoice")).allowStatus(404).build());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.isSuccess()).isFalse();
    assertThat(response.json().get("error").asText()).isEqualTo("no invoice yet");
    assertThat(archived).hasSize(1);
  }

  private ApiRequest throttledPost() {
    return ApiRequest.post(server.uri("/"))
        .jsonBody("{}")
        .allowStatus(400)
        .rateLimitedWhen(r -> r.text().contains("Throttling"))
        .build();
  }

  @Test
  void retriesAnAnswerTheRequestCallsRateLimitedWithBackoff() throws Exception {
    server.replies(
        Reply.of(400, "{\"__type\":\"Throttling\"}"), Reply.of(200, "{\"ok\":true}"));

    ApiResponse response = engine().send("acme", throttledPost());

    assertThat(response.status()).isEqualTo(200);
    assertThat(sleeps).containsExactly(Duration.ofMillis(250));
    assertThat(archived).extracting(ArchivedResponse::status).containsExactly(200);
    assertThat(logs).anyMatch(l -> l.contains("rate limited (HTTP 400 Bad Request), retrying in 250 ms"));
  }

  @Test
  void failsRateLimitedWhenTheThrottlingAnswerPersists() {
    server.replies(Reply.of(400, "{\"__type\":\"Throttling\"}"));

    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> engine().send("acme", throttledPost()));

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e)
        .hasMessage(
            "rate limited after 4 attempts: HTTP 400 Bad Request from "
                + server.hostPort()
                + "/: {\"__type\":\"Throttling\"}");
    assertThat(server.count()).isEqualTo(4);
    assertThat(sleeps).hasSize(3);
    assertThat(archived).hasSize(1);
  }

  @Test
  void otherAnswersOfTheSameStatusAreNotRetried() throws Exception {
    server.replies(Reply.of(400, "{\"__type\":\"ValidationException\"}"));

    ApiResponse response = engine().send("acme", throttledPost());

    assertThat(response.status()).isEqualTo(400);
    assertThat(server.count()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void letsTheProviderMapAStatus() {
    server.replies(Reply.of(503, "{\"error\":\"not entitled\"}"));

    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () ->
                engine()
                    .send(
                        "acme",
                        ApiRequest.get(server.uri("/v1/usage"))
                            .mapStatus(503, Kind.CONDITION)
                            .build()));

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e)
        .hasMessage(
            "HTTP 503 Service Unavailable from "
                + server.hostPort()
                + "/v1/usage: {\"error\":\"not entitled\"}");
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void htmlInsteadOfJsonIsBadResponse() throws Exception {
    server.replies(
        Reply.of(200, "text/html", "\n<!DOCTYPE html>\n<html><title>Login</title></html>"));
    ApiResponse response = get("/v1/x");

    assertThatThrownBy(response::json)
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessage(
            "HTTP 200 OK from "
                + server.hostPort()
                + "/v1/x is not JSON (malformed at line 2, column 1): <!DOCTYPE html>");
  }

  @Test
  void truncatedJsonIsBadResponse() throws Exception {
    server.replies(Reply.of(200, "{\"data\":[{\"amount\":\"1.2\"},"));
    ApiResponse response = get("/v1/x");

    assertThatThrownBy(response::json)
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessageStartingWith(
            "HTTP 200 OK from " + server.hostPort() + "/v1/x is not JSON (truncated at line 1")
        .hasMessageEndingWith(": {\"data\":[{\"amount\":\"1.2\"},");
  }

  @Test
  void emptyBodyWhereJsonExpectedIsBadResponse() throws Exception {
    server.replies(new Reply(200, java.util.Map.of(), new byte[0]));
    ApiResponse response = get("/v1/x");

    assertThatThrownBy(response::json)
        .hasMessage(
            "HTTP 200 OK from " + server.hostPort() + "/v1/x has an empty body, expected JSON");
  }

  @Test
  void trailingGarbageIsBadResponse() throws Exception {
    server.replies(Reply.of(200, "{} <html>"));
    ApiResponse response = get("/v1/x");

    assertThatThrownBy(response::json).hasMessageContaining("is not JSON (malformed");
  }

  @Test
  void quotesOnlyTheStartOfALongFirstLine() {
    server.replies(Reply.of(400, "x".repeat(500)));

    ProviderException e = failure("/v1/x");

    assertThat(e.getMessage()).endsWith(": " + "x".repeat(117) + "...");
  }

  @Test
  void rejectsBodiesOverTheBound() {
    settings =
        new HttpSettings(
            Duration.ofSeconds(2), Duration.ofSeconds(3), 4, Duration.ofSeconds(120), 1000);
    server.replies(Reply.of(200, "{\"pad\":\"" + "x".repeat(5000) + "\"}"));

    ProviderException e = failure("/v1/x");

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e).hasMessage("response larger than 1000 bytes from " + server.hostPort() + "/v1/x");
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void rejectsGzipBombs() {
    settings =
        new HttpSettings(
            Duration.ofSeconds(2), Duration.ofSeconds(3), 4, Duration.ofSeconds(120), 10_000);
    server.replies(Reply.of(200, " ".repeat(1_000_000)).gzipped());

    ProviderException e = failure("/v1/x");

    assertThat(e)
        .hasMessage("response larger than 10000 bytes from " + server.hostPort() + "/v1/x");
  }

  @Test
  void corruptGzipIsBadResponse() {
    server.replies(Reply.of(200, "{}").withHeader("Content-Encoding", "gzip"));

    ProviderException e = failure("/v1/x");

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e).hasMessage("corrupt gzip body from " + server.hostPort() + "/v1/x");
  }

  @Test
  void neverLeaksASecretTheServerEchoes() {
    server.handler(
        request ->
            Reply.of(
                401,
                "text/plain",
                "invalid credentials: "
                    + request.header("Authorization")
                    + " ("
                    + request.header("X-Key")
                    + ", encoded "
                    + java.net.URLEncoder.encode(request.header("X-Key"), StandardCharsets.UTF_8)
                    + ")"));
    Secret other = new Secret("file:/etc/costmon/key", "k3y/with+chars");
    ApiRequest request =
        ApiRequest.get(server.uri("/v1/x"))
            .query("api_key", "abc")
            .query("access_token", "def")
            .query("page", 2)
            .bearer(TOKEN)
            .secretHeader("X-Key", other)
            .build();

    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> engine().send("acme", request));

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e)
        .hasMessage(
            "HTTP 401 Unauthorized from "
                + server.hostPort()
                + "/v1/x: invalid credentials: Bearer *** (***, encoded ***)");
    ArchivedResponse a = archived.get(0);
    assertThat(a.url())
        .isEqualTo("http://" + server.hostPort() + "/v1/x?api_key=***&access_token=***&page=2");
    assertThat(a.bodyText()).isEqualTo("invalid credentials: Bearer *** (***, encoded ***)");
    assertThat(String.join("\n", logs))
        .doesNotContain("abc", "def", "Sup3rS3cret", "k3y")
        .contains("api_key=***");
    assertThat(request.toString())
        .doesNotContain("Sup3rS3cret", "k3y", "abc")
        .contains("${VERCEL_TOKEN}", "file:/etc/costmon/key");
  }

  @Test
  void redactsTheArchiveButGivesTheProviderTheRealBody() throws Exception {
    server.handler(
        request -> Reply.of(200, "{\"echo\":\"" + request.header("Authorization") + "\"}"));

    ApiResponse response = get("/v1/x");

    assertThat(response.json().get("echo").asText()).isEqualTo("Bearer sk-live-Sup3rS3cret");
    assertThat(archived.get(0).bodyText()).isEqualTo("{\"echo\":\"Bearer ***\"}");
    assertThat(response.toString()).doesNotContain("Sup3rS3cret");
  }

  @Test
  void keepsCredentialResponsesOutOfTheArchive() throws Exception {
    server.replies(Reply.of(200, "{\"access_token\":\"ya29.x\"}"));

    engine()
        .send(
            "acme",
            ApiRequest.post(server.uri("/token"))
                .body(
                    "application/x-www-form-urlencoded",
                    "grant_type=x".getBytes(StandardCharsets.UTF_8))
                .notArchived()
                .build());

    assertThat(archived).isEmpty();
  }

  @Test
  void postsJsonWithEncodedRepeatedQueryParameters() throws Exception {
    server.replies(Reply.of(200, "{\"rows\":[]}"));

    engine()
        .send(
            "acme",
            ApiRequest.post(server.uri("/v1/"))
                .path("/projects/p1/queries")
                .query("group_by[]", List.of("workspace_id", "description"))
                .query("starting_at", "2026-11-01T00:00:00Z")
                .query("q", "a b&c")
                .jsonBody("{\"query\":\"SELECT 1\"}")
                .build());

    TestServer.Received request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri().getRawPath()).isEqualTo("/v1/projects/p1/queries");
    assertThat(request.uri().getRawQuery())
        .isEqualTo(
            "group_by%5B%5D=workspace_id&group_by%5B%5D=description&starting_at=2026-11-01T00%3A00%3A00Z&q=a%20b%26c");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(new String(request.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"query\":\"SELECT 1\"}");
  }

  @Test
  void readsJsonLinesExactly() throws Exception {
    server.replies(
        Reply.of(
            200,
            "application/jsonl",
            "{\"BilledCost\":0.1234567890123456789}\r\n\n{\"BilledCost\":2.50}\n"));

    List<JsonNode> lines = get("/v1/focus").jsonLines();

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("BilledCost").decimalValue())
        .isEqualTo(new BigDecimal("0.1234567890123456789"));
    assertThat(lines.get(1).get("BilledCost").decimalValue().toPlainString()).isEqualTo("2.50");
  }

  @Test
  void namesTheMalformedJsonLine() throws Exception {
    server.replies(Reply.of(200, "application/jsonl", "{\"a\":1}\n\n{\"a\":2} {\"a\":3}\n{\"a\":"));
    ApiResponse response = get("/v1/focus");

    assertThatThrownBy(response::jsonLines)
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessage(
            "line 3 of HTTP 200 OK from "
                + server.hostPort()
                + "/v1/focus is not JSON (malformed at line 1, column 9): {\"a\":2} {\"a\":3}");
  }

  @Test
  void timesOutWithoutRetrying() throws Exception {
    settings =
        new HttpSettings(
            Duration.ofSeconds(2), Duration.ofMillis(300), 4, Duration.ofSeconds(120), 1_000_000);
    try (RawServer raw =
        new RawServer(
            socket -> {
              socket.getInputStream().read(new byte[4096]);
              Thread.sleep(2000);
            })) {
      ProviderException e =
          catchThrowableOfType(
              ProviderException.class,
              () -> engine().send("acme", ApiRequest.get(raw.uri("/v1/slow")).build()));

      assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(e).hasMessage("timed out after 300 ms waiting for " + raw.hostPort() + "/v1/slow (attempt 1; not"
          + " retried: the server may still be working on it)");
      assertThat(raw.accepted.get()).isEqualTo(1);
      assertThat(sleeps).isEmpty();
    }
  }

  @Test
  void timesOutOnASlowBodyToo() throws Exception {
    settings =
        new HttpSettings(
            Duration.ofSeconds(2), Duration.ofMillis(300), 4, Duration.ofSeconds(120), 1_000_000);
    try (RawServer raw =
        new RawServer(
            socket -> {
              socket.getInputStream().read(new byte[4096]);
              OutputStream out = socket.getOutputStream();
              out.write(
                  "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"
                      .getBytes(StandardCharsets.US_ASCII));
              out.flush();
              Thread.sleep(2000);
            })) {
      ProviderException e =
          catchThrowableOfType(
              ProviderException.class,
              () -> engine().send("acme", ApiRequest.get(raw.uri("/v1/drip")).build()));

      assertThat(e).hasMessage("timed out after 300 ms waiting for " + raw.hostPort() + "/v1/drip (attempt 1; not"
          + " retried: the server may still be working on it)");
    }
  }

  @Test
  void retriesAConnectionTheServerCloses() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (RawServer raw =
        new RawServer(
            socket -> {
              if (connections.incrementAndGet() <= 2) {
                return; // accept and close without answering
              }
              socket.getInputStream().read(new byte[4096]);
              socket
                  .getOutputStream()
                  .write(
                      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                          .getBytes(StandardCharsets.US_ASCII));
            })) {
      ApiResponse response = engine().send("acme", ApiRequest.get(raw.uri("/v1/x")).build());

      assertThat(response.status()).isEqualTo(200);
      // The JDK itself retries a GET once when the connection closes before any byte: two
      // connections, one engine attempt; the engine's own retry brings the third.
      assertThat(sleeps).containsExactly(Duration.ofMillis(250));
      assertThat(connections.get()).isEqualTo(3);
      assertThat(logs.get(0)).startsWith("GET " + raw.uri("/v1/x") + " -> failed: the server closed the connection"
          + " without answering after ");
    }
  }

  @Test
  void failsUnavailableWhenConnectionsKeepClosing() throws Exception {
    try (RawServer raw = new RawServer(socket -> {})) {
      ProviderException e =
          catchThrowableOfType(
              ProviderException.class,
              () -> engine().send("acme", ApiRequest.get(raw.uri("/v1/x")).bearer(TOKEN).build()));

      assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(e.getMessage())
          .isEqualTo("connection to " + raw.hostPort() + "/v1/x failed after 4 attempts: the server closed the"
              + " connection without answering");
      assertThat(sleeps).hasSize(3);
      assertThat(raw.accepted.get()).as("4 attempts, each retried once by the JDK").isIn(4, 8);
      assertThat(archived).isEmpty();
    }
  }

  @Test
  void retriesABodyCutShortExactlyMaxAttemptsTimes() throws Exception {
    try (RawServer raw =
        new RawServer(
            socket -> {
              socket.getInputStream().read(new byte[4096]);
              socket
                  .getOutputStream()
                  .write(
                      "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"
                          .getBytes(StandardCharsets.US_ASCII));
            })) {
      ProviderException e =
          catchThrowableOfType(
              ProviderException.class,
              () -> engine().send("acme", ApiRequest.get(raw.uri("/v1/x")).build()));

      assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(e)
          .hasMessage(
              "connection to "
                  + raw.hostPort()
                  + "/v1/x failed after 4 attempts: the answer was cut short (1 of 100 bytes received)");
      assertThat(raw.accepted.get()).isEqualTo(4);
      assertThat(sleeps)
          .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));
    }
  }

  @Test
  void failsUnavailableWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () ->
                engine()
                    .send("acme", ApiRequest.get("http://127.0.0.1:" + port + "/v1/x").build()));

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage())
        .isEqualTo("connection to 127.0.0.1:" + port + "/v1/x failed after 4 attempts: connection refused");
  }

  /** A raw socket server for what HttpServer cannot do: hang up, stall, drip. */
  private static final class RawServer implements AutoCloseable {
    interface Behaviour {
      void serve(Socket socket) throws Exception;
    }

    final AtomicInteger accepted = new AtomicInteger();
    private final ServerSocket socket;
    private final Thread thread;

    RawServer(Behaviour behaviour) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket client = socket.accept()) {
                    accepted.incrementAndGet();
                    behaviour.serve(client);
                  } catch (InterruptedException e) {
                    return;
                  } catch (Exception e) {
                    // the client went away or the server was closed: next connection
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    URI uri(String path) {
      return URI.create("http://" + hostPort() + path);
    }

    String hostPort() {
      return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      thread.interrupt();
    }
  }
}
