package dev.costmon.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.costmon.collect.AccountContext;
import dev.costmon.config.Account;
import dev.costmon.config.ConfigLoader;
import dev.costmon.config.Environment;
import dev.costmon.http.ArchivedResponse;
import dev.costmon.http.HttpEngine;
import dev.costmon.http.HttpSettings;
import dev.costmon.model.Observation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provider under test against a real HTTP server on loopback: the account is bound from YAML by
 * the real config loader with {@code endpoint:} pointing at the server, and requests go through the
 * real {@link HttpEngine} (retries included; sleeping is recorded, not done).
 */
public final class ProviderFixture implements AutoCloseable {
  private final HttpServer server;
  /** Every request the server received: method, path and query. */
  public final List<String> requests = new CopyOnWriteArrayList<>();
  /** Every request's headers, in order, for checking auth headers. */
  public final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();
  /** What the engine archived. */
  public final List<ArchivedResponse> archived = new CopyOnWriteArrayList<>();
  /** The verbose log lines. */
  public final List<String> log = new CopyOnWriteArrayList<>();
  /** The waits the engine asked for. */
  public final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  public ProviderFixture() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.start();
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Serves {@code path} (and everything below it) with {@code handler}, recording each request. */
  public void route(String path, HttpHandler handler) {
    server.createContext(path, exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      requestHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
      handler.handle(exchange);
    });
  }

  /** A handler answering with a fixed status, content type and body. */
  public static HttpHandler respond(int status, String contentType, String body) {
    return exchange -> send(exchange, status, contentType, body);
  }

  public static HttpHandler json(String body) {
    return respond(200, "application/json", body);
  }

  /** Answers with each handler in turn, then repeats the last one. */
  public static HttpHandler sequence(HttpHandler... handlers) {
    List<HttpHandler> list = List.of(handlers);
    int[] next = {0};
    return exchange -> {
      HttpHandler h;
      synchronized (next) {
        h = list.get(Math.min(next[0]++, list.size() - 1));
      }
      h.handle(exchange);
    };
  }

  public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  /** A test resource as text, e.g. {@code provider/anthropic/cost_report_page1.json}. */
  public static String resource(String name) {
    try (InputStream in = ProviderFixture.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Binds one account from YAML with the real config loader; {@code accountYaml} holds the account's
   * keys without {@code id}/{@code endpoint}, indented by four spaces, and {@code env} its secrets.
   */
  public Account account(ProviderType<?> type, String accountYaml, Map<String, String> env) {
    String yaml = "currency: USD\nfx: {EUR: 1.1}\naccounts:\n  - id: test\n    provider: " + type.name()
        + "\n    endpoint: " + base() + "\n" + accountYaml;
    Environment environment = new Environment(env, Path.of("/tmp"), Path.of("/tmp"), false);
    return new ConfigLoader(new ProviderRegistry(List.of(type)), environment)
        .parse(Path.of("/tmp/test.yaml"), yaml).accounts().get(0);
  }

  /** A context with the real engine (default settings, recorded sleeps) for the account. */
  public AccountContext context(Account account, Clock clock) {
    HttpSettings settings = HttpSettings.defaults();
    HttpEngine engine = new HttpEngine(HttpEngine.newClient(settings), settings, clock, sleeps::add,
        new SplittableRandom(1), archived::add, log::add);
    return new AccountContext(clock, log::add, account, engine.forAccount(account.id()));
  }

  /** Collects the account for the window through the real engine. */
  public <S extends ProviderSettings> List<Observation> collect(
      ProviderType<S> type, Account account, CollectWindow window, Clock clock) throws ProviderException {
    return type.collect(account, type.settingsType().cast(account.settings()), window, context(account, clock));
  }

  /** Everything the test can see that a secret must never reach: errors, log, archive. */
  public String everythingVisible() {
    List<String> parts = new ArrayList<>(log);
    for (ArchivedResponse r : archived) {
      parts.add(r.url());
      parts.add(new String(r.body(), StandardCharsets.UTF_8));
    }
    return String.join("\n", parts);
  }

  @Override
  public void close() {
    server.stop(0);
  }

}
