package dev.costmon.provider.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Money;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a daily GetCostAndUsage grouped by SERVICE: the days it covers with the amount of
 * each service, and the token of the next page. With a GroupBy, AWS leaves {@code Total} empty and
 * the groups carry the figures; a day's groups may continue on the next page.
 *
 * <p>A result whose {@code TimePeriod} spans more than one day ({@code End} is exclusive) is spread
 * evenly over its days, the remainder on its last day, so its amount counts whole and on the days
 * it belongs to, not all on its first day. Spread rather than refused: the amount is AWS's own and
 * the account's totals stay exact; only its split between the days is costmon's.
 */
record CostPage(List<Day> days, String nextPageToken) {

  /**
   * One day's figures on this page.
   *
   * @param estimated AWS may still revise the day (today and yesterday, usually)
   */
  record Day(LocalDate day, Map<String, Money> byService, boolean estimated, boolean spread) {}

  /** A year and a day: longer than any period a query of costmon's asks for. */
  static final int MAX_PERIOD_DAYS = 367;
  /** Digits added to an amount's own when it is divided between days. */
  private static final int SPREAD_DIGITS = 6;

  static CostPage parse(JsonNode json, String metric) throws ProviderException {
    JsonNode results = json.get("ResultsByTime");
    if (results == null || !results.isArray()) {
      throw missing("ResultsByTime");
    }
    List<Day> days = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      JsonNode result = results.get(i);
      String at = "ResultsByTime[" + i + "]";
      LocalDate day = date(result.path("TimePeriod").get("Start"), at + ".TimePeriod.Start");
      JsonNode endNode = result.path("TimePeriod").get("End");
      LocalDate end = endNode == null || endNode.isNull() ? day.plusDays(1) : date(endNode, at + ".TimePeriod.End");
      long length = ChronoUnit.DAYS.between(day, end);
      if (length < 1 || length > MAX_PERIOD_DAYS) {
        throw new ProviderException(Kind.BAD_RESPONSE, "Cost Explorer response has " + at + ".TimePeriod "
            + day + " to " + end + ", not a period of 1 to " + MAX_PERIOD_DAYS + " days");
      }
      Map<String, Money> byService = new LinkedHashMap<>();
      JsonNode groups = result.path("Groups");
      for (int j = 0; j < groups.size(); j++) {
        JsonNode group = groups.get(j);
        String where = at + ".Groups[" + j + "]";
        JsonNode keys = group.get("Keys");
        if (keys == null || !keys.isArray() || keys.isEmpty() || !keys.get(0).isTextual()) {
          throw missing(where + ".Keys");
        }
        Money amount = money(group.path("Metrics").get(metric), where + ".Metrics." + metric);
        byService.merge(keys.get(0).asText(), amount, Money::plus);
      }
      boolean estimated = result.path("Estimated").asBoolean(false);
      if (length == 1) {
        days.add(new Day(day, byService, estimated, false));
      } else {
        days.addAll(spread(day, (int) length, byService, estimated));
      }
    }
    JsonNode next = json.get("NextPageToken");
    String token = next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText();
    return new CostPage(days, token);
  }

  /** Each service's amount split into {@code length} equal parts, the remainder on the last day. */
  private static List<Day> spread(LocalDate start, int length, Map<String, Money> byService, boolean estimated) {
    List<Map<String, Money>> perDay = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      perDay.add(new LinkedHashMap<>());
    }
    byService.forEach((service, amount) -> {
      BigDecimal share = amount.amount().divide(
          BigDecimal.valueOf(length), Math.max(amount.amount().scale(), 0) + SPREAD_DIGITS, RoundingMode.DOWN);
      BigDecimal rest = amount.amount().subtract(share.multiply(BigDecimal.valueOf(length - 1L)));
      for (int i = 0; i < length; i++) {
        perDay.get(i).put(service, new Money(i == length - 1 ? rest : share, amount.currency()));
      }
    });
    List<Day> days = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      days.add(new Day(start.plusDays(i), perDay.get(i), estimated, true));
    }
    return days;
  }

  /** {@code {"Amount": "1.23", "Unit": "USD"}}: amounts are strings, read exactly. */
  static Money money(JsonNode metric, String where) throws ProviderException {
    if (metric == null || !metric.isObject()) {
      throw missing(where);
    }
    JsonNode amount = metric.get("Amount");
    JsonNode unit = metric.get("Unit");
    if (amount == null || amount.isNull()) {
      throw missing(where + ".Amount");
    }
    if (unit == null || !unit.isTextual()) {
      throw missing(where + ".Unit");
    }
    try {
      return new Money(new BigDecimal(amount.asText().strip()), Money.currency(unit.asText()));
    } catch (NumberFormatException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, where + ".Amount is not a number");
    } catch (IllegalArgumentException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, where + ".Unit is not a currency code");
    }
  }

  static LocalDate date(JsonNode node, String where) throws ProviderException {
    if (node == null || !node.isTextual()) {
      throw missing(where);
    }
    try {
      return LocalDate.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, where + " is not a date (YYYY-MM-DD)");
    }
  }

  static ProviderException missing(String field) {
    return new ProviderException(Kind.BAD_RESPONSE, "Cost Explorer response has no " + field);
  }
}
