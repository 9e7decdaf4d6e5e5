package dev.costmon.cli;

import dev.costmon.config.ConfigLoader;
import dev.costmon.config.ConfigLocator;
import dev.costmon.config.CostmonConfig;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The config a command runs with, and the terminal conventions (colour, verbosity) it prints by. */
record Session(CliContext context, GlobalOptions options, CostmonConfig config) {
  static final int DEFAULT_COLUMNS = 80;

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

  /**
   * Colours only on a terminal that can show them: never with --no-color, NO_COLOR
   * (https://no-color.org) or TERM=dumb (Emacs shells, some CI consoles print the escape codes raw).
   */
  boolean colour() {
    String noColor = context.environment().get("NO_COLOR");
    return context.environment().terminal() && !options.noColor() && (noColor == null || noColor.isEmpty())
        && !"dumb".equals(context.environment().get("TERM"));
  }

  /**
   * The columns a table may use: COLUMNS when set, else the terminal's width, else (a pipe, a file,
   * cron's mail) {@value #DEFAULT_COLUMNS}, which fits anywhere text is pasted.
   */
  int columns() {
    String columns = context.environment().get("COLUMNS");
    if (columns != null && columns.strip().matches("[0-9]{1,5}") && Integer.parseInt(columns.strip()) > 0) {
      return Integer.parseInt(columns.strip());
    }
    int terminal = context.environment().terminal() ? context.environment().terminalColumns().getAsInt() : 0;
    return terminal > 0 ? terminal : DEFAULT_COLUMNS;
  }

  /** Progress lines go to a terminal, or anywhere with --verbose; cron sees errors only. */
  boolean progress() {
    return !options.quiet() && (context.environment().terminal() || options.verbose());
  }
}
