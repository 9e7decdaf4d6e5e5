package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvocationTest {
  private static final Set<String> NAMES = CostmonCommand.SUBCOMMANDS.keySet();

  @Test
  void findsTheSubcommandAfterGlobalOptionsAndTheConfigValue() {
    assertThat(Invocation.subcommand(new String[] {"report", "--by", "service"}, NAMES)).contains("report");
    assertThat(Invocation.subcommand(new String[] {"--verbose", "-c", "check", "collect"}, NAMES))
        .contains("collect");
    assertThat(Invocation.subcommand(new String[] {"--config", "x.yaml", "--quiet", "export"}, NAMES))
        .contains("export");
    assertThat(Invocation.subcommand(new String[] {"--config=report", "check"}, NAMES)).contains("check");
  }

  @Test
  void findsNothingForHelpTyposAndNoArguments() {
    assertThat(Invocation.subcommand(new String[] {}, NAMES)).isEmpty();
    assertThat(Invocation.subcommand(new String[] {"--help"}, NAMES)).isEmpty();
    assertThat(Invocation.subcommand(new String[] {"reprot"}, NAMES)).isEmpty();
    assertThat(Invocation.subcommand(new String[] {"-c"}, NAMES)).isEmpty();
  }

  @Test
  void everySubcommandIsRegisteredUnderItsOwnName() {
    assertThat(NAMES).containsExactly("collect", "report", "check", "export", "demo", "reprocess", "raw",
        "config", "import", "doctor", "notify", "digest");
  }

  @Test
  void helpStillListsEverySubcommandAndATypoStillGetsASuggestion(@TempDir Path dir) {
    CliHarness cli = new CliHarness(dir);
    CliHarness.Result help = cli.run("--help");
    assertThat(help.exitCode()).isZero();
    NAMES.forEach(name -> assertThat(help.out()).containsPattern("(?m)^\\s+" + name + "\\s"));

    CliHarness.Result typo = cli.run("reprot");
    assertThat(typo.exitCode()).isEqualTo(64);
    assertThat(typo.err()).contains("report");
  }

  @Test
  void warmUpPlansOnlyWhatTheCommandUses() {
    assertThat(Warmup.steps(Optional.empty())).isEmpty();
    assertThat(Warmup.steps(Optional.of("config"))).hasSize(1);
    assertThat(Warmup.steps(Optional.of("report"))).hasSize(2);
    assertThat(Warmup.steps(Optional.of("collect"))).as("no loopback exchange beside 64 accounts").hasSize(3);
    assertThat(Warmup.steps(Optional.of("doctor"))).hasSize(4);
    assertThat(Warmup.steps(Optional.of("demo"))).as("the archive's training run loads the HTTP client").hasSize(3);
    Warmup.steps(Optional.of("collect")).forEach(Runnable::run);
  }
}
