package dev.costmon.cli;

import dev.costmon.budget.CheckOutput;
import dev.costmon.config.ConfigException;
import dev.costmon.demo.DemoRefusedException;
import dev.costmon.export.ExportException;
import dev.costmon.store.LockedException;
import dev.costmon.store.StoreException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParseResult;

/**
 * Builds the picocli command line around a {@link CliContext} and maps every domain error to its
 * exit code and one readable line; stack traces only with {@code --verbose}.
 */
public final class Cli {
  private Cli() {}

  public static int run(CliContext given, String... args) {
    CliContext context = JournalStream.active(given.environment())
        ? new CliContext(given.out(), JournalStream.prefixed(given.err()), given.environment(), given.clock(),
            given.providers())
        : given;
    CommandLine cl = commandLine(context, args);
    int code = cl.execute(args);
    context.out().flush();
    code = outputWritten(context, code, args);
    context.err().flush();
    return code;
  }

  /**
   * The exit code once standard output is known to hold everything the command wrote: a disk that
   * filled up under {@code costmon export > file} must not end in exit 0 and a truncated file.
   */
  private static int outputWritten(CliContext context, int code, String... args) {
    if (!context.out().checkError()) {
      return code;
    }
    Optional<IOException> failure = context.out() instanceof StandardOutput s
        ? s.failure() : Optional.empty();
    if (failure.filter(StandardOutput::isClosedPipe).isPresent()) {
      return code;
    }
    context.err().println("costmon: could not write the output: "
        + failure.map(e -> String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT))
            .orElse("standard output failed")
        + "; what was written is incomplete");
    boolean check = Invocation.subcommand(args, CostmonCommand.SUBCOMMANDS.keySet())
        .filter("check"::equals).isPresent();
    return check ? 3 : ExitCodes.IO;
  }

  static CommandLine commandLine(CliContext context, String... args) {
    CommandLine cl = new CommandLine(CostmonCommand.class, new ContextFactory(context));
    // Building a subcommand's model costs start-up time, and a run executes one: register only that
    // one when the arguments name it, all of them for help, usage errors and typo suggestions.
    Invocation.subcommand(args, CostmonCommand.SUBCOMMANDS.keySet()).ifPresentOrElse(
        name -> cl.addSubcommand(name, CostmonCommand.SUBCOMMANDS.get(name)),
        () -> CostmonCommand.SUBCOMMANDS.forEach(cl::addSubcommand));
    cl.setOut(context.out());
    cl.setErr(context.err());
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionStrategy(parseResult -> {
      rejectContradictions(parseResult);
      return new CommandLine.RunLast().execute(parseResult);
    });
    cl.setParameterExceptionHandler((ex, unmatched) -> {
      CommandLine c = ex.getCommandLine();
      if (isCheck(c)) {
        unknown(c, ex.getMessage(), wantsJson(args));
      }
      c.getErr().println("costmon: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
      c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
      return isCheck(c) ? 3 : ExitCodes.USAGE;
    });
    cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
      boolean verbose = parseResult.matchedOptionValue("--verbose", false)
          || parseResult.subcommands().stream().anyMatch(p -> p.matchedOptionValue("--verbose", false));
      int code = exitCode(ex);
      String message = ex instanceof RuntimeException && code != ExitCodes.SOFTWARE
          ? ex.getMessage() : "internal error: " + ex;
      if (c.getCommand() instanceof CheckCommand check) {
        unknown(c, message, check.format == CheckCommand.Format.json);
      }
      c.getErr().println("costmon: " + message);
      if (verbose) {
        ex.printStackTrace(c.getErr());
      }
      return isCheck(c) ? 3 : code;
    });
    return cl;
  }

  /**
   * A check that cannot run still answers on stdout, where a monitoring system reads the status:
   * Nagios would otherwise record "(No output on stdout)". The detail follows on stderr.
   */
  private static void unknown(CommandLine c, String reason, boolean json) {
    CheckOutput.unknown(reason, json, c.getOut());
    c.getOut().flush();
  }

  /** Whether the check's arguments ask for JSON, read from the raw arguments when they did not parse. */
  private static boolean wantsJson(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--format=json") || args[i].equals("--format") && i + 1 < args.length
          && args[i + 1].equals("json")) {
        return true;
      }
    }
    return false;
  }

  /** Options that ask for opposite things: picking one silently would surprise whoever wrote both. */
  private static void rejectContradictions(ParseResult parseResult) {
    boolean quiet = false;
    boolean verbose = false;
    CommandLine last = parseResult.commandSpec().commandLine();
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      quiet |= p.hasMatchedOption("--quiet");
      verbose |= p.hasMatchedOption("--verbose");
      last = p.commandSpec().commandLine();
    }
    if (quiet && verbose) {
      throw new CommandLine.ParameterException(last, "--quiet and --verbose cannot be used together");
    }
  }

  private static boolean isCheck(CommandLine c) {
    return c.getCommand() instanceof CheckCommand;
  }

  private static int exitCode(Exception ex) {
    if (ex instanceof ConfigException) {
      return ExitCodes.CONFIG;
    }
    if (ex instanceof LockedException) {
      return ExitCodes.TEMPFAIL;
    }
    if (ex instanceof StoreException || ex instanceof ExportException) {
      return ExitCodes.IO;
    }
    if (ex instanceof DataException) {
      return ExitCodes.DATA;
    }
    if (ex instanceof DemoRefusedException) {
      return ExitCodes.CANT_CREATE;
    }
    return ExitCodes.SOFTWARE;
  }

  /** Creates commands that take the context in their constructor; everything else picocli's way. */
  private record ContextFactory(CliContext context) implements IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
          return cls.cast(c.newInstance(context));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
