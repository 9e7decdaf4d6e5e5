package dev.costmon.provider.supabase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.http.ApiRequest;
import dev.costmon.http.ApiResponse;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Management API calls costmon makes, one request each, with Supabase's error shapes mapped to
 * one-line messages: 401 stays AUTH, a 403 on a project names the permission the scoped token
 * lacks (a CONDITION), a 404 names the organisation or project, and an {@code error} field in a 200
 * answer (a string or an object with a {@code message}) is BAD_RESPONSE.
 */
final class SupabaseApi {
  static final String DEFAULT_BASE = "https://api.supabase.com";
  /** The widest look-back {@code usage.api-counts} offers; {@code 1day} is only the last 24 hours. */
  static final String API_COUNTS_INTERVAL = "7day";
  static final String DATABASE_SIZE_SQL = "select pg_database_size(current_database()) as bytes";

  private static final String[] API_COUNT_FIELDS = {
    "total_auth_requests", "total_realtime_requests", "total_rest_requests", "total_storage_requests"
  };

  private final SupabaseSettings settings;
  private final ProviderContext context;

  SupabaseApi(SupabaseSettings settings, ProviderContext context) {
    this.settings = settings;
    this.context = context;
  }

  /** The organisation's plan id, e.g. {@code pro}. */
  String organizationPlan() throws ProviderException {
    ApiResponse response = context.http().send(base()
        .path("/v1/organizations").pathSegment(settings.organization())
        .allowStatus(404).build());
    String org = "organisation '" + settings.organization() + "'";
    if (response.status() == 404) {
      throw new ProviderException(Kind.OTHER, org + " not found, or the token cannot see it");
    }
    JsonNode root = object(response, org);
    JsonNode plan = root.get("plan");
    if (plan == null || !plan.isTextual()) {
      throw bad(org + ": the response has no plan");
    }
    return plan.textValue().toLowerCase(Locale.ROOT);
  }

  /** The projects of the organisation, in the order the API lists them. */
  List<Project> projects() throws ProviderException {
    ApiResponse response = context.http().send(base().path("/v1/projects").build());
    JsonNode root = response.json();
    if (!root.isArray()) {
      throw bad(errorOr(root, "the project list is not a JSON array"));
    }
    List<Project> projects = new ArrayList<>();
    for (JsonNode p : root) {
      if (!belongsToOrganization(p)) {
        continue;
      }
      // Newer answers carry ref beside id; older ones only id, which is the ref.
      String ref = text(p, "ref").isEmpty() ? text(p, "id") : text(p, "ref");
      if (ref.isEmpty()) {
        throw bad("a project in the project list has no ref");
      }
      projects.add(new Project(ref, text(p, "status")));
    }
    return List.copyOf(projects);
  }

  /** The add-ons selected on the project, with their prices. */
  List<Addon> addons(String ref) throws ProviderException {
    JsonNode root = project(ref, "/billing/addons", "infra_add_ons_read", null);
    JsonNode selected = root.get("selected_addons");
    if (selected == null || !selected.isArray()) {
      throw bad("add-ons of project " + ref + ": the response has no selected_addons");
    }
    List<Addon> addons = new ArrayList<>();
    for (JsonNode a : selected) {
      String type = text(a, "type");
      JsonNode variant = a.path("variant");
      JsonNode price = variant.path("price");
      JsonNode amount = price.get("amount");
      String where = "add-on " + (type.isEmpty() ? "?" : type) + " of project " + ref;
      if (type.isEmpty()) {
        throw bad(where + " has no type");
      }
      if (amount == null || !(amount.isNumber() || amount.isTextual())) {
        throw bad(where + " has no variant.price.amount");
      }
      String interval = text(price, "interval");
      if (!interval.equals("hourly") && !interval.equals("monthly")) {
        throw bad(where + " has price interval '" + interval + "', expected hourly or monthly");
      }
      addons.add(new Addon(type, text(variant, "id"), decimal(amount, where + " price"), interval.equals("hourly")));
    }
    return List.copyOf(addons);
  }

  /**
   * API requests per UTC day over the last seven days, all four services summed. The first day is
   * partial: the look-back starts seven days before the call, not at midnight.
   */
  Map<LocalDate, BigDecimal> apiRequestsPerDay(String ref) throws ProviderException {
    JsonNode root = project(ref, "/analytics/endpoints/usage.api-counts", "analytics_usage_read",
        API_COUNTS_INTERVAL);
    JsonNode result = root.get("result");
    if (result == null || !result.isArray()) {
      throw bad("API counts of project " + ref + ": the response has no result");
    }
    Map<LocalDate, BigDecimal> perDay = new TreeMap<>();
    for (JsonNode row : result) {
      LocalDate day = day(row.get("timestamp"), ref);
      BigDecimal total = BigDecimal.ZERO;
      for (String field : API_COUNT_FIELDS) {
        JsonNode n = row.get(field);
        if (n == null || n.isNull()) {
          throw bad("API counts of project " + ref + ": a row has no " + field);
        }
        total = total.add(decimal(n, "API counts of project " + ref + " " + field));
      }
      perDay.merge(day, total, BigDecimal::add);
    }
    return perDay;
  }

