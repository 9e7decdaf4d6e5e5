package dev.costmon.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.config.Secret;
import dev.costmon.http.ApiRequest;
import dev.costmon.http.ApiResponse;
import dev.costmon.http.Pages;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two report endpoints of the Usage &amp; Cost Admin API: builds the requests, follows {@code
 * has_more}/{@code next_page}, and turns the statuses that mean a known state of the organisation
 * into named conditions.
 */
final class AdminApi {
  static final String DEFAULT_BASE = "https://api.anthropic.com";
  static final String VERSION = "2023-06-01";
  static final String NO_ADMIN_ACCESS =
      "no admin access: the Usage & Cost API needs an Admin API key (sk-ant-admin…)";
  static final String NO_DATA = "no data for this organisation yet";

  /** A month plus the lookback is at most a few pages of 31 daily buckets; more means a loop. */
  private static final int MAX_PAGES = 50;
  /** The most daily buckets a page may hold (the API's maximum). */
  private static final int PAGE_LIMIT = 31;
  private static final int MAX_QUOTED = 200;

  private final ProviderContext context;
  private final Secret key;
  private final URI base;

  AdminApi(ProviderContext context, Secret key) {
    this.context = context;
    this.key = key;
    this.base = context.baseUri(DEFAULT_BASE);
  }

  /**
   * Every daily bucket of a report, oldest first.
   *
   * @param path the report, e.g. {@code /v1/organizations/cost_report}
   * @param params the query without paging; a list value repeats the parameter
   */
  List<JsonNode> buckets(String path, Map<String, List<String>> params) throws ProviderException {
    String report = path.substring(path.lastIndexOf("/organizations/") + "/organizations/".length());
    int[] pageNumber = {0};
    return Pages.<String, JsonNode>collect(
        cursor -> page(path, report, params, cursor, pageNumber[0]++), MAX_PAGES);
  }

  private Pages.Page<String, JsonNode> page(
      String path, String report, Map<String, List<String>> params, String cursor, int number)
      throws ProviderException {
    ApiRequest.Builder request =
        ApiRequest.get(base)
            .path(path)
            .header("anthropic-version", VERSION)
            .secretHeader("x-api-key", key)
            // Read here, not by the engine: these statuses name a state of the organisation.
            .allowStatus(400, 401, 403);
    params.forEach(request::query);
    request.query("limit", PAGE_LIMIT);
    if (cursor != null) {
      request.query("page", cursor);
    }
    ApiResponse response = context.http().send(request.build());
    if (!response.isSuccess()) {
      throw failure(report, response);
    }
    JsonNode body = response.json();
    String where = report + " page " + (number + 1);
    if (!body.isObject()) {
      throw new ProviderException(Kind.BAD_RESPONSE, where + " is not a JSON object");
    }
    List<JsonNode> items = new ArrayList<>();
    Json.array(body, "data", where).forEach(items::add);
    JsonNode hasMore = Json.required(body, "has_more", where);
    if (!hasMore.isBoolean()) {
      throw new ProviderException(Kind.BAD_RESPONSE, where + ".has_more is not a boolean");
    }
    if (!hasMore.booleanValue()) {
      return Pages.Page.last(items);
    }
    String next = Json.optionalText(body, "next_page");
    if (next == null || next.isEmpty()) {
      throw new ProviderException(Kind.BAD_RESPONSE, where + " has has_more but no next_page");
    }
    return Pages.Page.of(items, next);
  }

  /** The one-line failure for a 400/401/403 the request let through. */
  private ProviderException failure(String report, ApiResponse response) {
    ApiError error = ApiError.read(response);
    int status = response.status();
    String cause = report + ": HTTP " + status + error.describe(key, MAX_QUOTED);
    String detail = " (" + cause + ")";
    if (status == 400 && error.message().contains("Invalid date range")) {
      // Seen for an organisation without a single complete daily bucket yet.
      return new ProviderException(Kind.CONDITION, NO_DATA + detail);
    }
    if (status == 403) {
      // The key is valid but may not read the organisation's reports: a standard key, a member
      // without the admin role, or an individual account, which has no Admin API.
      return new ProviderException(Kind.CONDITION, NO_ADMIN_ACCESS + detail);
    }
    if (status == 401) {
      if (!looksLikeAdminKey()) {
        return new ProviderException(Kind.CONDITION, NO_ADMIN_ACCESS + detail);
      }
      return new ProviderException(
          Kind.AUTH,
          "the Admin API key was rejected, it may be revoked or expired" + detail);
    }
    return new ProviderException(Kind.OTHER, cause);
  }

  /** Only the documented prefix is looked at, and only to word the error right. */
  private boolean looksLikeAdminKey() {
    return key.reveal().startsWith("sk-ant-admin");
  }
}
