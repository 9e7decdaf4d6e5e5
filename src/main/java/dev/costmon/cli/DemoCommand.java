package dev.costmon.cli;

import dev.costmon.budget.CheckOutput;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.ThresholdEvaluator;
import dev.costmon.config.CostmonConfig;
import dev.costmon.demo.DemoSetup;
import dev.costmon.report.ReportFormat;
import dev.costmon.report.ReportOptions;
import dev.costmon.report.ReportRenderer;
import dev.costmon.report.TextLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code costmon demo}: a history of synthetic accounts to try costmon without credentials. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Try costmon on a demo history of synthetic accounts; no credentials needed.",
        "Creates (or refreshes) the history, its .prom file and config, then prints the report and the"
            + " check for it. Everything it shows is DEMO DATA.",
        "It replaces only an earlier demo: a directory holding anything else is refused (exit 73), untouched."},
    footerHeading = "%nExamples:%n",
    footer = {"  costmon demo",
        "  costmon demo --days 365 --dir /tmp/costmon-demo",
        "  costmon report -c costmon-demo/costmon.yaml --by label:team"})
public final class DemoCommand implements Callable<Integer> {
  @ParentCommand CostmonCommand parent;

  @Spec CommandSpec spec;

  @Option(names = "--days", defaultValue = "90", description = "Days of history to backfill (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--dir", defaultValue = "costmon-demo",
      description = "Directory for the demo config, history and .prom file (default: ./${DEFAULT-VALUE}/).")
  Path dir;

  private final CliContext context;

  public DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (days < 1 || days > 3660) {
      throw new ParameterException(spec.commandLine(), "--days must be between 1 and 3660");
    }
    Path target = context.environment().workingDir().resolve(dir);
    DemoSetup setup = new DemoSetup(context.environment(), context.clock(), context.providers());
    CostmonConfig config = setup.prepare(target);
    Session session = new Session(context, parent.global, config);
    MonthView view = setup.backfill(config, days, session::verbose);
    int width = session.columns();
    PrintWriter out = session.out();
    String shown = shown(config.source());
    prose(out, width, "DEMO DATA: " + days + " days of synthetic history for " + config.accounts().size()
        + " accounts in " + shown(target));
    prose(out, width, "  config   " + shown);
    prose(out, width, "  history  " + shown(config.database()));
    config.textfile().ifPresent(t -> prose(out, width, "  metrics  " + shown(t)));
    // A command is never wrapped, or it no longer pastes: the grouping only where it fits.
    String explore = "Explore: " + context.command() + " report -c " + shown;
    out.println(explore.length() + " --by label:team".length() <= width ? explore + " --by label:team" : explore);
    out.println();
    ReportRenderer.of(ReportFormat.TABLE).render(view, ReportOptions.defaults(config.currency(), config.timezone())
        .withColour(session.colour()).withDemo(true).withWidth(width), out);
    out.println();
    prose(out, width, "$ " + context.command() + " check -c " + shown);
    // The check's own output, fitted for a person: its perfdata line is for a monitoring system.
    StringWriter check = new StringWriter();
    CheckOutput.text(new ThresholdEvaluator(config).evaluate(view), true, false, new PrintWriter(check));
    check.toString().lines().findFirst().ifPresent(summary -> out.println(TextLines.cut(summary, width)));
    check.toString().lines().skip(1).forEach(line -> prose(out, width, line));
    out.flush();
    return ExitCodes.OK;
  }

  /** A path as the user would type it: relative when it is below the working directory. */
  private String shown(Path path) {
    Path here = context.environment().workingDir();
    return path.startsWith(here) && !path.equals(here) ? here.relativize(path).toString() : path.toString();
  }

  private static void prose(PrintWriter out, int width, String text) {
    TextLines.wrap(text, width, "    ").forEach(out::println);
  }
}
