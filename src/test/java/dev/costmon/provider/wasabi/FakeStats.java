package dev.costmon.provider.wasabi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.costmon.provider.ProviderFixture;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A stand-in for the Stats API that answers from, to, pageNum and pageSize like the real one: 400 for
 * a range over 60 days, {@code PageCount} only on page 0, optionally a bare array instead of the
 * envelope. Records come from a function of the day.
 */
final class FakeStats implements HttpHandler {
  static final BigInteger TIB = BigInteger.ONE.shiftLeft(40);

  /**
   * One day's figures of the account or of a bucket; {@code minimumCharge} is the record's {@code
   * MinStorageChargeBytes}, left out of the record when null.
   */
  record Day(String bucket, BigInteger active, BigInteger deleted, long objects, long apiCalls,
      BigInteger minimumCharge) {
    Day(String bucket, BigInteger active, BigInteger deleted, long objects, long apiCalls) {
      this(bucket, active, deleted, objects, apiCalls, null);
    }

    static Day account(BigInteger active, BigInteger deleted) {
      return new Day(null, active, deleted, 10, 100);
    }

    /** An account day as Wasabi reports it, with the bytes it adds to reach the minimum. */
    static Day account(BigInteger active, BigInteger deleted, BigInteger minimumCharge) {
      return new Day(null, active, deleted, 10, 100, minimumCharge);
    }
  }

  private final Function<LocalDate, List<Day>> days;
  private final boolean bareArray;

  FakeStats(Function<LocalDate, List<Day>> days, boolean bareArray) {
    this.days = days;
    this.bareArray = bareArray;
  }

  /** The account with the same figures every day. */
  static FakeStats steady(BigInteger active, BigInteger deleted) {
    return new FakeStats(d -> List.of(Day.account(active, deleted)), false);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Map<String, String> q = query(exchange.getRequestURI());
    LocalDate from = LocalDate.parse(q.get("from"));
    LocalDate to = LocalDate.parse(q.get("to"));
    if (ChronoUnit.DAYS.between(from, to) >= 60) {
      ProviderFixture.send(exchange, 400, "application/json", "{\"error\":\"range exceeds 60 days\"}");
      return;
    }
    int page = Integer.parseInt(q.getOrDefault("pageNum", "0"));
    int size = Integer.parseInt(q.getOrDefault("pageSize", "100"));
    List<ObjectNode> all = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      for (Day day : days.apply(d)) {
        all.add(record(d, day));
      }
    }
    ArrayNode records = JsonNodeFactory.instance.arrayNode();
    all.stream().skip((long) page * size).limit(size).forEach(records::add);
    String body;
    if (bareArray) {
      body = records.toString();
    } else {
      ObjectNode envelope = JsonNodeFactory.instance.objectNode();
      int pages = (all.size() + size - 1) / size;
      envelope.putObject("PageInfo").put("RecordCount", page == 0 ? all.size() : 0).put("PageCount", page == 0 ? pages : 0);
      envelope.set("Records", records);
      body = envelope.toString();
    }
    ProviderFixture.send(exchange, 200, "application/json", body);
  }

  static ObjectNode record(LocalDate d, Day day) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("AcctNum", 693549);
    if (day.bucket() != null) {
      r.put("Bucket", day.bucket()).put("Region", "us-east-1");
    }
    r.put("StartTime", d + "T00:00:00Z").put("EndTime", d.plusDays(1) + "T00:00:00Z")
        .put("CreateTime", d.plusDays(1) + "T03:00:00Z")
        .put("NumBillableObjects", day.objects())
        .put("PaddedStorageSizeBytes", day.active().subtract(metadata(day)))
        .put("MetadataStorageSizeBytes", metadata(day))
        .put("DeletedStorageSizeBytes", day.deleted())
        .put("NumAPICalls", day.apiCalls());
    if (day.minimumCharge() != null) {
      r.put("MinStorageChargeBytes", day.minimumCharge());
    }
    return r;
  }

  private static BigInteger metadata(Day day) {
    return day.active().min(BigInteger.valueOf(4096));
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> out = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
