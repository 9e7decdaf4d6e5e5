package dev.costmon.provider.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costmon.config.Secret;
import dev.costmon.http.ApiRequest;
import dev.costmon.http.ApiResponse;
import dev.costmon.http.Pages;
import dev.costmon.http.Redactor;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one parameterised standard-SQL query through BigQuery's REST API: {@code jobs.query}, then
 * {@code jobs.getQueryResults} while the job runs and for every further page of rows, each bounded.
 * BigQuery's refusals are told apart: a missing table or role is a condition of the account, a
 * revoked token is AUTH.
 */
final class BigQueryApi {
  static final String DEFAULT_BASE = "https://bigquery.googleapis.com";
  /** How long BigQuery may hold one call open waiting for the job; below the engine's timeout. */
  static final int WAIT_MS = 20_000;
  /** A running job is asked again at most this often: 30 x 20 s is 10 minutes. */
  static final int MAX_POLLS = 30;
  /** Rows per page; a 90-day window of services and SKUs is a few thousand rows. */
  static final int ROWS_PER_PAGE = 5_000;
  static final int MAX_PAGES = 50;

  /** A query's column names and rows, every page joined. */
  record Result(String jobId, List<String> fields, List<List<String>> rows) {}

  /** One named query parameter as jobs.query takes it. */
  record Parameter(String name, ObjectNode json) {
    static Parameter date(String name, String isoDate) {
      return scalar(name, "DATE", isoDate);
    }

    static Parameter strings(String name, List<String> values) {
      ObjectNode p = JsonNodeFactory.instance.objectNode().put("name", name);
      p.putObject("parameterType").put("type", "ARRAY").putObject("arrayType").put("type", "STRING");
      ArrayNode array = p.putObject("parameterValue").putArray("arrayValues");
      values.forEach(v -> array.addObject().put("value", v));
      return new Parameter(name, p);
    }

    private static Parameter scalar(String name, String type, String value) {
      ObjectNode p = JsonNodeFactory.instance.objectNode().put("name", name);
      p.putObject("parameterType").put("type", type);
      p.putObject("parameterValue").put("value", value);
      return new Parameter(name, p);
    }
  }

  private final GcpSettings settings;
  private final Secret token;
  private final ProviderContext context;

  BigQueryApi(GcpSettings settings, Secret token, ProviderContext context) {
    this.settings = settings;
    this.token = token;
    this.context = context;
  }

  /**
   * Runs the query to its last row.
   *
   * @param requestId makes a retried jobs.query return the first job instead of starting another
   */
  Result query(String sql, List<Parameter> parameters, String requestId) throws ProviderException {
    ObjectNode body = body(sql, parameters);
    body.put("requestId", requestId);
    body.put("timeoutMs", WAIT_MS);
    body.put("maxResults", ROWS_PER_PAGE);
    QueryResponse first = QueryResponse.parse(send(queriesPath().jsonBody(body.toString())).json(), "jobs.query");
    for (int polls = 0; !first.jobComplete(); polls++) {
      if (polls >= MAX_POLLS) {
        throw new ProviderException(Kind.UNAVAILABLE, "BigQuery job " + first.jobId().orElseThrow()
            + " did not finish within " + MAX_POLLS + " polls of " + WAIT_MS / 1000 + " s");
      }
      first = results(first.jobId().orElseThrow(), first.location(), Optional.empty());
    }
    QueryResponse done = first;
    String jobId = done.jobId().orElse("");
    Pages.Fetcher<String, List<String>> pages = cursor -> {
      QueryResponse page = cursor == null ? done : results(jobId, done.location(), Optional.of(cursor));
      if (!page.fields().equals(done.fields())) {
        throw new ProviderException(Kind.BAD_RESPONSE, "the columns of BigQuery job " + jobId + " changed between pages");
      }
      return Pages.Page.of(page.rows(), page.pageToken().orElse(null));
    };
    List<List<String>> rows = Pages.collect(pages, MAX_PAGES);
    if (done.totalRows().isPresent() && done.totalRows().get() != rows.size()) {
      throw new ProviderException(Kind.BAD_RESPONSE, "BigQuery job " + jobId + " announced "
          + done.totalRows().get() + " rows but its pages held " + rows.size());
    }
    return new Result(jobId, done.fields(), rows);
  }

  /** Checks the query without running it (free): the bytes it would process. */
  long dryRun(String sql, List<Parameter> parameters) throws ProviderException {
    ObjectNode body = body(sql, parameters);
    body.put("dryRun", true);
    JsonNode answer = send(queriesPath().jsonBody(body.toString())).json();
    JsonNode bytes = answer.get("totalBytesProcessed");
    if (bytes == null || !bytes.isValueNode() || !bytes.asText().matches("[0-9]{1,18}")) {
      throw new ProviderException(Kind.BAD_RESPONSE, "response field totalBytesProcessed is missing in the dry run answer");
    }
    return Long.parseLong(bytes.asText());
  }

