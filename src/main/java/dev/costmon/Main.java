package dev.costmon;

import dev.costmon.cli.Cli;
import dev.costmon.cli.CliContext;
import dev.costmon.cli.Warmup;
import dev.costmon.config.Environment;
import dev.costmon.provider.ProviderRegistry;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Entry point: runs the command line against the real process and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // Answered before picocli builds the command tree: package scripts and monitoring probes call it often.
      System.out.println("costmon " + Version.current());
      return;
    }
    Warmup.start(args);
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    CliContext context =
        new CliContext(out, err, Environment.ofProcess(), Clock.systemUTC(), ProviderRegistry.builtIn());
    System.exit(Cli.run(context, args));
  }
}
