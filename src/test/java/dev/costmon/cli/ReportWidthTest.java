package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo and the report fit the terminal they are printed on: no row ever wraps. */
class ReportWidthTest {
  @TempDir Path dir;

  private static List<String> tooWide(String out, int columns) {
    return out.lines().filter(line -> line.codePointCount(0, line.length()) > columns).toList();
  }

  @ParameterizedTest
  @ValueSource(ints = {80, 100, 120, 200})
  void everyLineOfTheDemoAndTheReportFitsColumns(int columns) {
    CliHarness cli = new CliHarness(dir);
    cli.env.put("COLUMNS", Integer.toString(columns));

    CliHarness.Result demo = cli.run("demo", "--days", "45");
    CliHarness.Result report = cli.run("report", "-c", "costmon-demo/costmon.yaml");
    CliHarness.Result byService = cli.run("report", "-c", "costmon-demo/costmon.yaml", "--by", "service");

    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(tooWide(demo.out(), columns)).as(demo.out()).isEmpty();
    assertThat(tooWide(report.out(), columns)).as(report.out()).isEmpty();
    assertThat(tooWide(byService.out(), columns)).as(byService.out()).isEmpty();
    // One line per account, whatever the width: the money columns are always there.
    assertThat(report.out()).containsPattern("\\novh-bare-metal .*250\\.00 EUR .*200\\.00 EUR +125% +250\\.00 EUR");
  }

  @Test
  void eightyColumnsKeepTheMoneyAndExplainTheBadges() {
    CliHarness cli = new CliHarness(dir);
    cli.env.put("COLUMNS", "80");
    cli.run("demo", "--days", "45");

    String out = cli.run("report", "-c", "costmon-demo/costmon.yaml").out();

    assertThat(out).contains("ACCOUNT").contains("SPEND").contains("CAP").contains("% OF CAP").contains("FORECAST")
        .contains("SRC").contains("AGE").doesNotContain("TREND").doesNotContain("COLLECTED");
    assertThat(out).contains("\nSRC: E estimate, F fixed\n");
  }

  @Test
  void twoHundredColumnsShowTheWholeTable() {
    CliHarness cli = new CliHarness(dir);
    cli.env.put("COLUMNS", "200");
    cli.run("demo", "--days", "45");

    String out = cli.run("report", "-c", "costmon-demo/costmon.yaml").out();

    assertThat(out).contains("PROVIDER").contains("TREND").contains("SOURCE").contains("COLLECTED")
        .containsPattern("[▁▂▃▄▅▆▇█]{30}").doesNotContain("SRC:");
  }

  @Test
  void aPipeWithoutColumnsIsLaidOutForEighty() {
    CliHarness cli = new CliHarness(dir);
    cli.run("demo", "--days", "45");

    String out = cli.run("report", "-c", "costmon-demo/costmon.yaml").out();

    assertThat(tooWide(out, 80)).isEmpty();
    assertThat(out).contains("SRC");
  }

  @Test
  void theTerminalsOwnWidthCountsWhenColumnsIsUnset() {
    CliHarness cli = new CliHarness(dir);
    cli.terminal = true;
    cli.terminalColumns = 100;
    cli.run("demo", "--days", "45");

    String out = cli.run("report", "-c", "costmon-demo/costmon.yaml", "--no-color").out();

    assertThat(tooWide(out, 100)).isEmpty();
    assertThat(tooWide(out, 80)).isNotEmpty();
  }
}
