package dev.costmon.provider.digitalocean;

import static dev.costmon.provider.ProviderFixture.send;

import com.sun.net.httpserver.HttpExchange;
import dev.costmon.provider.ProviderMonths;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Map;

/**
 * DigitalOcean's billing endpoints with years of invoices, in the documented shape: the balance,
 * the invoice list newest first with {@code page}/{@code per_page} and {@code links.pages.next}
 * written with DigitalOcean's public address (whatever host was asked), the preview of the current
 * month, and its items, and a closed invoice's items (none). The invoice of month M costs M x 10.01 USD; the first invoice is
 * {@link #FIRST}'s.
 */
public final class DigitalOceanMonths extends ProviderMonths {
  public static final YearMonth FIRST = YearMonth.of(2023, 10);
  private final YearMonth current;
  private final String now;

  /** @param now the balance's {@code generated_at}, which decides the current month */
  public DigitalOceanMonths(int throttleAt, String now) {
    super(throttleAt);
    this.now = now;
    this.current = YearMonth.parse(now.substring(0, 7));
  }

  public static BigDecimal usd(YearMonth month) {
    return new BigDecimal("10.01").multiply(BigDecimal.valueOf(month.getMonthValue()));
  }

  @Override
  protected void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Map<String, String> q = query(exchange);
    asked(path.substring(path.lastIndexOf('/') + 1) + (q.containsKey("page") ? " page " + q.get("page") : ""));
    switch (path) {
      case "/v2/customers/my/balance" -> send(exchange, 200, "application/json", "{\"month_to_date_balance\": \"3.00\","
          + " \"account_balance\": \"0.00\", \"month_to_date_usage\": \"3.00\", \"generated_at\": \"" + now + "\"}");
      case "/v2/customers/my/invoices" -> invoices(exchange, q);
      case "/v2/customers/my/invoices/preview" -> send(exchange, 200, "application/json",
          "{\"invoice_items\": [{\"product\": \"Droplets\", \"amount\": \"3.00\"}], \"links\": {}, \"meta\": {\"total\": 1}}");
      // A closed invoice's items: none itemized here, so the month stays its invoice total.
      default -> send(exchange, path.startsWith("/v2/customers/my/invoices/inv-") ? 200 : 404, "application/json",
          path.startsWith("/v2/customers/my/invoices/inv-") ? "{\"invoice_items\": [], \"links\": {}}"
              : "{\"id\": \"not_found\", \"message\": \"no such path\"}");
    }
  }

  private void invoices(HttpExchange exchange, Map<String, String> q) throws IOException {
    int perPage = Integer.parseInt(q.getOrDefault("per_page", "20"));
    int page = Integer.parseInt(q.getOrDefault("page", "1"));
    int total = (int) (FIRST.until(current, java.time.temporal.ChronoUnit.MONTHS));
    StringBuilder list = new StringBuilder();
    for (int i = (page - 1) * perPage; i < Math.min(total, page * perPage); i++) {
      YearMonth month = current.minusMonths(i + 1L);
      list.append(list.length() == 0 ? "" : ",").append("{\"invoice_uuid\": \"inv-").append(month)
          .append("\", \"invoice_id\": \"").append(i).append("\", \"amount\": \"").append(usd(month).toPlainString())
          .append("\", \"invoice_period\": \"").append(month).append("\"}");
    }
    boolean more = page * perPage < total;
    String next = more ? "\"https://api.digitalocean.com/v2/customers/my/invoices?page=" + (page + 1) + "&per_page="
        + perPage + "\"" : "null";
    send(exchange, 200, "application/json", "{\"invoices\": [" + list + "], \"invoice_preview\": {\"invoice_uuid\":"
        + " \"preview\", \"invoice_id\": \"\", \"amount\": \"3.00\", \"invoice_period\": \"" + current + "\","
        + " \"updated_at\": \"" + now + "\"}, \"links\": {\"pages\": {\"next\": " + next + "}}, \"meta\": {\"total\": "
        + total + "}}");
  }
}
