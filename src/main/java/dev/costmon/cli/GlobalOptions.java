package dev.costmon.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts, before or after the command name. */
public final class GlobalOptions {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Config file. Default: $COSTMON_CONFIG, ./costmon.yaml, ~/.config/costmon/config.yaml,"
          + " /etc/costmon/config.yaml, the first that exists.")
  Path config;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Say more: which config was used, one line per account and request, stack traces.")
  boolean verbose;

  @Option(names = "--quiet", scope = ScopeType.INHERIT, description = "Print errors only.")
  boolean quiet;

  @Option(names = "--no-color", scope = ScopeType.INHERIT,
      description = "No colours (also when NO_COLOR is set or output is not a terminal).")
  boolean noColor;

  public Optional<Path> config() {
    return Optional.ofNullable(config);
  }

  public boolean verbose() {
    return verbose;
  }

  public boolean quiet() {
    return quiet && !verbose;
  }

  public boolean noColor() {
    return noColor;
  }
}
