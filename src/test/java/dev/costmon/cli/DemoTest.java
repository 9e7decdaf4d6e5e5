package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code costmon demo}: the README's first command. */
class DemoTest {
  @TempDir Path dir;

  @Test
  void buildsAHistoryAndShowsEveryFeatureLabelledAsDemo() throws Exception {
    CliHarness cli = new CliHarness(dir);

    CliHarness.Result r = cli.run("demo");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("DEMO DATA: 90 days of synthetic history for 6 accounts in " + dir.resolve("costmon-demo"))
        .contains("COSTMON CRITICAL")
        .contains("CRITICAL ovh-bare-metal cap")
        .contains("WARNING supabase quota:database_size: database_size 6.82 GB is 85.3% of quota 8.00 GB");
    String prom = Files.readString(dir.resolve("costmon-demo/costmon.prom"));
    assertThat(prom).contains("costmon_demo 1").contains("costmon_quota_used_ratio");

    CliHarness.Result report = cli.run("report", "-c", "costmon-demo/costmon.yaml", "--format", "json");
    assertThat(report.exitCode()).isZero();
    assertThat(report.out()).contains("\"demo\" : true");
  }

  @Test
  void runningItAgainRefreshesTheSameDeterministicHistory() throws Exception {
    CliHarness cli = new CliHarness(dir);
    cli.run("demo", "--days", "40");
    String first = Files.readString(dir.resolve("costmon-demo/costmon.prom"));

    CliHarness.Result again = cli.run("demo", "--days", "40");

    assertThat(again.exitCode()).isZero();
    assertThat(Files.readString(dir.resolve("costmon-demo/costmon.prom"))).isEqualTo(first);
  }
}
