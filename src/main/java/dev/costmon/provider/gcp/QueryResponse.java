package dev.costmon.provider.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One answer of {@code jobs.query} or {@code jobs.getQueryResults}: whether the job is done, its
 * reference, and one page of rows. BigQuery sends every cell as a string (or null), whatever the
 * column type, so numbers stay exact.
 *
 * @param rows the page's rows, each cell's {@code v} in column order; a null cell is null
 */
record QueryResponse(
    boolean jobComplete,
    Optional<String> jobId,
    Optional<String> location,
    List<String> fields,
    List<List<String>> rows,
    Optional<String> pageToken,
    Optional<Long> totalRows) {

  QueryResponse {
    fields = List.copyOf(fields);
    rows = Collections.unmodifiableList(new ArrayList<>(rows));
  }

  static QueryResponse parse(JsonNode body, String where) throws ProviderException {
    if (!body.isObject()) {
      throw new ProviderException(Kind.BAD_RESPONSE, "the " + where + " answer is not a JSON object");
    }
    JsonNode complete = body.get("jobComplete");
    if (complete == null || !complete.isBoolean()) {
      throw missing(where, "jobComplete");
    }
    JsonNode reference = body.path("jobReference");
    Optional<String> jobId = text(reference, "jobId");
    Optional<String> location = text(reference, "location");
    Optional<String> pageToken = text(body, "pageToken");
    if (!complete.booleanValue()) {
      if (jobId.isEmpty()) {
        // Without the job's id there is no way to wait for it.
        throw missing(where, "jobReference.jobId");
      }
      return new QueryResponse(false, jobId, location, List.of(), List.of(), Optional.empty(), Optional.empty());
    }
    JsonNode schemaFields = body.path("schema").get("fields");
    if (schemaFields == null || !schemaFields.isArray()) {
      throw missing(where, "schema.fields");
    }
    List<String> fields = new ArrayList<>();
    for (JsonNode field : schemaFields) {
      fields.add(text(field, "name").orElseThrow(() -> missing(where, "schema.fields[].name")));
    }
    List<List<String>> rows = new ArrayList<>();
    JsonNode rowsNode = body.get("rows");
    if (rowsNode != null && !rowsNode.isNull()) {
      if (!rowsNode.isArray()) {
        throw missing(where, "rows");
      }
      for (JsonNode row : rowsNode) {
        JsonNode cells = row.get("f");
        if (cells == null || !cells.isArray() || cells.size() != fields.size()) {
          throw new ProviderException(Kind.BAD_RESPONSE,
              "a row of the " + where + " answer has no " + fields.size() + " cells (rows[].f)");
        }
        List<String> values = new ArrayList<>(cells.size());
        for (JsonNode cell : cells) {
          JsonNode v = cell.get("v");
          if (v == null || v.isNull()) {
            values.add(null);
          } else if (v.isValueNode()) {
            values.add(v.asText());
          } else {
            throw new ProviderException(Kind.BAD_RESPONSE,
                "a cell of the " + where + " answer is not a scalar (rows[].f[].v)");
          }
        }
        rows.add(values);
      }
    }
    if (pageToken.isPresent() && jobId.isEmpty()) {
      throw missing(where, "jobReference.jobId");
    }
    Optional<Long> total;
    try {
      total = text(body, "totalRows").map(Long::parseLong);
    } catch (NumberFormatException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, "response field totalRows of " + where + " is not a count");
    }
    return new QueryResponse(true, jobId, location, fields, rows, pageToken, total);
  }

  private static Optional<String> text(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank()
        ? Optional.empty()
        : Optional.of(node.asText());
  }

  private static ProviderException missing(String where, String field) {
    return new ProviderException(Kind.BAD_RESPONSE, "response field " + field + " is missing in the " + where + " answer");
  }
}
