package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A check that cannot evaluate anything still answers on stdout, as the monitoring-plugin contract
 * wants: {@code COSTMON UNKNOWN - <reason>} first (Nagios otherwise records "(No output on stdout)"),
 * the detail on stderr, exit 3; or a JSON document with the UNKNOWN status and the reason.
 */
class CheckUnknownTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    cli.write("costmon.yaml", "currency: EUR\ndatabase: h.db\naccounts:\n  - {id: a, provider: fixed, amount: 5 EUR}\n");
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("");
  }

  @Test
  void aBrokenConfigIsUnknownOnStdout() {
    cli.write("costmon.yaml", "currency: EURO\n");

    CliHarness.Result r = cli.run("check");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).startsWith("costmon: " + dir.resolve("costmon.yaml") + ":1:").contains("'EURO'").hasLineCount(1);
    String reason = r.err().strip().substring("costmon: ".length());
    assertThat(r.out()).isEqualTo("COSTMON UNKNOWN - " + reason + "\n");
  }

  @Test
  void aMissingConfigOrDatabaseIsUnknownOnStdout() {
    CliHarness.Result missing = cli.run("check", "-c", "missing.yaml");
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(firstLine(missing.out()))
        .isEqualTo("COSTMON UNKNOWN - " + dir.resolve("missing.yaml") + ": no such config file");

    CliHarness.Result noHistory = cli.run("check");
    assertThat(noHistory.exitCode()).isEqualTo(3);
    assertThat(firstLine(noHistory.out())).startsWith("COSTMON UNKNOWN - no history at " + dir.resolve("h.db"));
  }

  @Test
  void aUsageErrorIsUnknownOnStdoutWithTheDetailOnStderr() {
    CliHarness.Result r = cli.run("check", "--bogus");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("COSTMON UNKNOWN - Unknown option: '--bogus'\n");
    assertThat(r.err()).startsWith("costmon: Unknown option: '--bogus'").contains("Try 'costmon check --help'.");

    CliHarness.Result badFormat = cli.run("check", "--format", "yaml");
    assertThat(badFormat.exitCode()).isEqualTo(3);
    assertThat(firstLine(badFormat.out())).startsWith("COSTMON UNKNOWN - Invalid value for option '--format'");
  }

  @Test
  void jsonGetsAJsonDocumentWithTheReason() throws Exception {
    cli.write("costmon.yaml", "currency: EURO\n");

    CliHarness.Result broken = cli.run("check", "--format", "json");
    CliHarness.Result usage = cli.run("check", "--format=json", "--bogus");

    for (CliHarness.Result r : new CliHarness.Result[] {broken, usage}) {
      assertThat(r.exitCode()).isEqualTo(3);
      JsonNode json = new ObjectMapper().readTree(r.out());
      assertThat(json.get("status").asText()).isEqualTo("UNKNOWN");
      assertThat(json.get("format_version").asInt()).isEqualTo(1);
      assertThat(json.get("exit_code").asInt()).isEqualTo(3);
      assertThat(json.get("thresholds").size()).isZero();
    }
    assertThat(new ObjectMapper().readTree(broken.out()).get("reason").asText())
        .isEqualTo(broken.err().strip().substring("costmon: ".length())).contains("'EURO'");
    assertThat(new ObjectMapper().readTree(usage.out()).get("reason").asText()).isEqualTo("Unknown option: '--bogus'");
  }

  @Test
  void otherCommandsKeepStdoutClean() {
    CliHarness.Result r = cli.run("report", "--bogus");
    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.out()).isEmpty();
  }
}
