package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.provider.ProviderFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API accounts end to end through the real command line: a loopback server, the HTTP engine, the
 * raw archive, reprocess, and a scan of every output and file for the secret.
 */
class ApiCollectTest {
  private static final String SECRET = "sk-test-0123456789abcdef";

  @TempDir Path dir;
  CliHarness cli;
  ProviderFixture server;

  @BeforeEach
  void setUp() {
    server = new ProviderFixture();
    cli = new CliHarness(dir);
    cli.env.put("CHARGEBACK_TOKEN", SECRET);
    cli.write("costmon.yaml", """
        currency: USD
        database: history.db
        textfile: costmon.prom
        accounts:
          - id: chargeback
            provider: http-json
            endpoint: %1$s
            url: https://chargeback.example/costs
            bearer: ${CHARGEBACK_TOKEN}
            amount: /total
            cap: 100 USD
            usage: {requests: {pointer: /requests}}
            quotas: {requests: 1M}
          - id: broken
            provider: http-json
            endpoint: %1$s
            url: https://broken.example/broken
            bearer: ${CHARGEBACK_TOKEN}
            amount: /total
        """.formatted(server.base()));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void oneFailingAccountDoesNotStopTheOthersAndNothingLeaksTheSecret() throws Exception {
    server.route("/costs", ProviderFixture.json("{\"total\": 85.123456789, \"requests\": 850000}"));
    server.route("/broken", ProviderFixture.respond(500, "text/html",
        "<html><h1>Internal error</h1> token=" + SECRET + "</html>"));

    CliHarness.Result collect = cli.run("collect");
    CliHarness.Result report = cli.run("report", "--format", "json");
    CliHarness.Result check = cli.run("check");
    CliHarness.Result raw = cli.run("raw", "list", "--account", "chargeback");

    assertThat(collect.exitCode()).isEqualTo(1);
    assertThat(collect.err()).startsWith("costmon: account 'broken': HTTP 500 Internal Server Error from 127.0.0.1:")
        .contains("after 4 attempts");
    assertThat(report.out()).contains("\"amount\" : \"85.123456789\"");
    assertThat(check.exitCode()).as("a WARNING outranks the UNKNOWN of the broken account").isEqualTo(1);
    assertThat(check.out()).contains("WARNING chargeback cap: spend 85.12 USD is 85.1% of cap 100.00 USD")
        .contains("WARNING chargeback quota:requests: requests 850.0k is 85.0% of quota 1.00M")
        .contains("UNKNOWN broken freshness: never collected successfully: HTTP 500");
    assertThat(raw.out()).contains("GET    200").contains("/costs");

    String everything = String.join("\n", collect.out(), collect.err(), report.out(), check.out(), raw.out(),
        cli.run("raw", "show", "1").out(), cli.run("export", "--format", "csv").out(),
        cli.run("export", "--format", "json").out(), cli.run("export", "--format", "openmetrics").out());
    assertThat(everything).doesNotContain(SECRET);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("costmon.yaml"))
          .toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
            .doesNotContain(SECRET);
      }
    }
  }

  @Test
  void reprocessRebuildsTheSameFiguresFromTheArchiveWithoutCallingTheProvider() {
    server.route("/costs", ProviderFixture.json("{\"total\": 12.5, \"requests\": 100}"));
    server.route("/broken", ProviderFixture.json("{\"total\": 1}"));
    cli.run("collect");
    String before = cli.run("export", "--format", "csv").out();
    int requests = server.requests.size();

    CliHarness.Result reprocess = cli.run("reprocess", "--account", "chargeback");

    assertThat(reprocess.exitCode()).as(reprocess.err()).isZero();
    assertThat(reprocess.out()).startsWith("chargeback           1 runs replayed, 3 figures");
    assertThat(server.requests).hasSize(requests);
    String after = cli.run("export", "--format", "csv").out();
    assertThat(strip(after)).isEqualTo(strip(before));
  }

  /** The CSV without its collected_at column, which a reprocess legitimately keeps. */
  private static String strip(String csv) {
    return csv.lines().map(l -> l.replaceFirst(",\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z,", ",")).reduce("", (a, b) -> a + b + "\n");
  }
}
