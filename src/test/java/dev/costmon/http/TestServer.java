package dev.costmon.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * A loopback HTTP server that plays scripted replies in order (the last one forever) and records
 * requests.
 */
final class TestServer implements AutoCloseable {
  /** A scripted reply; a reply with a handler computes its answer from the request. */
  record Reply(int status, Map<String, String> headers, byte[] body) {
    static Reply of(int status, String body) {
      return new Reply(
          status,
          Map.of("Content-Type", "application/json"),
          body.getBytes(StandardCharsets.UTF_8));
    }

    static Reply of(int status, String contentType, String body) {
      return new Reply(
          status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    Reply withHeader(String name, String value) {
      Map<String, String> all = new java.util.LinkedHashMap<>(headers);
      all.put(name, value);
      return new Reply(status, all, body);
    }

    Reply gzipped() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Reply(status, headers, out.toByteArray()).withHeader("Content-Encoding", "gzip");
    }
  }

  /** What the server received. */
  record Received(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  @FunctionalInterface
  interface Handler {
    Reply reply(Received request);
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Handler> script = new CopyOnWriteArrayList<>();

  private TestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static TestServer start() throws IOException {
    return new TestServer();
  }

  /** Replies in order; the last reply repeats. */
  TestServer replies(Reply... replies) {
    for (Reply reply : replies) {
      script.add(request -> reply);
    }
    return this;
  }

  TestServer handler(Handler handler) {
    script.add(handler);
    return this;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** {@code 127.0.0.1:port}, as error messages name the server. */
  String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  List<Received> requests() {
    return new ArrayList<>(received);
  }

  int count() {
    return received.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Received request =
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI(),
              Map.copyOf(exchange.getRequestHeaders()),
              body);
      int index;
      synchronized (received) {
        received.add(request);
        index = received.size() - 1;
      }
      Reply reply = script.get(Math.min(index, script.size() - 1)).reply(request);
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(
          reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
      if (reply.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply.body());
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
