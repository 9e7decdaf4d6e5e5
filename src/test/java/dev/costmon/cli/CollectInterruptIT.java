package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.costmon.provider.ProviderFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in a nightly collect, as a user does it, with the packaged jar (under failsafe): every account
 * is waiting on its own thread for an API that does not answer; the process ends at once with 130,
 * and the next collect marks the run interrupted and stores each account.
 */
class CollectInterruptIT {
  @TempDir Path dir;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch arrived = new CountDownLatch(3);
  private final AtomicBoolean hang = new AtomicBoolean(true);
  private final CountDownLatch end = new CountDownLatch(1);
  private HttpServer server;

  @AfterEach
  void stop() {
    end.countDown();
    if (server != null) {
      server.stop(0);
    }
    threads.shutdownNow();
  }

  @Test
  void sigintWhileEveryAccountWaitsEndsAtOnceAndTheNextCollectWorks() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      arrived.countDown();
      if (hang.get()) {
        try {
          end.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      ProviderFixture.send(exchange, 200, "application/json", "{\"total\": 1.25}");
    });
    server.start();
    StringBuilder yaml = new StringBuilder("currency: USD\ndatabase: history.db\naccounts:\n");
    for (int i = 0; i < 3; i++) {
      yaml.append("  - {id: api-").append(i).append(", provider: http-json, endpoint: 'http://127.0.0.1:")
          .append(server.getAddress().getPort()).append("', url: 'https://billing.example/").append(i)
          .append("', bearer: '${TOKEN}', amount: /total}\n");
    }
    Files.writeString(dir.resolve("costmon.yaml"), yaml.toString());

    Process collect = costmon();
    assertThat(arrived.await(60, TimeUnit.SECONDS)).as("every account asks: " + output()).isTrue();
    // The accounts ask while the run is being started: a signal before its row exists would find no run
    // to mark (nothing stored either), which is not the case this test is about.
    assertThat(runStarted()).as("the run is started: " + output()).isTrue();
    long signalled = System.nanoTime();
    new ProcessBuilder("kill", "-INT", String.valueOf(collect.pid())).start().waitFor();
    assertThat(collect.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGINT").isTrue();

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled)).as("ends at once").isLessThan(5_000);
    assertThat(collect.exitValue()).as(output()).isEqualTo(130);
    assertThat(output()).doesNotContain("Exception");

    hang.set(false);
    Process again = costmon();
    assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(again.exitValue()).as(output()).isZero();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("history.db"))) {
      assertThat(single(c, "SELECT group_concat(command || ' ' || status) FROM run"))
          .isEqualTo("collect interrupted,collect ok");
      assertThat(single(c, "SELECT count(*) || ' ' || count(DISTINCT account) FROM snapshot WHERE status = 'ok'"))
          .isEqualTo("3 3");
    }
  }

  private Process costmon() throws IOException {
    List<String> command = new ArrayList<>(BackfillInterruptIT.SIGNAL_DEFAULTS);
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of(System.getProperty("costmon.jar", "target/costmon.jar")).toAbsolutePath().toString(),
        "-c", dir.resolve("costmon.yaml").toString(), "collect"));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.txt").toFile()));
    pb.environment().put("TOKEN", "t");
    pb.environment().put("HOME", dir.toString());
    return pb.start();
  }

  private String output() throws IOException {
    Path out = dir.resolve("out.txt");
    return Files.exists(out) ? Files.readString(out) : "";
  }

  private boolean runStarted() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(dir.resolve("history.db"))) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("history.db"))) {
          if ("1".equals(single(c, "SELECT count(*) FROM run"))) {
            return true;
          }
        } catch (java.sql.SQLException e) {
          // Not created yet, or locked by the migration: ask again.
        }
      }
      Thread.sleep(20);
    }
    return false;
  }

  private static String single(Connection c, String sql) throws Exception {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      return rs.getString(1);
    }
  }
}
