package dev.costmon.provider.wasabi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.config.Secret;
import dev.costmon.http.ApiRequest;
import dev.costmon.http.Pages;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Wasabi Stats API (docs.wasabi.com/apidocs/wasabi-stats-api): daily utilization records of the
 * account or of every bucket, asked for in ranges of at most 60 days and followed page by page.
 */
final class StatsApi {
  static final String DEFAULT_BASE = "https://stats.wasabisys.com";
  static final String ACCOUNT_PATH = "/v1/standalone/utilizations";
  static final String BUCKET_PATH = "/v1/standalone/utilizations/bucket";
  /** The API refuses longer ranges. */
  static final int MAX_RANGE_DAYS = 60;
  /** The largest page the API serves. */
  static final int PAGE_SIZE = 100;
  /**
   * 50,000 records per range: 60 days of about 830 buckets. A listing longer than that fails rather
   * than being cut short (or looping on a server that ignores {@code pageNum}).
   */
  static final int MAX_PAGES = 500;

  private final ProviderContext context;
  private final Secret authorization;
  private final Secret accessKey;
  private final Secret secretKey;

  StatsApi(WasabiSettings settings, ProviderContext context) {
    this.context = context;
    this.accessKey = settings.accessKey();
    this.secretKey = settings.secretKey();
    // The header is the raw pair "AccessKey:SecretKey", no signature: one secret value, and both
    // halves redacted on their own too, since a server may echo either.
    this.authorization = new Secret(
        accessKey.reference() + ":" + secretKey.reference(), accessKey.reveal() + ":" + secretKey.reveal());
  }

  /**
   * The records of {@code path} for the UTC days {@code from..to}, one per day (and bucket): where
   * the API repeats a day, the record created last wins.
   */
  List<Utilization> records(String path, boolean perBucket, LocalDate from, LocalDate to)
      throws ProviderException {
    Map<String, Utilization> byKey = new LinkedHashMap<>();
    for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(MAX_RANGE_DAYS)) {
      LocalDate end = min(start.plusDays(MAX_RANGE_DAYS - 1L), to);
      for (Utilization u : range(path, perBucket, start, end)) {
        if (u.day().isBefore(from) || u.day().isAfter(to)) {
          continue;
        }
        byKey.merge(u.day() + "/" + u.bucket(), u, (a, b) -> b.created().isBefore(a.created()) ? a : b);
      }
    }
    List<Utilization> result = new ArrayList<>(byKey.values());
    result.sort(Comparator.comparing(Utilization::day).thenComparing(Utilization::bucket));
    return result;
  }

  private List<Utilization> range(String path, boolean perBucket, LocalDate from, LocalDate to)
      throws ProviderException {
    if (ChronoUnit.DAYS.between(from, to) >= MAX_RANGE_DAYS) {
      throw new IllegalStateException(
          "range " + from + ".." + to + " is longer than " + MAX_RANGE_DAYS + " days");
    }
    String where = "GET " + path;
    // PageCount comes only with page 0 (later pages say 0), so it is kept from there.
    int[] pageCount = {-1};
    List<JsonNode> nodes = Pages.collect(0, page -> {
      JsonNode body = context.http().send(request(path, from, to, page)).json();
      List<JsonNode> records = new ArrayList<>();
      boolean full;
      if (body.isArray()) {
        body.forEach(records::add);
        full = records.size() >= PAGE_SIZE;
      } else if (body.isObject()) {
        JsonNode list = body.get("Records");
        if (list == null || list.isNull()) {
          throw new ProviderException(Kind.BAD_RESPONSE, "response of " + where + " lacks Records");
        }
        if (!list.isArray()) {
          throw new ProviderException(
              Kind.BAD_RESPONSE, "Records in the response of " + where + " is not a list");
        }
        list.forEach(records::add);
        JsonNode count = body.path("PageInfo").path("PageCount");
        if (page == 0 && count.canConvertToInt()) {
          pageCount[0] = count.asInt();
        }
        full = pageCount[0] >= 0 ? page + 1 < pageCount[0] : records.size() >= PAGE_SIZE;
      } else {
        throw new ProviderException(Kind.BAD_RESPONSE,
            "response of " + where + " is neither {PageInfo, Records} nor a list");
      }
      boolean more = full && !records.isEmpty();
      return Pages.Page.of(records, more ? page + 1 : null);
    }, MAX_PAGES);
    List<Utilization> result = new ArrayList<>(nodes.size());
    for (JsonNode node : nodes) {
      result.add(Utilization.parse(node, perBucket, where));
    }
    return result;
  }

  private ApiRequest request(String path, LocalDate from, LocalDate to, int page) {
    return ApiRequest.get(context.baseUri(DEFAULT_BASE))
        .path(path)
        .query("from", from)
        .query("to", to)
        .query("pageNum", page)
        .query("pageSize", PAGE_SIZE)
        .header("Accept", "application/json")
        .secretHeader("Authorization", authorization)
        .redact(accessKey)
        .redact(secretKey)
        .build();
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
