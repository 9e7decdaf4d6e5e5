package dev.costmon.provider.cloudflare;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.costmon.provider.ProviderMonths;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * Cloudflare's billable usage over a span of days, in the documented v1 shape and with its
 * anchor-day rule ({@link CloudflareServer#anchoredUsage()}): one Workers record per UTC day, day D
 * of a month costing D x 0.10 USD.
 */
final class CloudflareMonths extends ProviderMonths {
  private final HttpHandler anchored;

  CloudflareMonths(CloudflareServer server, LocalDate from, LocalDate until, int throttleAt) {
    super(throttleAt);
    ArrayNode records = JsonNodeFactory.instance.arrayNode();
    for (LocalDate d : days(from, until)) {
      records.addObject().put("BilledCost", usd(d)).put("BillingCurrency", "USD")
          .put("ChargePeriodStart", d + "T00:00:00Z").put("ChargePeriodEnd", d.plusDays(1) + "T00:00:00Z")
          .put("ServiceName", "Workers Standard").put("ConsumedQuantity", 1_000_000).put("ConsumedUnit", "");
    }
    server.records = records;
    this.anchored = server.anchoredUsage();
  }

  static BigDecimal usd(LocalDate day) {
    return new BigDecimal("0.10").multiply(BigDecimal.valueOf(day.getDayOfMonth()));
  }

  @Override
  protected String throttled() {
    return "{\"success\": false, \"errors\": [{\"code\": 971, \"message\": \"Please wait and consider throttling"
        + " your request speed\"}], \"messages\": [], \"result\": null}";
  }

  @Override
  protected void answer(HttpExchange exchange) throws IOException {
    Map<String, String> q = query(exchange);
    asked(q.get("from") + ".." + q.get("to"));
    anchored.handle(exchange);
  }
}
