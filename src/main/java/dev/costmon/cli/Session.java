package dev.costmon.cli;

import dev.costmon.config.ConfigLoader;
import dev.costmon.config.ConfigLocator;
import dev.costmon.config.CostmonConfig;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The config a command runs with, and the terminal conventions (colour, verbosity) it prints by. */
record Session(CliContext context, GlobalOptions options, CostmonConfig config) {

  static Session open(CliContext context, GlobalOptions options) {
    Path file = new ConfigLocator(context.environment()).locate(options.config());
    CostmonConfig config = new ConfigLoader(context.providers(), context.environment()).load(file);
    Session session = new Session(context, options, config);
    session.verbose("using config " + file + " (" + config.accounts().size() + " accounts, database "
        + config.database() + ")");
    return session;
  }

  PrintWriter out() {
    return context.out();
  }

  PrintWriter err() {
    return context.err();
  }

  void verbose(String line) {
    if (options.verbose()) {
      context.err().println(journal() + line);
      context.err().flush();
    }
  }

  /** A problem that does not fail the command (a notification not delivered): a warning in the journal. */
  void warn(String line) {
    context.err().println((JournalStream.active(context.environment()) ? JournalStream.WARNING : "") + "costmon: "
        + line);
    context.err().flush();
  }

  private String journal() {
    return JournalStream.active(context.environment()) ? JournalStream.INFO : "";
  }

  /** Colours only on a terminal, and never with --no-color or NO_COLOR (https://no-color.org). */
  boolean colour() {
    String noColor = context.environment().get("NO_COLOR");
    return context.environment().terminal() && !options.noColor() && (noColor == null || noColor.isEmpty());
  }

  /** Progress lines go to a terminal, or anywhere with --verbose; cron sees errors only. */
  boolean progress() {
    return !options.quiet() && (context.environment().terminal() || options.verbose());
  }
}
