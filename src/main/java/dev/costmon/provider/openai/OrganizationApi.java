package dev.costmon.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.http.ApiRequest;
import dev.costmon.http.ApiResponse;
import dev.costmon.http.Pages;
import dev.costmon.http.Redactor;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The organization admin endpoints of one account: daily buckets for the collect window, followed
 * through {@code has_more}/{@code next_page}, with the "no admin access" condition told apart from
 * a rejected key.
 */
final class OrganizationApi {
  static final String DEFAULT_BASE = "https://api.openai.com";
  static final String NO_ADMIN_ACCESS =
      "no admin access: the Costs API needs an organization Admin key (sk-admin-…)";

  /** Daily buckets per page; 31 is the most the usage endpoints allow at 1d. */
  static final int BUCKETS_PER_PAGE = 31;
  /** A window is at most about 91 days (month + 60 lookback), three pages; 50 is a loop guard. */
  static final int MAX_PAGES = 50;

  private final OpenAiSettings settings;
  private final ProviderContext context;

  OrganizationApi(OpenAiSettings settings, ProviderContext context) {
    this.settings = settings;
    this.context = context;
  }

  /**
   * Every bucket of {@code path} for the window's UTC days: {@code start_time} is the first day's
   * midnight and {@code end_time} the midnight after the last day, because the API clips buckets
   * to the query range and a range off midnight would give partial first and last days.
   */
  List<JsonNode> buckets(String path, List<String> groupBy, CollectWindow window)
      throws ProviderException {
    long start = window.from().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long end = window.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    Pages.Fetcher<String, JsonNode> fetcher = cursor -> page(path, groupBy, start, end, cursor);
    return Pages.collect(fetcher, MAX_PAGES);
  }

  private Pages.Page<String, JsonNode> page(
      String path, List<String> groupBy, long start, long end, String cursor)
      throws ProviderException {
    ApiRequest.Builder request = ApiRequest.get(context.baseUri(DEFAULT_BASE))
        .path(path)
        .bearer(settings.adminKey())
        .query("start_time", start)
        .query("end_time", end)
        .query("bucket_width", "1d")
        .query("limit", BUCKETS_PER_PAGE)
        .query("group_by[]", groupBy);
    if (!settings.projectIds().isEmpty()) {
      request.query("project_ids[]", settings.projectIds());
    }
    if (cursor != null) {
      request.query("page", cursor);
    }
    // Read 401/403 here: a key of the wrong kind is a condition of the account, a revoked key is not.
    ApiResponse response = context.http().send(request.allowStatus(401, 403).build());
    if (response.status() == 401 || response.status() == 403) {
      throw refused(path, response);
    }
    JsonNode body = response.json();
    JsonNode data = JsonFields.array(body, "data", path);
    boolean hasMore = JsonFields.bool(body, "has_more", path);
    List<JsonNode> buckets = new ArrayList<>();
    data.forEach(buckets::add);
    if (!hasMore) {
      return Pages.Page.last(buckets);
    }
    Optional<String> next = Fields.optionalText(body, "next_page");
    if (next.isEmpty()) {
      throw new ProviderException(
          Kind.BAD_RESPONSE, "response field " + path + ".next_page is missing although has_more is true");
    }
    return Pages.Page.of(buckets, next.get());
  }

  /**
   * OpenAI answers an unknown or revoked key with {@code code: invalid_api_key}; a valid key that is
   * not an organization Admin key (a project or user key) gets "insufficient permissions".
   */
  private ProviderException refused(String path, ApiResponse response) {
    Optional<JsonNode> error = errorOf(response);
    String code = error.flatMap(e -> Fields.optionalText(e, "code")).orElse("");
    String message = error.flatMap(e -> Fields.optionalText(e, "message")).orElse("");
    String status = "HTTP " + response.status() + " from " + path;
    if (code.equals("invalid_api_key") || message.startsWith("Incorrect API key")) {
      // The message quotes part of the key, so it is not repeated.
      return new ProviderException(
          Kind.AUTH, status + ": the admin key was rejected (invalid_api_key); check admin_key");
    }
    String detail = message.isEmpty() ? "" : ": " + excerpt(message);
    return new ProviderException(Kind.CONDITION, NO_ADMIN_ACCESS + " (" + status + detail + ")");
  }

  private static Optional<JsonNode> errorOf(ApiResponse response) {
    try {
      JsonNode error = response.json().get("error");
      return error != null && error.isObject() ? Optional.of(error) : Optional.empty();
    } catch (ProviderException notJson) {
      return Optional.empty();
    }
  }

  /**
   * The part of OpenAI's message that says what is missing ("Missing scopes: api.usage.read"), else
   * its first sentence; the rest is advice that does not fit on one line.
   */
  private String excerpt(String message) {
    String clean = Redactor.of(List.of(settings.adminKey())).text(message)
        .replaceAll("\\p{Cntrl}", " ").strip();
    int scopes = clean.indexOf("Missing scopes:");
    String part = scopes >= 0 ? clean.substring(scopes) : clean;
    int sentence = part.indexOf(". ");
    if (sentence >= 0) {
      part = part.substring(0, sentence);
    }
    return part.length() > 120 ? part.substring(0, 117) + "..." : part;
  }
}
