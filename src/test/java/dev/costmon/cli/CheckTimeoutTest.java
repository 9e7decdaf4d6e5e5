package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costmon.provider.ProviderFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check -t/--timeout} through the real command line: a breach to notify about and a webhook on
 * loopback that never answers, so {@code check --notify} would hang until the channel's own timeout.
 */
class CheckTimeoutTest {
  @TempDir Path dir;
  CliHarness cli;
  final ProviderFixture hook = new ProviderFixture();
  final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void setUp() {
    hook.route("/hook", exchange -> {
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ProviderFixture.send(exchange, 200, "text/plain", "late");
    });
    cli = new CliHarness(dir);
    cli.env.put("HOOK_URL", hook.base() + "/hook");
    cli.write("costmon.yaml", """
        currency: EUR
        database: history.db
        accounts:
          - id: ovh
            provider: fixed
            amount: 300 EUR
            accrual: daily
            cap: 200 EUR
        notify:
          - name: hook
            type: webhook
            url: ${HOOK_URL}
        """);
    assertThat(cli.run("collect").exitCode()).isZero();
  }

  @AfterEach
  void tearDown() {
    release.countDown();
    hook.close();
  }

  @Test
  void aCheckStuckPastItsTimeoutAnswersUnknownWithExitThreeOnTime() {
    long start = System.nanoTime();

    CliHarness.Result r = cli.run("check", "--notify", "-t", "2");

    // The webhook would hold it for a minute.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(r.exitCode()).isEqualTo(3);
    // Only the UNKNOWN line: the breach the stuck check had evaluated is never printed after it.
    assertThat(r.out()).isEqualTo("COSTMON UNKNOWN - check timed out after 2 seconds (--timeout)\n");
    assertThat(r.err()).isEqualTo("costmon: check timed out after 2 s; nothing was evaluated in time\n");
  }

  @Test
  void theJsonAnswerToATimeoutIsUnknownToo() throws Exception {
    CliHarness.Result r = cli.run("check", "--notify", "--timeout", "1", "--format", "json");

    assertThat(r.exitCode()).isEqualTo(3);
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.path("status").asText()).isEqualTo("UNKNOWN");
    assertThat(root.path("exit_code").asInt()).isEqualTo(3);
    assertThat(root.path("reason").asText()).isEqualTo("check timed out after 1 second (--timeout)");
  }

  @Test
  void aCheckWithinItsTimeoutAnswersAsWithout() {
    CliHarness.Result without = cli.run("check");
    CliHarness.Result within = cli.run("check", "--timeout", "30");

    assertThat(within.exitCode()).isEqualTo(2).isEqualTo(without.exitCode());
    assertThat(within.out()).isEqualTo(without.out()).startsWith("COSTMON CRITICAL - ");
    assertThat(hook.requests).isEmpty();
  }

  @Test
  void aTimeoutBelowOneSecondIsAnUnknownUsageError() {
    CliHarness.Result r = cli.run("check", "-t", "0");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("COSTMON UNKNOWN - --timeout must be at least 1 second, not 0\n");
    assertThat(cli.run("check", "-t", "soon").out()).startsWith("COSTMON UNKNOWN - Invalid value for option");
  }
}
