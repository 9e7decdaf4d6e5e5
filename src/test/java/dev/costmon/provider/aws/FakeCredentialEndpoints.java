package dev.costmon.provider.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the SDK's credential providers call, on loopback: STS's AssumeRoleWithWebIdentity and
 * AssumeRole (query protocol, XML answer) at {@code POST /}, a container credentials endpoint at {@code GET
 * /container} and the instance metadata service (IMDSv2: a token by {@code PUT}, then the role and
 * its credentials by {@code GET} with the token). Each hands out {@link #issued} when asked right.
 */
final class FakeCredentialEndpoints implements AutoCloseable {
  static final String IMDS_TOKEN = "imds-session-token-1";
  static final String ROLE = "costmon-reader";

  /** One request as received; {@code form} holds a POST's form fields. */
  record Received(String method, String path, Map<String, List<String>> headers, Map<String, String> form) {}

  /** The credentials the endpoints give; expiring in an hour of real time, which the SDK checks. */
  record Issued(String accessKeyId, String secretAccessKey, String sessionToken) {
    String expiration() {
      return Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    }
  }

  final Issued issued;
  final List<Received> received = new CopyOnWriteArrayList<>();
  /** The Authorization the container endpoint wants; null for none. */
  volatile String containerAuthorization;
  /** When set, STS answers this AWS error code with 403. */
  volatile String stsError;
  private final HttpServer server;

  FakeCredentialEndpoints(Issued issued) {
    this.issued = issued;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Map<String, String> form = method.equals("POST") ? form(body) : Map.of();
    received.add(new Received(method, path, Map.copyOf(exchange.getRequestHeaders()), form));
    String imdsToken = exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token");
    String action = form.get("Action");
    if (method.equals("POST") && path.equals("/")
        && ("AssumeRoleWithWebIdentity".equals(action) || "AssumeRole".equals(action))) {
      sts(exchange, action);
    } else if (method.equals("GET") && path.equals("/container")) {
      String want = containerAuthorization;
      boolean allowed = want == null || want.equals(exchange.getRequestHeaders().getFirst("Authorization"));
      send(exchange, allowed ? 200 : 401, allowed ? credentialsJson() : "{\"message\":\"unauthorized\"}");
    } else if (method.equals("PUT") && path.equals("/latest/api/token")
        && exchange.getRequestHeaders().containsKey("X-aws-ec2-metadata-token-ttl-seconds")) {
      send(exchange, 200, IMDS_TOKEN);
    } else if (method.equals("GET") && IMDS_TOKEN.equals(imdsToken)
        && path.equals("/latest/meta-data/iam/security-credentials/")) {
      send(exchange, 200, ROLE);
    } else if (method.equals("GET") && IMDS_TOKEN.equals(imdsToken)
        && path.equals("/latest/meta-data/iam/security-credentials/" + ROLE)) {
      send(exchange, 200, credentialsJson());
    } else {
      send(exchange, imdsToken == null && path.startsWith("/latest/meta-data") ? 401 : 404, "");
    }
  }

  private void sts(HttpExchange exchange, String action) throws IOException {
    if (stsError != null) {
      send(exchange, 403, """
          <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
            <Error><Type>Sender</Type><Code>%s</Code><Message>Not authorized to perform \
          sts:%s</Message></Error>
            <RequestId>fake-request</RequestId>
          </ErrorResponse>""".formatted(stsError, action));
      return;
    }
    send(exchange, 200, """
        <%1$sResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <%1$sResult>
            <Credentials>
              <AccessKeyId>%2$s</AccessKeyId>
              <SecretAccessKey>%3$s</SecretAccessKey>
              <SessionToken>%4$s</SessionToken>
              <Expiration>%5$s</Expiration>
            </Credentials>
          </%1$sResult>
          <ResponseMetadata><RequestId>fake-request</RequestId></ResponseMetadata>
        </%1$sResponse>""".formatted(action, issued.accessKeyId(), issued.secretAccessKey(),
        issued.sessionToken(), issued.expiration()));
  }

  private String credentialsJson() {
    return "{\"Code\":\"Success\",\"Type\":\"AWS-HMAC\",\"AccessKeyId\":\"" + issued.accessKeyId()
        + "\",\"SecretAccessKey\":\"" + issued.secretAccessKey() + "\",\"Token\":\"" + issued.sessionToken()
        + "\",\"Expiration\":\"" + issued.expiration() + "\"}";
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
