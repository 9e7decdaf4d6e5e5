package dev.costmon.provider.anthropic;

import static dev.costmon.provider.ProviderFixture.send;

import com.sun.net.httpserver.HttpExchange;
import dev.costmon.provider.ProviderMonths;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * Anthropic's Admin API reports for any range, in the documented shape: one daily bucket per day
 * (empty days included), {@code has_more}/{@code next_page} paging at most {@link #PAGE} buckets a
 * page, a 400 for more than 31 days or a {@code limit} over 31, and one 429 with Retry-After on the
 * request numbered {@code throttleAt}. The cost of day N of the year is N x 10 cents in the default
 * workspace; usage buckets are empty.
 */
public final class AnthropicMonths extends ProviderMonths {
  public static final int PAGE = 7;

  private final boolean costs;

  public AnthropicMonths(boolean costs, int throttleAt) {
    super(throttleAt);
    this.costs = costs;
  }

  /** What the report says day {@code day} cost, in USD. */
  public static BigDecimal usd(LocalDate day) {
    return BigDecimal.valueOf(day.getDayOfYear()).movePointLeft(1);
  }

  @Override
  protected String throttled() {
    return "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limited\"}}";
  }

  @Override
  protected void answer(HttpExchange exchange) throws IOException {
    Map<String, String> q = query(exchange);
    LocalDate start = LocalDate.parse(q.get("starting_at").substring(0, 10));
    LocalDate end = LocalDate.parse(q.get("ending_at").substring(0, 10));
    if (Integer.parseInt(q.get("limit")) > 31 || start.plusDays(31).isBefore(end)) {
      send(exchange, 400, "application/json",
          "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"range too long\"}}");
      return;
    }
    LocalDate from = q.containsKey("page") ? LocalDate.parse(q.get("page")) : start;
    asked(from + ".." + end);
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
}
