package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.costmon.provider.ProviderFixture;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default {@code concurrency:} runs every account at once, so 40 slow providers take one wait, not three. */
class CollectConcurrencyTest {
  private static final int ACCOUNTS = 40;

  @TempDir Path dir;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
    threads.shutdownNow();
  }

  @Test
  void everyAccountIsAskedBeforeAnyAnswerComesBack() throws Exception {
    // Each answer waits until all 40 requests have arrived: in waves of fewer (the old default of 16),
    // the first wave would wait in vain and the most seen at once would stay below 40.
    CountDownLatch all = new CountDownLatch(ACCOUNTS);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), ACCOUNTS);
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      all.countDown();
      try {
        all.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      ProviderFixture.send(exchange, 200, "application/json", "{\"total\": 1.25}");
    });
    server.start();
    StringBuilder yaml = new StringBuilder("currency: USD\ndatabase: history.db\naccounts:\n");
    for (int i = 0; i < ACCOUNTS; i++) {
      yaml.append("  - {id: api-").append(i).append(", provider: http-json, endpoint: 'http://127.0.0.1:")
          .append(server.getAddress().getPort()).append("', url: 'https://billing.example/").append(i)
          .append("', bearer: '${TOKEN}', amount: /total}\n");
    }
    CliHarness cli = new CliHarness(dir);
    cli.env.put("TOKEN", "t");
    cli.write("costmon.yaml", yaml.toString());

    CliHarness.Result collect = cli.run("collect");

    assertThat(collect.exitCode()).as(collect.err()).isZero();
    assertThat(most.get()).isEqualTo(ACCOUNTS);
    assertThat(cli.run("report", "--format", "csv").out()).contains("api-39");
  }
}