  private ObjectNode body(String sql, List<Parameter> parameters) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("query", sql);
    // jobs.query defaults to legacy SQL, which knows neither named parameters nor UNNEST.
    body.put("useLegacySql", false);
    body.put("parameterMode", "NAMED");
    ArrayNode params = body.putArray("queryParameters");
    parameters.forEach(p -> params.add(p.json()));
    // int64 travels as a string in Google's JSON.
    body.put("maximumBytesBilled", Long.toString(settings.maxBytes()));
    settings.optionalLocation().ifPresent(l -> body.put("location", l));
    return body;
  }

  private ApiRequest.Builder queriesPath() {
    return ApiRequest.post(context.baseUri(DEFAULT_BASE))
        .path("bigquery/v2/projects")
        .pathSegment(settings.jobProject())
        .path("queries");
  }

  private QueryResponse results(String jobId, Optional<String> location, Optional<String> pageToken)
      throws ProviderException {
    ApiRequest.Builder request = ApiRequest.get(context.baseUri(DEFAULT_BASE))
        .path("bigquery/v2/projects")
        .pathSegment(settings.jobProject())
        .path("queries")
        .pathSegment(jobId);
    location.or(settings::optionalLocation).ifPresent(l -> request.query("location", l));
    pageToken.ifPresent(t -> request.query("pageToken", t));
    request.query("maxResults", ROWS_PER_PAGE).query("timeoutMs", WAIT_MS);
    return QueryResponse.parse(send(request).json(), "jobs.getQueryResults");
  }

  private ApiResponse send(ApiRequest.Builder request) throws ProviderException {
    ApiResponse response = context.http().send(request.bearer(token).allowStatus(400, 403, 404).build());
    if (!response.isSuccess()) {
      throw refused(response);
    }
    return response;
  }

  /**
   * BigQuery's error object names a reason ({@code notFound}, {@code accessDenied}, {@code
   * invalidQuery}, ...) that says whose move it is.
   */
  private ProviderException refused(ApiResponse response) {
    String reason = "";
    String message = "";
    try {
      JsonNode error = response.json().path("error");
      JsonNode first = error.path("errors").path(0);
      reason = first.path("reason").asText("");
      message = error.path("message").asText(first.path("message").asText(""));
    } catch (ProviderException notJson) {
      // An HTML page from a proxy: the status is all there is.
    }
    String status = "HTTP " + response.status() + " from " + response.url().replaceAll("\\?.*", "");
    String detail = message.isBlank() ? status : status + ": " + excerpt(message);
    String table = settings.table();
    String project = settings.jobProject();
    return switch (response.status()) {
      case 404 -> message.startsWith("Not found: Table") || message.startsWith("Not found: Dataset")
          ? new ProviderException(Kind.CONDITION, "billing export table not found: " + table
              + " (is the detailed export enabled?); BigQuery says: " + excerpt(message))
          : message.startsWith("Not found: Project")
              ? new ProviderException(Kind.CONDITION, "project not found or not visible to the service account: "
                  + project + " (" + excerpt(message) + ")")
              : new ProviderException(Kind.OTHER, detail);
      case 403 -> switch (reason) {
        case "accessDenied" -> new ProviderException(Kind.CONDITION,
            "service account lacks BigQuery Job User on project " + project
                + " or BigQuery Data Viewer on the dataset of " + table + " (" + detail + ")");
        case "rateLimitExceeded", "quotaExceeded" -> new ProviderException(Kind.RATE_LIMITED,
            "BigQuery " + reason + " (" + detail + ")");
        case "billingNotEnabled" -> new ProviderException(Kind.CONDITION,
            "billing is not enabled on project " + project + ", which runs the query (" + detail + ")");
        default -> new ProviderException(Kind.AUTH, detail);
      };
      default -> switch (reason) {
        case "invalidQuery" -> new ProviderException(Kind.CONDITION,
            "BigQuery rejected the query on " + table + "; is it a Cloud Billing export table? (" + detail + ")");
        case "bytesBilledLimitExceeded" -> new ProviderException(Kind.CONDITION,
            "the query on " + table + " would bill more than max_bytes_billed " + settings.maxBytesBilled()
                + "; raise it if the export is that large (" + detail + ")");
        default -> new ProviderException(Kind.OTHER, detail);
      };
    };
  }

  /** BigQuery's messages never hold the token, but one slip would print a credential. */
  private String excerpt(String text) {
    String clean = Redactor.of(List.of(token)).text(text).replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() > 200 ? clean.substring(0, 197) + "..." : clean;
  }
}
