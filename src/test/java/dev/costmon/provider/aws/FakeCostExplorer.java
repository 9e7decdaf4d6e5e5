package dev.costmon.provider.aws;

import static dev.costmon.provider.ProviderFixture.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.costmon.provider.ProviderFixture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cost Explorer's JSON 1.1 protocol on loopback: dispatches on {@code X-Amz-Target}, keeps every
 * request body, and checks each request's SigV4 signature with its own code (not the provider's),
 * from the headers and body exactly as they arrived.
 */
final class FakeCostExplorer {
  static final String JSON_11 = "application/x-amz-json-1.1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([a-z0-9-]+)/ce/aws4_request, "
          + "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

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
    Matcher m = AUTHORIZATION.matcher(authorization);
    if (!m.matches()) {
      return "Authorization header malformed: " + authorization.replaceAll("Signature=\\w+", "Signature=...");
    }
    StringBuilder canonical = new StringBuilder("POST\n/\n\n");
    for (String name : m.group(4).split(";")) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value == null) {
        return "signed header " + name + " not received";
      }
      canonical.append(name).append(':').append(value.strip()).append('\n');
    }
    canonical.append('\n').append(m.group(4)).append('\n').append(hex(sha256(body)));
    String date = exchange.getRequestHeaders().getFirst("X-Amz-Date");
    String scope = m.group(2) + "/" + m.group(3) + "/ce/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n"
        + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), m.group(2));
    for (String part : new String[] {m.group(3), "ce", "aws4_request"}) {
      key = hmac(key, part);
    }
    String expected = hex(hmac(key, toSign));
    return expected.equals(m.group(5)) ? null : "signature does not match";
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
