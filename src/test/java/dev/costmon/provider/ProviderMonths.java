package dev.costmon.provider;

import static dev.costmon.provider.ProviderFixture.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider's months of history on loopback, for backfill tests: what every provider's server
 * shares (counting requests, answering slowly, one 429 with {@code Retry-After} on the request
 * numbered {@code throttleAt}, reading the query), around the provider's own documented answer
 * that a subclass writes in {@link #answer}.
 */
public abstract class ProviderMonths implements HttpHandler {
  /** Requests answered, the throttled one included. */
  public final AtomicInteger calls = new AtomicInteger();
  /** What each answered request asked for, in the provider's terms (a range, a page), in order. */
  public final List<String> asked = new CopyOnWriteArrayList<>();
  /** How long each answer takes, for a backfill that lasts (an interruption, a benchmark). */
  public volatile long delayMillis;
  private final int throttleAt;

  /** @param throttleAt the request answered 429 with Retry-After: 1 (counting from 1); 0 for none */
  protected ProviderMonths(int throttleAt) {
    this.throttleAt = throttleAt;
  }

  @Override
  public final void handle(HttpExchange exchange) throws IOException {
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (calls.incrementAndGet() == throttleAt) {
      exchange.getResponseHeaders().set("Retry-After", "1");
      send(exchange, throttledStatus(), "application/json", throttled());
      return;
    }
    answer(exchange);
  }

  /** The provider's documented answer to one request that was not throttled. */
  protected abstract void answer(HttpExchange exchange) throws IOException;

  /** The status a provider throttles with: 429 unless it has its own. */
  protected int throttledStatus() {
    return 429;
  }

  /** The provider's body of a throttled request. */
  protected String throttled() {
    return "{\"error\": {\"message\": \"rate limited\"}}";
  }

  /** Records what a request asked for, for {@link #asked}. */
  protected final void asked(String what) {
    asked.add(what);
  }

  /** The query parameters, decoded; the first of a repeated one. */
  public static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> out = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The request's body as text. */
  public static String body(HttpExchange exchange) throws IOException {
    return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** The days {@code from} up to, not including, {@code until}. */
  public static List<LocalDate> days(LocalDate from, LocalDate until) {
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d = from; d.isBefore(until); d = d.plusDays(1)) {
      out.add(d);
    }
    return out;
  }
}
