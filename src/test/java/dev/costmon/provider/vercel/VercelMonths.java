package dev.costmon.provider.vercel;

import static dev.costmon.provider.ProviderFixture.send;

import com.sun.net.httpserver.HttpExchange;
import dev.costmon.provider.ProviderMonths;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * Vercel's FOCUS charges for any range, in the documented shape: {@code from} inclusive and
 * {@code to} exclusive as UTC instants, one JSON line per charge (no envelope, no paging), billing
 * days that run midnight to midnight in Los Angeles, a 400 for more than a year. Billing day D of
 * a month costs D x 0.50 USD of function execution.
 */
public final class VercelMonths extends ProviderMonths {
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

  public VercelMonths(int throttleAt) {
    super(throttleAt);
  }

  public static BigDecimal usd(LocalDate billingDay) {
    return new BigDecimal("0.50").multiply(BigDecimal.valueOf(billingDay.getDayOfMonth()));
  }

  @Override
  protected void answer(HttpExchange exchange) throws IOException {
    Map<String, String> q = query(exchange);
    LocalDate from = LocalDate.ofInstant(Instant.parse(q.get("from")), LA);
    LocalDate to = LocalDate.ofInstant(Instant.parse(q.get("to")), LA);
    asked(from + ".." + to);
    if (from.plusYears(1).isBefore(to)) {
      send(exchange, 400, "application/json", "{\"error\": {\"code\": \"bad_request\", \"message\": \"range too long\"}}");
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (LocalDate d : days(from, to)) {
      lines.append("{\"BilledCost\":").append(usd(d)).append(",\"BillingCurrency\":\"USD\",\"ChargeCategory\":\"Usage\","
          + "\"ChargePeriodStart\":\"").append(d.atStartOfDay(LA).toInstant()).append("\",\"ChargePeriodEnd\":\"")
          .append(d.plusDays(1).atStartOfDay(LA).toInstant()).append("\",\"ConsumedQuantity\":2,\"ConsumedUnit\":"
          + "\"Hours\",\"EffectiveCost\":").append(usd(d)).append(",\"PricingCategory\":\"Standard\",\"PricingCurrency\":"
          + "\"USD\",\"PricingQuantity\":2,\"PricingUnit\":\"MIUs\",\"ServiceName\":\"Serverless Function Execution\","
          + "\"ServiceCategory\":\"Compute\",\"ServiceProviderName\":\"Vercel\",\"Tags\":{\"ProjectId\":\"prj_7aYbK2\","
          + "\"ProjectName\":\"storefront\"}}\n");
    }
    send(exchange, 200, "application/jsonl", lines.toString());
  }
}
