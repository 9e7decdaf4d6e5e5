package dev.costmon.provider.aws;

import static dev.costmon.provider.ProviderFixture.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.costmon.provider.ProviderFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;

/**
 * Cost Explorer's JSON 1.1 protocol on loopback: dispatches on {@code X-Amz-Target}, keeps every
 * request body, and checks each request's SigV4 signature with {@link SigV4Reference} (not the SDK),
 * from the headers and body exactly as they arrived.
 */
final class FakeCostExplorer {
  static final String JSON_11 = "application/x-amz-json-1.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the server saw it. */
  record Received(String target, JsonNode body, Map<String, List<String>> headers, String signatureProblem) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, HttpHandler> byTarget = new ConcurrentHashMap<>();
  private final String secretAccessKey;

  FakeCostExplorer(ProviderFixture fixture, String secretAccessKey) {
    this.secretAccessKey = secretAccessKey;
    fixture.route("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      JsonNode json = body.length == 0 ? null : JSON.readTree(body);
      received.add(new Received(target, json, Map.copyOf(exchange.getRequestHeaders()), verify(exchange, body)));
      exchange.setAttribute("body", json);
      HttpHandler handler = byTarget.get(target == null ? "" : target);
      if (handler == null) {
        error(400, "UnknownOperationException", "no such operation").handle(exchange);
      } else {
        handler.handle(exchange);
      }
    });
  }

  void on(String operation, HttpHandler handler) {
    byTarget.put("AWSInsightsIndexService." + operation, handler);
  }

  List<Received> calls(String operation) {
    return received.stream().filter(r -> ("AWSInsightsIndexService." + operation).equals(r.target())).toList();
  }

  /** Page N of GetCostAndUsage for {@code page-N-token}; no token is page 1. */
  static HttpHandler pages(String... resources) {
    return exchange -> {
      JsonNode body = (JsonNode) exchange.getAttribute("body");
      String token = body.path("NextPageToken").asText("");
      int page = token.isEmpty() ? 1 : token.matches("page-\\d+-token") ? Integer.parseInt(token.split("-")[1]) : 0;
      if (page < 1 || page > resources.length) {
        error(400, "InvalidNextTokenException", "The pagination token is invalid.").handle(exchange);
      } else {
        ProviderFixture.send(exchange, 200, JSON_11, resource("provider/aws/" + resources[page - 1]));
      }
    };
  }

  static HttpHandler ok(String json) {
    return exchange -> ProviderFixture.send(exchange, 200, JSON_11, json);
  }

  static HttpHandler okResource(String name) {
    return ok(resource("provider/aws/" + name));
  }

  /** An AWS JSON error: {@code __type} with the service's namespace, {@code message}, the header too. */
  static HttpHandler error(int status, String type, String message) {
    return exchange -> {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/");
      String body = JSON.createObjectNode().put("__type", "com.amazonaws.ce#" + type).put("message", message).toString();
      ProviderFixture.send(exchange, status, JSON_11, body);
    };
  }

  /** Null when the signature is right, else what is wrong with it. */
  private String verify(HttpExchange exchange, byte[] body) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null) {
      return "no Authorization header";
    }
    Matcher m = SigV4Reference.parse(authorization);
    if (m == null || !m.group(4).equals("ce")) {
      return "Authorization header malformed: " + authorization.replaceAll("Signature=\\w+", "Signature=...");
    }
    List<String> signed = List.of(m.group(5).split(";"));
    Map<String, String> values = new HashMap<>();
    for (String name : signed) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value == null) {
        return "signed header " + name + " not received";
      }
      values.put(name, value);
    }
    String date = exchange.getRequestHeaders().getFirst("X-Amz-Date");
    String expected = SigV4Reference.signature("POST", "/", "", signed, values, body, date, m.group(3), "ce",
        secretAccessKey);
    return expected.equals(m.group(6)) ? null : "signature does not match";
  }
}
