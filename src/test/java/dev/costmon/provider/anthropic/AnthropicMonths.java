package dev.costmon.provider.anthropic;

import static dev.costmon.provider.ProviderFixture.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Anthropic's Admin API reports for any range, in the documented shape: one daily bucket per day
 * (empty days included), {@code has_more}/{@code next_page} paging at most {@link #PAGE} buckets a
 * page, a 400 for more than 31 days or a {@code limit} over 31, and one 429 with Retry-After on the
 * request numbered {@code throttleAt}. The cost of day N of the year is N x 10 cents in the default
 * workspace; usage buckets are empty.
 */
public final class AnthropicMonths implements HttpHandler {
  public static final int PAGE = 7;

  public final AtomicInteger calls = new AtomicInteger();
  /** How long each answer takes, for a backfill that lasts. */
  public volatile long delayMillis;
  private final boolean costs;
  private final int throttleAt;

  public AnthropicMonths(boolean costs, int throttleAt) {
    this.costs = costs;
    this.throttleAt = throttleAt;
  }

  /** What the report says day {@code day} cost, in USD. */
  public static BigDecimal usd(LocalDate day) {
    return BigDecimal.valueOf(day.getDayOfYear()).movePointLeft(1);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (calls.incrementAndGet() == throttleAt) {
      exchange.getResponseHeaders().set("Retry-After", "1");
      send(exchange, 429, "application/json",
          "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limited\"}}");
      return;
    }
    Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
    LocalDate start = LocalDate.parse(q.get("starting_at").substring(0, 10));
    LocalDate end = LocalDate.parse(q.get("ending_at").substring(0, 10));
    if (Integer.parseInt(q.get("limit")) > 31 || start.plusDays(31).isBefore(end)) {
      send(exchange, 400, "application/json",
          "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"range too long\"}}");
      return;
    }
    LocalDate from = q.containsKey("page") ? LocalDate.parse(q.get("page")) : start;
    LocalDate to = from.plusDays(PAGE).isBefore(end) ? from.plusDays(PAGE) : end;
    StringBuilder data = new StringBuilder();
    for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
      String results = costs
          ? "[{\"currency\": \"USD\", \"amount\": \"" + d.getDayOfYear() * 10 + "\", \"workspace_id\": null,"
              + " \"description\": \"Claude Sonnet 4 Usage - Input Tokens\", \"cost_type\": \"tokens\"}]"
          : "[]";
      data.append(data.length() == 0 ? "" : ",").append("{\"starting_at\": \"").append(d)
          .append("T00:00:00Z\", \"ending_at\": \"").append(d.plusDays(1)).append("T00:00:00Z\", \"results\": ")
          .append(results).append('}');
    }
    boolean more = to.isBefore(end);
    send(exchange, 200, "application/json", "{\"data\": [" + data + "], \"has_more\": " + more
        + ", \"next_page\": " + (more ? "\"" + to + "\"" : "null") + "}");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
