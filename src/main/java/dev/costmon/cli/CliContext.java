package dev.costmon.cli;

import dev.costmon.config.Environment;
import dev.costmon.provider.ProviderRegistry;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * What every command runs against, injected so tests drive the real command line without globals.
 *
 * @param command how the user starts costmon here ({@code costmon}, {@code java -jar target/costmon.jar}),
 *     for hints that print a command to run next
 */
public record CliContext(PrintWriter out, PrintWriter err, Environment environment, Clock clock,
    ProviderRegistry providers, String command) {

  /** Started as {@code costmon}, the packaged launcher on the PATH. */
  public CliContext(PrintWriter out, PrintWriter err, Environment environment, Clock clock, ProviderRegistry providers) {
    this(out, err, environment, clock, providers, "costmon");
  }
}
