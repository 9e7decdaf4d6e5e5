package dev.costmon;

import dev.costmon.cli.Cli;
import dev.costmon.cli.CliContext;
import dev.costmon.cli.ExitCodes;
import dev.costmon.cli.SelfCommand;
import dev.costmon.cli.StandardOutput;
import dev.costmon.cli.Warmup;
import dev.costmon.config.Environment;
import dev.costmon.provider.ProviderRegistry;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.util.Optional;

/** Entry point: runs the command line against the real process and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // Answered before picocli builds the command tree: package scripts and monitoring probes call it often.
      System.out.println("costmon " + Version.current());
      if (System.out.checkError()) {
        System.err.println("costmon: could not write the output");
        System.exit(ExitCodes.IO);
      }
      return;
    }
    Warmup.start(args);
    PrintWriter out = StandardOutput.over(new FileOutputStream(FileDescriptor.out));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    Environment environment = Environment.ofProcess();
    CliContext context = new CliContext(out, err, environment, Clock.systemUTC(), ProviderRegistry.builtIn(),
        SelfCommand.of(Optional.ofNullable(System.getProperty("costmon.launcher")), jar(), environment.workingDir()));
    System.exit(Cli.run(context, args));
  }

  /** The jar this class was loaded from; empty when run from a classes directory (an IDE, the tests). */
  private static Optional<Path> jar() {
    try {
      CodeSource source = Main.class.getProtectionDomain().getCodeSource();
      Path path = source == null ? null : Path.of(source.getLocation().toURI());
      return Optional.ofNullable(path).filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p));
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }
}
