package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.provider.ProviderFixture;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account whose latest collect failed while its data is still within max_age: check stays OK
 * but says so; and a provider that refuses connections is named in words, not by exception class.
 */
class LastAttemptFailedTest {
  @TempDir Path dir;
  CliHarness cli;
  ProviderFixture server;
  final AtomicInteger status = new AtomicInteger(200);

  @BeforeEach
  void setUp() {
    server = new ProviderFixture();
    server.route("/costs", exchange -> ProviderFixture.send(exchange, status.get(), "application/json",
        status.get() == 200 ? "{\"total\": 12.5}" : "{\"error\": \"down\"}"));
    cli = new CliHarness(dir);
    cli.env.put("TOKEN", "tok-0123456789");
    cli.write("costmon.yaml", """
        currency: USD
        database: history.db
        accounts:
          - id: chargeback
            provider: http-json
            endpoint: %1$s
            url: https://chargeback.example/costs
            bearer: ${TOKEN}
            amount: /total
        """.formatted(server.base()));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void checkSaysTheLastAttemptFailedWhileTheDataIsStillFresh() throws Exception {
    cli.at("2026-11-22T07:00:00Z");
    assertThat(cli.run("collect").exitCode()).isZero();
    status.set(500);
    cli.at("2026-11-23T06:00:00Z");
    assertThat(cli.run("collect").exitCode()).isEqualTo(2);

    cli.at("2026-11-23T07:00:00Z");
    CliHarness.Result text = cli.run("check", "--verbose");
    CliHarness.Result json = cli.run("check", "--format", "json");

    assertThat(text.exitCode()).isZero();
    String expected = "last attempt failed at 2026-11-23 06:00Z, data from 2026-11-22 07:00Z (24h ago, max_age 36h):"
        + " HTTP 500 Internal Server Error from 127.0.0.1:" + server.base().getPort() + "/costs after 4 attempts";
    assertThat(text.out()).contains("OK chargeback freshness: " + expected);
    assertThat(json.out()).contains("\"message\" : \"" + expected);
    assertThat(cli.run("check").out()).doesNotContain("last attempt failed");
  }

  @Test
  void aRefusedConnectionIsSaidInWordsWithHostAndAttempts() {
    cli.write("costmon.yaml", """
        currency: USD
        database: history.db
        accounts:
          - id: chargeback
            provider: http-json
            endpoint: http://127.0.0.1:9
            url: https://chargeback.example/costs
            bearer: ${TOKEN}
            amount: /total
        """);

    CliHarness.Result r = cli.run("collect");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("account 'chargeback': connection to 127.0.0.1:9/costs failed after 4 attempts:"
        + " connection refused").doesNotContain("Exception").doesNotContain("tok-0123456789");
  }
}
