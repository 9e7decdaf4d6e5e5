package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a person at a terminal expects of any command line tool: colours, verbosity, help. */
class TerminalConventionsTest {
  @TempDir Path dir;

  @Test
  void aDumbTerminalGetsNoColour() {
    CliHarness cli = new CliHarness(dir);
    cli.terminal = true;
    assertThat(cli.run("demo", "--days", "3").out()).as("a real terminal gets colour").contains("\u001b[");

    cli.env.put("TERM", "dumb");
    CliHarness.Result r = cli.run("demo", "--days", "3");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("\u001b[");
  }

  @Test
  void quietAndVerboseTogetherIsAUsageError() {
    CliHarness cli = new CliHarness(dir);

    for (String[] args : List.of(new String[] {"--quiet", "--verbose", "demo", "--days", "1"},
        new String[] {"demo", "--days", "1", "--verbose", "--quiet"},
        new String[] {"--quiet", "report", "--verbose"})) {
      CliHarness.Result r = cli.run(args);

      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).startsWith("costmon: --quiet and --verbose cannot be used together\n");
      assertThat(r.out()).isEmpty();
    }
    assertThat(dir.resolve("costmon-demo")).doesNotExist();
  }

  @Test
  void checkTreatsTheContradictionAsUnknownLikeAnyUsageError() {
    CliHarness.Result r = new CliHarness(dir).run("check", "--quiet", "--verbose");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("--quiet and --verbose cannot be used together");
  }

  @Test
  void everyExampleFooterLineFitsEightyColumns() {
    // picocli wraps a longer footer line at 80 columns, in the middle of an example's comment: the
    // lines as written must fit.
    List<String> tooWide = new ArrayList<>();
    CommandLine root = CommandTree.root();
    for (List<String> path : CommandTree.paths()) {
      CommandLine command = root;
      for (String word : path) {
        command = command.getSubcommands().get(word);
      }
      for (String footer : command.getCommandSpec().usageMessage().footer()) {
        for (String line : footer.replace("%n", "\n").replace("%%", "%").split("\n")) {
          if (line.length() > 80) {
            tooWide.add(("costmon " + String.join(" ", path)).strip() + ": " + line.length() + ": " + line);
          }
        }
      }
    }
    assertThat(tooWide).as("footer lines wider than 80 columns").isEmpty();
  }

  @Test
  void everyHelpRunsAndFitsEightyColumns() {
    CliHarness cli = new CliHarness(dir);
    List<String> tooWide = new ArrayList<>();
    for (List<String> command : CommandTree.paths()) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      CliHarness.Result r = cli.run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
      assertThat(r.out()).doesNotContain("null");
      r.out().lines().filter(line -> line.length() > 80)
          .forEach(line -> tooWide.add(String.join(" ", command) + ": " + line.length() + ": " + line));
    }
    assertThat(tooWide).as("help lines wider than 80 columns").isEmpty();
  }

  @Test
  void helpShowsSecretReferencesAsWrittenNotAsInterpolatedVariables() {
    CliHarness.Result r = new CliHarness(dir).run("config", "show", "--help");

    assertThat(r.out()).contains("(${ENV}, file:, credential:)").doesNotContain("null");
  }
}
