package dev.costmon.provider.aws;

import static dev.costmon.provider.ProviderFixture.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.costmon.provider.ProviderMonths;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Cost Explorer's GetCostAndUsage for any range, in the documented shape: DAILY results grouped by
 * SERVICE, {@code End} exclusive, at most {@link #PAGE} days a page with {@code NextPageToken} (each
 * page a billed request). Day D of a month costs D x 1.25 USD on EC2 and 0.01 USD on S3. A
 * throttled request gets Cost Explorer's own 400 {@code LimitExceededException}, not a 429.
 */
public final class AwsMonths extends ProviderMonths {
  public static final int PAGE = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  public AwsMonths(int throttleAt) {
    super(throttleAt);
  }

  public static BigDecimal usd(LocalDate day) {
    return new BigDecimal("1.25").multiply(BigDecimal.valueOf(day.getDayOfMonth())).add(new BigDecimal("0.01"));
  }

  @Override
  protected void answer(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (!"AWSInsightsIndexService.GetCostAndUsage".equals(target)
        || !exchange.getRequestHeaders().getFirst("Authorization").startsWith("AWS4-HMAC-SHA256 ")) {
      send(exchange, 400, FakeCostExplorer.JSON_11, "{\"__type\": \"UnknownOperationException\"}");
      return;
    }
    LocalDate start = LocalDate.parse(body.path("TimePeriod").path("Start").asText());
    LocalDate end = LocalDate.parse(body.path("TimePeriod").path("End").asText());
    String token = body.path("NextPageToken").asText("");
    LocalDate from = token.isEmpty() ? start : LocalDate.parse(token.substring("page-from-".length()));
    asked(from + ".." + end);
    LocalDate to = from.plusDays(PAGE).isBefore(end) ? from.plusDays(PAGE) : end;
    ObjectNode answer = JSON.createObjectNode();
    answer.putArray("GroupDefinitions").addObject().put("Type", "DIMENSION").put("Key", "SERVICE");
    ArrayNode results = answer.putArray("ResultsByTime");
    for (LocalDate d : days(from, to)) {
      ObjectNode result = results.addObject();
      result.putObject("TimePeriod").put("Start", d.toString()).put("End", d.plusDays(1).toString());
      result.putObject("Total");
      ArrayNode groups = result.putArray("Groups");
      group(groups, "Amazon Elastic Compute Cloud - Compute", usd(d).subtract(new BigDecimal("0.01")));
      group(groups, "Amazon Simple Storage Service", new BigDecimal("0.01"));
      result.put("Estimated", false);
    }
    answer.putArray("DimensionValueAttributes");
    if (to.isBefore(end)) {
      answer.put("NextPageToken", "page-from-" + to);
    }
    send(exchange, 200, FakeCostExplorer.JSON_11, answer.toString());
  }

  @Override
  protected int throttledStatus() {
    return 400;
  }

  @Override
  protected String throttled() {
    return "{\"__type\": \"com.amazonaws.ce#LimitExceededException\", \"message\": \"Rate exceeded\"}";
  }

  private static void group(ArrayNode groups, String service, BigDecimal amount) {
    ObjectNode g = groups.addObject();
    g.putArray("Keys").add(service);
    g.putObject("Metrics").putObject("UnblendedCost").put("Amount", amount.toPlainString()).put("Unit", "USD");
  }
}
