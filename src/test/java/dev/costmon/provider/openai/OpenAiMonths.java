package dev.costmon.provider.openai;

import static dev.costmon.provider.ProviderFixture.send;

import com.sun.net.httpserver.HttpExchange;
import dev.costmon.provider.ProviderMonths;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * OpenAI's organization costs and usage for any range, in the documented shape: daily buckets from
 * {@code start_time} to {@code end_time} (UTC epoch seconds), at most {@link #PAGE} a page with
 * {@code has_more}/{@code next_page}, a 400 for a {@code limit} over 31, and one 429 with
 * Retry-After on the request numbered {@code throttleAt}. Day D of a month costs D x 0.25 USD in
 * project proj_abc; usage buckets are empty.
 */
public final class OpenAiMonths extends ProviderMonths {
  public static final int PAGE = 10;

  private final boolean costs;

  public OpenAiMonths(boolean costs, int throttleAt) {
    super(throttleAt);
    this.costs = costs;
  }

  public static BigDecimal usd(LocalDate day) {
    return new BigDecimal("0.25").multiply(BigDecimal.valueOf(day.getDayOfMonth()));
  }

  @Override
  protected String throttled() {
    return "{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\","
        + " \"code\": \"rate_limit_exceeded\"}}";
  }

  @Override
  protected void answer(HttpExchange exchange) throws IOException {
    Map<String, String> q = query(exchange);
    if (Integer.parseInt(q.get("limit")) > 31) {
      send(exchange, 400, "application/json", "{\"error\": {\"message\": \"limit must be at most 31\"}}");
      return;
    }
    LocalDate start = day(Long.parseLong(q.get("start_time")));
    LocalDate end = day(Long.parseLong(q.get("end_time")));
    LocalDate from = q.containsKey("page") ? LocalDate.parse(q.get("page")) : start;
    asked(from + ".." + end);
    LocalDate to = from.plusDays(PAGE).isBefore(end) ? from.plusDays(PAGE) : end;
    StringBuilder data = new StringBuilder();
    for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
      String results = costs ? "[{\"object\": \"organization.costs.result\", \"amount\": {\"value\": " + usd(d)
          + ", \"currency\": \"usd\"}, \"line_item\": \"gpt-4o, input\", \"project_id\": \"proj_abc\"}]" : "[]";
      data.append(data.length() == 0 ? "" : ",").append("{\"object\": \"bucket\", \"start_time\": ")
          .append(d.atStartOfDay(ZoneOffset.UTC).toEpochSecond()).append(", \"end_time\": ")
          .append(d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond()).append(", \"results\": ")
          .append(results).append('}');
    }
    boolean more = to.isBefore(end);
    send(exchange, 200, "application/json", "{\"object\": \"page\", \"data\": [" + data + "], \"has_more\": "
        + more + ", \"next_page\": " + (more ? "\"" + to + "\"" : "null") + "}");
  }

  private static LocalDate day(long epochSecond) {
    return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }
}
