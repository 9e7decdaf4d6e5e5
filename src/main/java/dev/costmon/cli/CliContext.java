package dev.costmon.cli;

import dev.costmon.config.Environment;
import dev.costmon.provider.ProviderRegistry;
import java.io.PrintWriter;
import java.time.Clock;

/** What every command runs against, injected so tests drive the real command line without globals. */
public record CliContext(
    PrintWriter out, PrintWriter err, Environment environment, Clock clock, ProviderRegistry providers) {}
