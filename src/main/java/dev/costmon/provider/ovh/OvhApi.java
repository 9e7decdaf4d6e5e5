package dev.costmon.provider.ovh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.config.Secret;
import dev.costmon.http.ApiRequest;
import dev.costmon.http.ApiResponse;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signed GETs against one account's API: the server's clock is read once from the unauthenticated
 * {@code /auth/time}, so a skewed local clock does not get every request refused as out of time.
 */
final class OvhApi {
  static final String TIME = "/auth/time";
  static final String CURRENT = "/me/consumption/usage/current";
  static final String FORECAST = "/me/consumption/usage/forecast";
  static final String BILLS = "/me/bill";

  /** OVH's {@code errorCode} values are upper-case words; anything else is not quoted. */
  private static final Pattern ERROR_CODE = Pattern.compile("[A-Z][A-Z_]{1,40}");

  private final OvhSettings settings;
  private final ProviderContext context;
  private long delta;
  private boolean synced;

  OvhApi(OvhSettings settings, ProviderContext context) {
    this.settings = settings;
    this.context = context;
  }

  /** The server time minus ours, in seconds. */
  long syncClock() throws ProviderException {
    ApiRequest request = ApiRequest.get(context.baseUri(settings.endpoint().baseUrl())).path(TIME)
        .header("X-Ovh-Application", settings.applicationKey()).build();
    JsonNode body = context.http().send(request).json();
    if (!body.isIntegralNumber()) {
      throw new ProviderException(Kind.BAD_RESPONSE, TIME + " did not answer with a Unix time in seconds");
    }
    delta = body.longValue() - context.clock().instant().getEpochSecond();
    synced = true;
    if (Math.abs(delta) > 30) {
      context.log().accept("ovh: local clock differs from the API's by " + delta + " s; signing with the API's time");
    }
    return delta;
  }

  /** A signed GET of {@code path} with query parameters in order. */
  JsonNode get(String path, Map<String, String> query) throws ProviderException {
    if (!synced) {
      syncClock();
    }
    ApiRequest.Builder unsigned = ApiRequest.get(context.baseUri(settings.endpoint().baseUrl())).path(path);
    query.forEach(unsigned::query);
    // The signature covers the URL exactly as sent, so it is computed from the built URL.
    String url = unsigned.build().uri().toString();
    long timestamp = context.clock().instant().getEpochSecond() + delta;
    String signature = Signature.sign(settings.applicationSecret().reveal(), settings.consumerKey().reveal(),
        "GET", url, "", timestamp);
    ApiRequest request = ApiRequest.get(url)
        .header("X-Ovh-Application", settings.applicationKey())
        .secretHeader("X-Ovh-Consumer", settings.consumerKey())
        .header("X-Ovh-Timestamp", Long.toString(timestamp))
        .secretHeader("X-Ovh-Signature", new Secret("X-Ovh-Signature", signature))
        .redact(settings.applicationSecret())
        .allowStatus(400, 403)
        .build();
    ApiResponse response = context.http().send(request);
    if (response.status() == 403) {
      throw refused(path, errorCode(response));
    }
    if (response.status() == 400) {
      Optional<String> code = errorCode(response);
      if (code.isPresent() && code.get().equals("INVALID_SIGNATURE")) {
        throw new ProviderException(Kind.AUTH, "OVH rejected the request signature (HTTP 400 INVALID_SIGNATURE from "
            + path + "): check application_secret and consumer_key");
      }
      if (code.isPresent() && code.get().equals("QUERY_TIME_OUT")) {
        throw new ProviderException(Kind.OTHER, "OVH rejected the request time (HTTP 400 QUERY_TIME_OUT from "
            + path + ") although it was signed with the API's own clock");
      }
      throw new ProviderException(Kind.OTHER, "HTTP 400 from " + path + code.map(c -> " (" + c + ")").orElse(""));
    }
    return response.json();
  }

  /** 403: a consumer key without the access rule is a state of the account; a bad key is AUTH. */
  private static ProviderException refused(String path, Optional<String> code) {
    String rule = path.startsWith(BILLS + "/") ? BILLS + "/*" : path;
    if (code.isPresent() && code.get().equals("NOT_GRANTED_CALL")) {
      return new ProviderException(Kind.CONDITION, "consumer key not granted GET " + rule
          + " (HTTP 403 NOT_GRANTED_CALL): request a consumer key whose access rules include it");
    }
    return new ProviderException(Kind.AUTH, "OVH refused the credentials (HTTP 403"
        + code.map(c -> " " + c).orElse("") + " from " + path + "): check application_key, application_secret"
        + " and consumer_key, and that the consumer key is validated and not expired");
  }

  private static Optional<String> errorCode(ApiResponse response) {
    try {
      JsonNode code = response.json().path("errorCode");
      return code.isTextual() && ERROR_CODE.matcher(code.textValue()).matches()
          ? Optional.of(code.textValue()) : Optional.empty();
    } catch (ProviderException e) {
      return Optional.empty();
    }
  }

  /** The ids of {@code GET /me/bill?date.from&date.to}. */
  List<String> billIds(String from, String to) throws ProviderException {
    Map<String, String> range = new LinkedHashMap<>();
    range.put("date.from", from);
    range.put("date.to", to);
    JsonNode ids = get(BILLS, range);
    if (!ids.isArray()) {
      throw new ProviderException(Kind.BAD_RESPONSE, BILLS + " did not answer with a list of bill ids");
    }
    List<String> result = new ArrayList<>();
    for (JsonNode id : ids) {
      if (!id.isTextual() || id.textValue().isBlank()) {
        throw new ProviderException(Kind.BAD_RESPONSE, BILLS + " listed a bill id that is not a string");
      }
      result.add(id.textValue());
    }
    return result;
  }

  JsonNode bill(String id) throws ProviderException {
    return get(BILLS + "/" + encodeSegment(id), Map.of());
  }

  private static String encodeSegment(String id) {
    return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
