package dev.costmon.provider.ovh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Money;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A list of {@code me.consumption.Transaction}s (current or forecast pay-as-you-go), summed per
 * month of their {@code beginDate} and per plan code. A transaction's price not covered by its
 * elements is kept under {@code service <serviceId>}, so the plans add up to the transactions.
 */
record Consumption(Map<YearMonth, Map<String, Money>> byMonth) {

  static Consumption parse(JsonNode transactions, String where, Prices prices) throws ProviderException {
    if (!transactions.isArray()) {
      throw new ProviderException(Kind.BAD_RESPONSE, where + " did not answer with a list of transactions");
    }
    Map<YearMonth, Map<String, Money>> byMonth = new TreeMap<>();
    int i = 0;
    for (JsonNode tx : transactions) {
      String at = where + "[" + i++ + "]";
      YearMonth month = YearMonth.from(Dates.day(tx, "beginDate", at));
      Money total = prices.read(tx, "price", at);
      Map<String, Money> plans = byMonth.computeIfAbsent(month, m -> new TreeMap<>());
      Money itemized = Money.zero(total.currency());
      JsonNode elements = tx.path("elements");
      int j = 0;
      for (JsonNode element : elements) {
        String elementAt = at + ".elements[" + j++ + "]";
        Money price = prices.read(element, "price", elementAt);
        add(plans, Dates.text(element, "planCode", elementAt), price, elementAt);
        itemized = plus(itemized, price, elementAt);
      }
      Money rest = minus(total, itemized, at);
      if (!rest.isZero()) {
        add(plans, "service " + Dates.text(tx, "serviceId", at), rest, at);
      }
    }
    return new Consumption(byMonth);
  }

  Optional<Money> total(YearMonth month) throws ProviderException {
    Map<String, Money> plans = byMonth.get(month);
    if (plans == null || plans.isEmpty()) {
      return Optional.empty();
    }
    Money sum = null;
    for (Money m : plans.values()) {
      sum = sum == null ? m : plus(sum, m, "consumption of " + month);
    }
    return Optional.of(sum);
  }

  private static void add(Map<String, Money> plans, String plan, Money amount, String at) throws ProviderException {
    Money before = plans.get(plan);
    plans.put(plan, before == null ? amount : plus(before, amount, at));
  }

  static Money plus(Money a, Money b, String at) throws ProviderException {
    try {
      return a.plus(b);
    } catch (IllegalArgumentException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, at + ": " + e.getMessage());
    }
  }

  private static Money minus(Money a, Money b, String at) throws ProviderException {
    try {
      return a.minus(b);
    } catch (IllegalArgumentException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, at + ": " + e.getMessage());
    }
  }
}
