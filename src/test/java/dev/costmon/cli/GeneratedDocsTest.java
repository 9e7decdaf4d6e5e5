package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The man page and completion come from the command model: every command and option is in them. */
class GeneratedDocsTest {
  private static final String PAGE = GeneratedDocs.manPage(CommandTree.root(), "0.0.0");

  /** The section of the man page about one command, up to the next command's. */
  private static String section(String path) {
    String heading = ".SS \"" + GeneratedDocs.escape(path) + "\"\n";
    int start = PAGE.indexOf(heading);
    assertThat(start).as("the man page has no section for '%s': GeneratedDocs.manPage must walk every"
        + " subcommand of Cli.commandLine", path).isNotNegative();
    int next = PAGE.indexOf("\n.SS ", start + heading.length());
    int end = next < 0 ? PAGE.indexOf("\n.SH ", start) : next;
    return PAGE.substring(start, end);
  }

  @Test
  void everyCommandHasASectionWithEveryOptionItTakes() {
    List<String> missing = new ArrayList<>();
    CommandLine root = CommandTree.root();
    assertThat(CommandTree.paths()).hasSizeGreaterThanOrEqualTo(12);
    for (List<String> path : CommandTree.paths()) {
      if (path.isEmpty()) {
        continue;
      }
      String name = "costmon " + String.join(" ", path);
      String section = section(name);
      CommandLine command = root;
      for (String word : path) {
        command = command.getSubcommands().get(word);
      }
      for (OptionSpec option : GeneratedDocs.options(command.getCommandSpec())) {
        for (String optionName : option.names()) {
          if (!section.contains("\\fB" + GeneratedDocs.escape(optionName) + "\\fR")) {
            missing.add(name + " " + optionName);
          }
        }
      }
    }
    assertThat(missing).as("options missing from the man page").isEmpty();
  }

  @Test
  void allTwelveCommandsAndTheGlobalOptionsAreThere() {
    for (String command : CostmonCommand.SUBCOMMANDS.keySet()) {
      assertThat(PAGE).contains(".SS \"costmon " + command + "\"\n");
    }
    assertThat(CostmonCommand.SUBCOMMANDS).hasSize(12);
    String global = PAGE.substring(PAGE.indexOf(".SH \"GLOBAL OPTIONS\""), PAGE.indexOf(".SH COMMANDS"));
    assertThat(global).contains("\\fB\\-c\\fR, \\fB\\-\\-config\\fR=\\fIFILE\\fR", "\\fB\\-\\-verbose\\fR",
        "\\fB\\-\\-quiet\\fR", "\\fB\\-\\-no\\-color\\fR");
    assertThat(section("costmon collect")).contains("\\fB\\-\\-dry\\-run\\fR", "\\fB\\-\\-account\\fR=\\fIID\\fR");
    assertThat(PAGE).doesNotContain("%n").doesNotContain("${DEFAULT-VALUE}").contains("(${ENV}, file:, credential:)");
  }

  @Test
  void manRendersThePageWithoutWarnings(@TempDir Path dir) throws IOException, InterruptedException {
    Assumptions.assumeTrue(onPath("groff"), "groff is not installed");
    Path page = Files.writeString(dir.resolve("costmon.1"), PAGE, StandardCharsets.UTF_8);
    Process groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", page.toString())
        .redirectErrorStream(true).start();
    String out = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(groff.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out).isEmpty();
    assertThat(groff.exitValue()).isZero();
  }

  @Test
  void theCompletionKnowsEverySubcommand(@TempDir Path dir) throws IOException {
    GeneratedDocs.main(dir.toString(), "0.0.0");

    String bash = Files.readString(dir.resolve("completion/costmon.bash"));
    for (List<String> path : CommandTree.paths()) {
      if (!path.isEmpty()) {
        assertThat(bash).contains(path.get(path.size() - 1));
      }
    }
    assertThat(bash).contains("complete -F _complete_costmon").contains("--dry-run");
    assertThat(Files.readString(dir.resolve("completion/_costmon"))).startsWith("#compdef costmon\n");
    assertThat(Files.readString(dir.resolve("man/costmon.1"))).startsWith(".TH COSTMON 1 \"\" \"costmon 0.0.0\"");
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null && java.util.Arrays.stream(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
  }
}
