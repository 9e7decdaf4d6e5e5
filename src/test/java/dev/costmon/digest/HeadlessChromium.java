package dev.costmon.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A real Chromium, headless, driven over the DevTools protocol: a page is loaded at a device width,
 * its layout measured by the browser itself and a screenshot taken. Chromium comes from Debian's
 * package, which the CI script installs; {@link #find()} is empty where there is none.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  /** What the browser measured of a page laid out at one width. */
  record Layout(int width, int clientWidth, int scrollWidth, int height, int resources, String overflowing,
      BufferedImage screenshot, byte[] png) {
    boolean overflows() {
      return scrollWidth > clientWidth || !overflowing.isEmpty();
    }
  }

  /** The browser binary: $CHROMIUM, else chromium or chromium-browser on the PATH. */
  static Optional<Path> find() {
    String given = System.getenv("CHROMIUM");
    if (given != null && !given.isBlank()) {
      return Optional.of(Path.of(given)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(":")).flatMap(d -> Stream.of("chromium", "chromium-browser").map(n -> Path.of(d, n)))
        .filter(Files::isExecutable).findFirst();
  }

  HeadlessChromium(Path binary, Path profile) throws Exception {
    // --no-sandbox: CI runs as root, where Chromium refuses its sandbox; --disable-dev-shm-usage: a
    // container's /dev/shm is often too small for it. No network is used: the pages are files and
    // must load nothing else.
    process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-breakpad", "--disable-crash-reporter", "--hide-scrollbars", "--no-first-run", "--remote-debugging-port=0", "--user-data-dir=" + profile,
        "about:blank")
        .redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromium.log").toFile()).start();
    Path portFile = profile.resolve("DevToolsActivePort");
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Chromium did not start: " + Files.readString(profile.resolveSibling("chromium.log")));
      }
      Thread.sleep(100);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
    HttpClient http = HttpClient.newHttpClient();
    JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
    String page = null;
    for (JsonNode t : targets) {
      if (t.path("type").asText().equals("page")) {
        page = t.path("webSocketDebuggerUrl").asText();
      }
    }
    if (page == null) {
      throw new IllegalStateException("Chromium has no page target: " + targets);
    }
    socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Listener())
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Lays {@code page} out at {@code width} CSS pixels (a phone below 600), measures it, takes a screenshot. */
  Layout open(Path page, int width) throws Exception {
    ObjectNode metrics = JSON.createObjectNode().put("width", width).put("height", 800)
        .put("deviceScaleFactor", 1).put("mobile", width < 600);
    call("Emulation.setDeviceMetricsOverride", metrics);
    call("Page.navigate", JSON.createObjectNode().put("url", page.toUri().toString()));
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (!"complete".equals(evaluate("document.location.href.startsWith('file:') && document.readyState"))) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the page did not load");
      }
      Thread.sleep(50);
    }
    // Measured by the browser: the document's width against the viewport's, and every element whose
    // box reaches past the viewport's right edge.
    JsonNode m = JSON.readTree(evaluate("""
        JSON.stringify({
          clientWidth: document.documentElement.clientWidth,
          scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
          height: document.documentElement.scrollHeight,
          resources: performance.getEntriesByType('resource').length,
          overflowing: Array.from(document.querySelectorAll('body *'))
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .map(e => e.tagName.toLowerCase() + ': ' + e.textContent.slice(0, 40)).slice(0, 5).join('; ')
        })"""));
    int height = Math.min(m.path("height").asInt(), 6000);
    ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("width", width).put("height", height)
        .put("scale", 1);
    ObjectNode shot = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
    shot.set("clip", clip);
    byte[] png = Base64.getDecoder().decode(call("Page.captureScreenshot", shot).path("data").asText());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    return new Layout(width, m.path("clientWidth").asInt(), m.path("scrollWidth").asInt(), height,
        m.path("resources").asInt(), m.path("overflowing").asText(), image, png);
  }

  private String evaluate(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
        .put("returnByValue", true));
    return r.path("result").path("value").asText();
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + ": " + reply.get("error"));
    }
    return reply.path("result");
  }

  @Override
  public void close() {
    socket.abort();
    // The renderer and utility processes outlive the browser process for a moment and keep writing
    // into the profile: wait for all of them, or the test's temporary directory cannot be deleted.
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        p.destroyForcibly();
      }
    }
  }

  /** Collects each message (which may arrive in parts) and completes the call it answers. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(text.toString());
          CompletableFuture<JsonNode> f = message.has("id") ? pending.remove(message.get("id").asInt()) : null;
          if (f != null) {
            f.complete(message);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          text.setLength(0);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
