package dev.costmon.provider.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.costmon.http.ExactJson;
import dev.costmon.provider.ProviderFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback Cloudflare: billable usage that, like the real one, returns nothing unless the range
 * holds the subscription's anchor day (the 15th here), paged subscriptions and GraphQL.
 */
final class CloudflareServer {
  static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
  static final String PREFIX = "/accounts/" + ACCOUNT;
  static final int ANCHOR_DAY = 15;

  final List<String> graphqlBodies = new CopyOnWriteArrayList<>();
  /** The records billable usage draws from; replace to revise a day between collections. */
  volatile JsonNode records = parse(ProviderFixture.resource("provider/cloudflare/billable_usage_records.json"));

  private final Map<String, HttpHandler> handlers = new java.util.concurrent.ConcurrentHashMap<>();

  /** Registers every route once; the handlers behind them can be swapped during a test. */
  CloudflareServer(ProviderFixture fixture) {
    for (String path : List.of(PREFIX + "/billable-usage/info", PREFIX + "/billable-usage",
        PREFIX + "/subscriptions", "/graphql")) {
      fixture.route(path, exchange -> {
        if (path.equals("/graphql")) {
          graphqlBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        }
        HttpHandler handler = handlers.get(path);
        if (handler == null) {
          ProviderFixture.send(exchange, 404, "text/plain", "no handler");
        } else {
          handler.handle(exchange);
        }
      });
    }
  }

  static JsonNode parse(String json) {
    try {
      return ExactJson.parse(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every endpoint answering as documented. */
  CloudflareServer standard() {
    info(ProviderFixture.json(ProviderFixture.resource("provider/cloudflare/billable_usage_info.json")));
    usage(anchoredUsage());
    subscriptions(pagedSubscriptions());
    graphql(ProviderFixture.json(ProviderFixture.resource("provider/cloudflare/graphql.json")));
    return this;
  }

  void info(HttpHandler handler) {
    handlers.put(PREFIX + "/billable-usage/info", handler);
  }

  void usage(HttpHandler handler) {
    handlers.put(PREFIX + "/billable-usage", handler);
  }

  void subscriptions(HttpHandler handler) {
    handlers.put(PREFIX + "/subscriptions", handler);
  }

  void graphql(HttpHandler handler) {
    handlers.put("/graphql", handler);
  }

  /** The anchor-day rule: records within from..to, but only when the range includes the 15th. */
  HttpHandler anchoredUsage() {
    return exchange -> {
      Map<String, String> query = query(exchange);
      LocalDate from = LocalDate.parse(query.get("from"));
      LocalDate to = LocalDate.parse(query.get("to"));
      boolean holdsAnchor = false;
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
        holdsAnchor |= d.getDayOfMonth() == ANCHOR_DAY;
      }
      ArrayNode result = JsonNodeFactory.instance.arrayNode();
      if (holdsAnchor) {
        for (JsonNode record : records) {
          LocalDate day = OffsetDateTime.parse(record.get("ChargePeriodStart").asText())
              .withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
          if (!day.isBefore(from) && !day.isAfter(to)) {
            result.add(record);
          }
        }
      }
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("success", true);
      body.putArray("errors");
      body.putArray("messages");
      body.set("result", result);
      ProviderFixture.send(exchange, 200, "application/json", body.toString());
    };
  }

  static HttpHandler pagedSubscriptions() {
    return exchange -> {
      String page = query(exchange).getOrDefault("page", "1");
      ProviderFixture.send(exchange, 200, "application/json",
          ProviderFixture.resource("provider/cloudflare/subscriptions_page" + page + ".json"));
    };
  }

  static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> out = new HashMap<>();
    String raw = exchange.getRequestURI().getQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        out.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return out;
  }
}
