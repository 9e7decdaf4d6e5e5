package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code costmon demo}: the README's first command. */
class DemoTest {
  @TempDir Path dir;

  @Test
  void buildsAHistoryAndShowsEveryFeatureLabelledAsDemo() throws Exception {
    CliHarness cli = new CliHarness(dir);
    cli.env.put("COLUMNS", "200"); // the check's lines whole, as a monitoring system reads them

    CliHarness.Result r = cli.run("demo");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("DEMO DATA: 90 days of synthetic history for 7 accounts in costmon-demo\n")
        .contains("COSTMON CRITICAL")
        .contains("CRITICAL ovh-bare-metal cap")
        .contains("WARNING supabase quota:database_size: database_size 6.82 GB is 85.3% of quota 8.00 GB")
        // Its collects store the config's rate as a collect does, from the demo's first day.
        .contains("fx: 1 USD = 0.92 EUR (config, since 2026-08-26)");
    String prom = Files.readString(dir.resolve("costmon-demo/costmon.prom"));
    assertThat(prom).contains("costmon_demo 1").contains("costmon_quota_used_ratio");
    // A prepaid balance over its floor, so every panel of the dashboard (floors too) has demo data.
    assertThat(prom).containsPattern("costmon_floor\\{[^}]*account=\"openrouter\"[^}]*metric=\"credits_remaining\"[^}]*\\} 5.0")
        .containsPattern("costmon_usage\\{[^}]*account=\"openrouter\"[^}]*metric=\"credits_remaining\"[^}]*\\} 1\\d\\.");
    CliHarness.Result check = cli.run("check", "-c", "costmon-demo/costmon.yaml");
    assertThat(check.out().lines().findFirst().orElseThrow())
        .containsPattern("'openrouter_floor_credits_remaining'=[23]\\.\\d+;1:;@~:0;0;");
    assertThat(check.out()).doesNotContain("openrouter floor");

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

  /** Every file under the directory with its bytes and modification time: "nothing touched" is this, unchanged. */
  private static Map<String, String> snapshot(Path root) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.getLastModifiedTime(p) + " "
            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return files;
  }

  @Test
  void refusesADirectoryHoldingARealHistoryAndTouchesNothing() throws Exception {
    CliHarness cli = new CliHarness(dir);
    cli.write("real/costmon.yaml", """
        currency: EUR
        database: history.db
        textfile: costmon.prom
        accounts:
          - {id: ionos, provider: fixed, amount: 6 EUR}
        """);
    assertThat(cli.run("collect", "-c", "real/costmon.yaml").exitCode()).isZero();
    Map<String, String> before = snapshot(dir.resolve("real"));
    assertThat(before).containsKeys("history.db", "costmon.prom", "costmon.yaml");

    CliHarness.Result r = cli.run("demo", "--dir", "real");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.CANT_CREATE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("costmon: " + dir.resolve("real/history.db") + " is not a demo history: it holds"
        + " data the demo did not write (1 collect run); nothing was changed: give an empty or new directory"
        + " with --dir\n");
    assertThat(snapshot(dir.resolve("real"))).isEqualTo(before);
    assertThat(cli.run("report", "-c", "real/costmon.yaml").out()).contains("ionos");
  }

  @Test
  void refusesADirectoryWithOtherFilesOrAnotherDatabase() throws Exception {
    CliHarness cli = new CliHarness(dir);
    cli.write("notes/todo.txt", "buy milk\n");
    Map<String, String> before = snapshot(dir.resolve("notes"));

    CliHarness.Result r = cli.run("demo", "--dir", "notes");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.CANT_CREATE);
    assertThat(r.err()).isEqualTo("costmon: " + dir.resolve("notes") + " is not empty and holds no demo history"
        + " (todo.txt); nothing was changed: give an empty or new directory with --dir\n");
    assertThat(snapshot(dir.resolve("notes"))).isEqualTo(before);

    cli.write("other/history.db", "SQLite format 3 is what this is not");
    before = snapshot(dir.resolve("other"));
    CliHarness.Result other = cli.run("demo", "--dir", "other");
    assertThat(other.exitCode()).isEqualTo(ExitCodes.CANT_CREATE);
    assertThat(other.err()).contains("is not a demo history: it cannot be read as a costmon database").hasLineCount(1);
    assertThat(snapshot(dir.resolve("other"))).isEqualTo(before);
  }

  @Test
  void aDemoHistoryWithCollectedFiguresIsNoLongerTheDemosToReplace() throws Exception {
    CliHarness cli = new CliHarness(dir);
    assertThat(cli.run("demo", "--days", "3").exitCode()).isZero();
    assertThat(cli.run("collect", "-c", "costmon-demo/costmon.yaml").exitCode()).isZero();
    Map<String, String> before = snapshot(dir.resolve("costmon-demo"));

    CliHarness.Result again = cli.run("demo", "--days", "3");

    assertThat(again.exitCode()).isEqualTo(ExitCodes.CANT_CREATE);
    assertThat(again.err()).contains("(1 collect run)");
    assertThat(snapshot(dir.resolve("costmon-demo"))).isEqualTo(before);
  }

  @Test
  void anEmptyDirectoryIsFine() throws Exception {
    CliHarness cli = new CliHarness(dir);
    Files.createDirectories(dir.resolve("empty"));

    assertThat(cli.run("demo", "--days", "2", "--dir", "empty").exitCode()).isZero();
    assertThat(dir.resolve("empty/history.db")).exists();
  }

  @Test
  void everyHistoryExportSaysItIsDemoData() {
    CliHarness cli = new CliHarness(dir);
    assertThat(cli.run("demo", "--days", "3").exitCode()).isZero();

    String csv = cli.run("export", "-c", "costmon-demo/costmon.yaml", "--format", "csv").out();
    String json = cli.run("export", "-c", "costmon-demo/costmon.yaml", "--format", "json").out();
    String om = cli.run("export", "-c", "costmon-demo/costmon.yaml", "--format", "openmetrics").out();

    assertThat(csv.lines().findFirst().orElseThrow()).contains(",collected_at,demo,");
    // Before the five conversion columns (the demo's services hold no commas).
    assertThat(csv.lines().skip(1)).isNotEmpty().allSatisfy(line -> assertThat(line).matches(".*,true(,[^,]*){5}"));
    assertThat(json).contains("\"demo\" : true");
    assertThat(om).contains("# TYPE costmon_demo gauge\n").containsPattern("\ncostmon_demo 1 \\d+\n");
  }

  @Test
  void theHintNamesTheCommandThatStartedCostmon() {
    CliHarness cli = new CliHarness(dir);
    cli.command = "java -jar target/costmon.jar";
    cli.env.put("COLUMNS", "100");

    CliHarness.Result r = cli.run("demo", "--days", "2");

    assertThat(r.out()).contains("\nExplore: java -jar target/costmon.jar report -c costmon-demo/costmon.yaml"
        + " --by label:team\n").contains("\n$ java -jar target/costmon.jar check -c costmon-demo/costmon.yaml\n");
  }

  @Test
  void aHintThatWouldWrapLeavesOutTheGroupingRatherThanBreakTheCommand() {
    CliHarness cli = new CliHarness(dir);
    cli.command = "java -jar target/costmon.jar";
    cli.env.put("COLUMNS", "80");

    CliHarness.Result r = cli.run("demo", "--days", "2");

    assertThat(r.out()).contains("\nExplore: java -jar target/costmon.jar report -c costmon-demo/costmon.yaml\n");
  }
}
