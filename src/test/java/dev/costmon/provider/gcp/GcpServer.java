package dev.costmon.provider.gcp;

import static dev.costmon.provider.ProviderFixture.resource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.costmon.provider.ProviderFixture;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A loopback Google: the OAuth token endpoint and BigQuery's jobs.query / jobs.getQueryResults,
 * recording every request with its body (the fixture records method, path and headers only).
 */
final class GcpServer {
  static final String PROJECT = "costmon-test";
  static final String QUERIES = "/bigquery/v2/projects/" + PROJECT + "/queries";
  static final String TOKEN = "/token";
  static final String JOB_ID = "job_q7Lr2mXc9VbN4kT1sYwE0aH3";
  static final String PAGE2_TOKEN = "BFJYHE7LMSAQAAASAUIIBAEAAUNAICAKCAFCBMFOCU======";
  static final String PAGE3_TOKEN = "BFJYHE7LMSAQAAASAUIIBAEAAUNAICAKCAFCBMFOCU2======";

  /** One request as the server saw it. */
  record Seen(String method, URI uri, Map<String, List<String>> headers, String body) {
    Map<String, List<String>> query() {
      return GcpServer.params(uri.getRawQuery());
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final ProviderFixture fixture;
  private volatile HttpHandler token = ProviderFixture.json(gcp("token.json"));
  private volatile HttpHandler query = ProviderFixture.json(gcp("query_running.json"));
  private volatile HttpHandler results = byPageToken(Map.of(
      "", gcp("results_page1.json"),
      PAGE2_TOKEN, gcp("results_page2.json"),
      PAGE3_TOKEN, gcp("results_page3.json")));

  GcpServer(ProviderFixture fixture) {
    this.fixture = fixture;
    fixture.route(TOKEN, recorded(exchange -> token.handle(exchange)));
    fixture.route(QUERIES, recorded(exchange -> {
      if (exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals(QUERIES)) {
        query.handle(exchange);
      } else if (exchange.getRequestMethod().equals("GET")
          && exchange.getRequestURI().getPath().equals(QUERIES + "/" + JOB_ID)) {
        results.handle(exchange);
      } else {
        ProviderFixture.send(exchange, 404, "application/json", "{\"error\":{\"code\":404,\"message\":\"no route\"}}");
      }
    }));
  }

  static String gcp(String name) {
    return resource("provider/gcp/" + name);
  }

  URI tokenUri() {
    return URI.create(fixture.base() + TOKEN);
  }

  void token(HttpHandler handler) {
    this.token = handler;
  }

  void query(HttpHandler handler) {
    this.query = handler;
  }

  void results(HttpHandler handler) {
    this.results = handler;
  }

  List<Seen> to(String method, String pathPrefix) {
    return seen.stream()
        .filter(s -> s.method().equals(method) && s.uri().getPath().startsWith(pathPrefix))
        .toList();
  }

  /** getQueryResults answered by its {@code pageToken} parameter; none is the poll of a running job. */
  static HttpHandler byPageToken(Map<String, String> pages) {
    return exchange -> {
      String token = params(exchange.getRequestURI().getRawQuery())
          .getOrDefault("pageToken", List.of("")).get(0);
      String body = pages.get(token);
      if (body == null) {
        ProviderFixture.send(exchange, 400, "application/json", "{\"error\":{\"code\":400,\"message\":\"bad page token\"}}");
      } else {
        ProviderFixture.send(exchange, 200, "application/json", body);
      }
    };
  }

  static Map<String, List<String>> params(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    return Arrays.stream(raw.split("&"))
        .map(p -> p.split("=", 2))
        .collect(Collectors.groupingBy(
            p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
            LinkedHashMap::new,
            Collectors.mapping(p -> p.length < 2 ? "" : URLDecoder.decode(p[1], StandardCharsets.UTF_8),
                Collectors.toList())));
  }

  private HttpHandler recorded(HttpHandler handler) {
    return exchange -> {
      seen.add(read(exchange));
      handler.handle(exchange);
    };
  }

  private static Seen read(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
    return new Seen(exchange.getRequestMethod(), exchange.getRequestURI(), headers, body);
  }
}
