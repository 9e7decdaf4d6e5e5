package dev.costmon.provider.gcp;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BigQuery's jobs.query over a billing export that holds any past day, in the documented shape:
 * the job answers complete with at most {@link #PAGE} rows (one per Pacific day of {@code @from}..
 * {@code @to}) and a {@code pageToken}, the rest through jobs.getQueryResults, every cell a string.
 * Day D of a month costs D x 2.5 USD of Compute Engine less 0.5 USD of credits. The token endpoint
 * is {@link GcpServer}'s.
 */
public final class GcpMonths extends ProviderMonths {
  public static final int PAGE = 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Each job's last day asked for, by job id. */
  private final Map<String, LocalDate> jobs = new ConcurrentHashMap<>();

  public GcpMonths(int throttleAt) {
    super(throttleAt);
  }

  public static BigDecimal usd(LocalDate day) {
    return new BigDecimal("2.5").multiply(BigDecimal.valueOf(day.getDayOfMonth())).subtract(new BigDecimal("0.5"));
  }

  @Override
  protected void answer(HttpExchange exchange) throws IOException {
    if (exchange.getRequestMethod().equals("POST")) {
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      LocalDate from = null;
      LocalDate to = null;
      for (JsonNode p : body.path("queryParameters")) {
        String value = p.path("parameterValue").path("value").asText("");
        switch (p.path("name").asText()) {
          case "from" -> from = LocalDate.parse(value);
          case "to" -> to = LocalDate.parse(value);
          default -> { }
        }
      }
      String job = "job_" + from + "_" + to;
      jobs.put(job, to);
      asked("query " + from + ".." + to);
      page(exchange, job, from, to);
    } else {
      String job = exchange.getRequestURI().getPath().substring(exchange.getRequestURI().getPath().lastIndexOf('/') + 1);
      LocalDate from = LocalDate.parse(query(exchange).get("pageToken"));
      asked("results from " + from);
      page(exchange, job, from, jobs.get(job));
    }
  }

  private static void page(HttpExchange exchange, String job, LocalDate from, LocalDate to) throws IOException {
    ObjectNode answer = JSON.createObjectNode().put("kind", "bigquery#queryResponse");
    ArrayNode fields = answer.putObject("schema").putArray("fields");
    for (String name : BillingExport.COLUMNS) {
      fields.addObject().put("name", name).put("type", "STRING").put("mode", "NULLABLE");
    }
    answer.putObject("jobReference").put("projectId", GcpServer.PROJECT).put("jobId", job).put("location", "US");
    LocalDate until = from.plusDays(PAGE).isAfter(to) ? to.plusDays(1) : from.plusDays(PAGE);
    ArrayNode rows = answer.putArray("rows");
    for (LocalDate d : days(from, until)) {
      ArrayNode f = rows.addObject().putArray("f");
      for (String v : new String[] {d.toString(), "Compute Engine", "", "USD",
          usd(d).add(new BigDecimal("0.5")).toPlainString(), "-0.500000000", d.plusDays(1) + "T04:10:00Z"}) {
        f.addObject().put("v", v);
      }
    }
    if (!until.isAfter(to)) {
      answer.put("pageToken", until.toString());
    }
    answer.put("totalRows", String.valueOf(java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1))
        .put("jobComplete", true);
    send(exchange, 200, "application/json", answer.toString());
  }
}
