package dev.costmon.http;

import java.net.http.HttpClient;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@link HttpClient} for a command's requests, built when the first request needs it (a run of
 * fixed fees never does) and stopped when the command is done.
 *
 * <p>Stopping matters for a short-lived CLI: the client's selector thread waits in native code, and
 * {@code System.exit} gives such threads 300 ms to return before it exits anyway, so every run that
 * used HTTP would end 0.3 s late. Java 21's client can be closed; Java 17's stops its selector thread
 * when that thread is interrupted, and names the thread after the id that its {@code toString} ends
 * with (the JDK's own tests find it the same way).
 */
public final class SharedClient implements AutoCloseable {
  private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");

  private final HttpSettings settings;
  private HttpClient client;

  public SharedClient(HttpSettings settings) {
    this.settings = settings;
  }

  /** The client, built on first use. */
  public synchronized HttpClient get() {
    if (client == null) {
      client = HttpEngine.newClient(settings);
    }
    return client;
  }

  /** Stops the client if one was built; its requests must be finished. */
  @Override
  public synchronized void close() {
    if (client == null) {
      return;
    }
    HttpClient stopping = client;
    client = null;
    if (stopping instanceof AutoCloseable closeable) {
      closeQuietly(closeable);
    } else {
      selectorThread(stopping).ifPresent(Thread::interrupt);
    }
  }

  static Optional<Thread> selectorThread(HttpClient client) {
    Matcher id = CLIENT_ID.matcher(client.toString());
    if (!id.find()) {
      return Optional.empty();
    }
    String name = "HttpClient-" + id.group(1) + "-SelectorManager";
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Only the exit is at stake: the JVM then waits its 300 ms, as it would without this.
    }
  }
}
