package dev.costmon.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Quantity;
import dev.costmon.model.Rate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds an account's {@code rates:}, either a mapping of metric to price ({@code {invocations: 0.60
 * USD per 1M}}) or a list of prices per dimension with free allowances ({@code [{metric:
 * input_tokens, dimension: "claude-sonnet-4*", price: 3 USD per 1M, free: 1M}]}). In a list the first
 * entry that matches a usage figure prices it, so specific patterns go before {@code *}.
 */
final class RatesBinder {
  private static final Pattern METRIC = Pattern.compile("[a-z][a-z0-9_]*");

  /** One list entry as written. */
  record RawRule(String metric, String dimension, String price, String free, String service) {}

  private RatesBinder() {}

  static List<PriceRule> bind(ConfigBinding b, JsonNode node, String at, String who) {
    List<PriceRule> rules = new ArrayList<>();
    if (node == null || node.isNull()) {
      return rules;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String metric = e.getKey();
        String where = at + "/" + metric;
        metric(b, metric, where, who);
        if (!e.getValue().isValueNode() || e.getValue().isNull()) {
          b.fail(where, who, "the price of " + metric + " must be '<amount> <currency> per <quantity>', e.g. '2 USD per 1M'");
        }
        rules.add(PriceRule.of(metric, price(b, e.getValue().asText(), where, who)));
      }
      return rules;
    }
    if (!node.isArray()) {
      return b.fail(at, who, "rates: must be a mapping {metric: price} or a list of {metric:, dimension:, price:, free:}");
    }
    for (int i = 0; i < node.size(); i++) {
      String where = at + "/" + i;
      if (!node.get(i).isObject()) {
        b.fail(where, who, "each entry of rates: is a mapping such as {metric: input_tokens, price: 3 USD per 1M}");
      }
      RawRule raw = b.convert(node.get(i), RawRule.class, where, who);
      if (raw.metric() == null) {
        b.fail(where, who, "a rates: entry needs metric:");
      }
      if (raw.price() == null) {
        b.fail(where, who, "the rates: entry for " + raw.metric() + " needs price:, e.g. price: 3 USD per 1M");
      }
      metric(b, raw.metric(), where + "/metric", who);
      Glob dimension = raw.dimension() == null ? Glob.parse(PriceRule.ANY)
          : b.value(where + "/dimension", who, () -> Glob.parse(raw.dimension()));
      Rate price = price(b, raw.price(), where + "/price", who);
      Optional<Quantity> free = Optional.ofNullable(raw.free())
          .map(f -> b.value(where + "/free", who, () -> Quantity.parse(f)));
      free.ifPresent(f -> {
        if (f.value().signum() < 0) {
          b.fail(where + "/free", who, "the free allowance of " + raw.metric() + " must not be negative");
        }
        if (!f.unit().equals(price.per().unit())) {
          b.fail(where + "/free", who, "the free allowance " + raw.free() + " is in " + f.unit()
              + " but the price is per " + price.per().unit());
        }
      });
      Optional<Glob> service = Optional.ofNullable(raw.service())
          .map(s -> b.value(where + "/service", who, () -> Glob.parse(s)));
      rules.add(new PriceRule(raw.metric(), dimension, price, free, service));
    }
    return rules;
  }

  private static void metric(ConfigBinding b, String metric, String at, String who) {
    if (!METRIC.matcher(metric).matches()) {
      b.fail(at, who, "'" + metric + "' is not a usage metric name"
          + (metric.contains("/") ? "; price one model or bucket with a list entry such as"
              + " {metric: input_tokens, dimension: \"gpt-4o*\", price: 2.50 USD per 1M}" : ""));
    }
  }

  private static Rate price(ConfigBinding b, String text, String at, String who) {
    Rate rate = b.value(at, who, () -> Rate.parse(text));
    if (rate.price().amount().signum() < 0) {
      b.fail(at, who, "the price '" + text + "' must not be negative");
    }
    return rate;
  }
}
