package dev.costmon.cli;

import dev.costmon.config.Environment;
import dev.costmon.provider.ProviderRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** The real command model, every command in it, for tests that must cover all of them. */
final class CommandTree {
  private CommandTree() {}

  static CommandLine root() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    Path here = Path.of("").toAbsolutePath();
    return Cli.commandLine(new CliContext(sink, sink, new Environment(Map.of(), here, here, false),
        Clock.systemUTC(), ProviderRegistry.builtIn()));
  }

  /** Every command as typed after {@code costmon}: {@code []}, {@code [report]}, {@code [raw, list]}. */
  static List<List<String>> paths() {
    List<List<String>> all = new ArrayList<>();
    collect(root(), new ArrayList<>(), all);
    return all;
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> all) {
    all.add(List.copyOf(path));
    command.getSubcommands().forEach((name, sub) -> {
      if (sub.getCommandSpec().name().equals(name)) { // not an alias of one already listed
        List<String> next = new ArrayList<>(path);
        next.add(name);
        collect(sub, next, all);
      }
    });
  }
}
