package dev.costmon.cli;

import dev.costmon.Version;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;

/** The top-level {@code costmon} command: global options and the subcommands. */
@Command(
    name = "costmon",
    mixinStandardHelpOptions = true,
    versionProvider = CostmonCommand.VersionProvider.class,
    description = {
        "Nightly cost monitor: pulls provider billing and usage APIs, keeps a SQLite history, checks"
            + " spend against monthly caps and usage against free-tier quotas, and writes a .prom file for"
            + " node_exporter's textfile collector."},
    footerHeading = "%nExit codes (all commands but check):%n",
    footer = {
        "  0  success          1  some accounts failed     2  all accounts failed",
        " 64  usage error     65  bad input data          69  fx rates unavailable",
        " 70  internal error  73  demo dir not its own    74  database or output error",
        " 75  another collect runs                        78  configuration error",
        "check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also: an unreadable config or",
        "database).",
        "",
        "Try it without credentials:  costmon demo"})
public final class CostmonCommand implements Runnable {
  /**
   * The subcommands by name, in the order {@code --help} lists them. Registered by {@link Cli}
   * rather than in {@code @Command(subcommands = ...)}, so a run builds only the one it executes.
   */
  static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
      CollectCommand.class, ReportCommand.class, CheckCommand.class, ExportCommand.class, DemoCommand.class,
      ReprocessCommand.class, RawCommand.class, ConfigCommand.class, ImportCommand.class, DoctorCommand.class,
      NotifyCommand.class, DigestCommand.class);

  @Mixin GlobalOptions global;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static Map<String, Class<?>> subcommands(Class<?>... classes) {
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    for (Class<?> c : classes) {
      byName.put(c.getAnnotation(Command.class).name(), c);
    }
    return Collections.unmodifiableMap(byName);
  }

  /** Reads the version Maven wrote into the jar. */
  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"costmon " + Version.current()};
    }
  }
}