  /** {@code pg_database_size} of the project's database, in bytes. */
  BigDecimal databaseSize(String ref) throws ProviderException {
    String body = "{\"query\": \"" + DATABASE_SIZE_SQL + "\"}";
    ApiResponse response = context.http().send(ApiRequest.post(context.baseUri(DEFAULT_BASE))
        .path("/v1/projects").pathSegment(ref).path("/database/query/read-only")
        .bearer(settings.token()).jsonBody(body).allowStatus(403, 404).build());
    JsonNode root = checked(response, ref, "database_read");
    String where = "database size of project " + ref;
    JsonNode rows = root.isObject() && root.has("result") ? root.get("result") : root;
    if (!rows.isArray()) {
      throw bad(errorOr(root, where + ": the response is not a list of rows"));
    }
    if (rows.isEmpty() || rows.get(0).get("bytes") == null || rows.get(0).get("bytes").isNull()) {
      throw bad(where + ": the response has no bytes");
    }
    return decimal(rows.get(0).get("bytes"), where);
  }

  /** Bytes used on the project's disk (database, WAL and system files). */
  BigDecimal diskUsed(String ref) throws ProviderException {
    JsonNode root = project(ref, "/config/disk/util", "infra_disk_config_read", null);
    JsonNode used = root.path("metrics").get("fs_used_bytes");
    if (used == null || used.isNull()) {
      throw bad("disk of project " + ref + ": the response has no metrics.fs_used_bytes");
    }
    return decimal(used, "disk of project " + ref);
  }

  private ApiRequest.Builder base() {
    return ApiRequest.get(context.baseUri(DEFAULT_BASE)).bearer(settings.token());
  }

  private JsonNode project(String ref, String path, String permission, String interval) throws ProviderException {
    ApiRequest.Builder b = base().path("/v1/projects").pathSegment(ref).path(path).allowStatus(403, 404);
    if (interval != null) {
      b.query("interval", interval);
    }
    return checked(context.http().send(b.build()), ref, permission);
  }

  private JsonNode checked(ApiResponse response, String ref, String permission) throws ProviderException {
    if (response.status() == 403) {
      throw new ProviderException(Kind.CONDITION, "token lacks " + permission + " on project " + ref);
    }
    if (response.status() == 404) {
      throw new ProviderException(Kind.OTHER, "project " + ref + " not found, or the token cannot see it");
    }
    JsonNode root = response.json();
    if (root.isObject()) {
      return object(root, "project " + ref);
    }
    return root;
  }

  private JsonNode object(ApiResponse response, String where) throws ProviderException {
    JsonNode root = response.json();
    if (!root.isObject()) {
      throw bad(where + ": the response is not a JSON object");
    }
    return object(root, where);
  }

  /** Supabase reports some failures in a 200 answer's {@code error}. */
  private JsonNode object(JsonNode root, String where) throws ProviderException {
    String error = error(root);
    if (!error.isEmpty()) {
      throw bad(where + ": " + error);
    }
    return root;
  }

  private String errorOr(JsonNode root, String otherwise) {
    String error = error(root);
    return error.isEmpty() ? otherwise : error;
  }

  /** The {@code error} field: a string, or an object with {@code message} (or {@code code}). */
  private String error(JsonNode root) {
    JsonNode e = root.get("error");
    if (e == null || e.isNull() || e.isMissingNode()) {
      return "";
    }
    if (e.isTextual()) {
      return oneLine(e.textValue());
    }
    if (e.isObject()) {
      for (String field : List.of("message", "code")) {
        if (e.hasNonNull(field)) {
          return oneLine(e.get(field).asText());
        }
      }
    }
    return oneLine(e.toString());
  }

  private boolean belongsToOrganization(JsonNode project) {
    String slug = settings.organization();
    return slug.equals(text(project, "organization_slug")) || slug.equals(text(project, "organization_id"));
  }

  /**
   * The UTC day of a bucket: an ISO instant, a date-time without zone (which Supabase means as UTC),
   * a date, or epoch seconds, milliseconds or microseconds (Logflare's native unit).
   */
  private LocalDate day(JsonNode ts, String ref) throws ProviderException {
    if (ts == null || ts.isNull()) {
      throw bad("API counts of project " + ref + ": a row has no timestamp");
    }
    if (ts.isNumber()) {
      long n = ts.longValue();
      Instant at = n > 100_000_000_000_000L ? Instant.ofEpochSecond(n / 1_000_000, n % 1_000_000 * 1000)
          : n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
      return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
    String text = ts.asText().trim().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    } catch (DateTimeParseException e) {
      // Not zoned: try the forms below.
    }
    try {
      return LocalDateTime.parse(text).toLocalDate();
    } catch (DateTimeParseException e) {
      // Not a local date-time either.
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw bad("API counts of project " + ref + ": timestamp '" + oneLine(ts.asText()) + "' is not a date");
    }
  }

  private BigDecimal decimal(JsonNode n, String where) throws ProviderException {
    if (n.isNumber()) {
      return n.decimalValue();
    }
    try {
      return new BigDecimal(n.asText().trim());
    } catch (NumberFormatException e) {
      throw bad(where + ": '" + oneLine(n.asText()) + "' is not a number");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  /** API text quoted in a message: one line, short, and never the token even if echoed back. */
  /** API text quoted in a message: one line, short, and never the token even if echoed back. */
  private String oneLine(String s) {
    String line = s.replace(settings.token().reveal(), settings.token().reference()).strip().replaceAll("\\s+", " ");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  private static ProviderException bad(String message) {
    return new ProviderException(Kind.BAD_RESPONSE, message);
  }
}
