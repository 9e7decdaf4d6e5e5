package dev.costmon.cli;

import dev.costmon.budget.CheckOutput;
import dev.costmon.budget.CheckResult;
import dev.costmon.budget.MonthAnalyzer;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.Status;
import dev.costmon.budget.ThresholdEvaluator;
import dev.costmon.movement.MovedCheck;
import dev.costmon.notify.NotifyService;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code costmon check}: evaluates every threshold, monitoring-plugin style. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Evaluate every cap, forecast, quota, freshness and moved threshold of the current month.",
        "Prints a summary line with perfdata, then one line per breach."},
    footerHeading = "%nExamples:%n",
    footer = {"  costmon check                      # Nagios/Icinga, CI steps",
        "  costmon check --format json | jq .status",
        "  costmon check --notify             # also message the notify: channels",
        "  costmon check -t 30                # UNKNOWN (exit 3) after 30 seconds",
        "",
        "Exit codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (stale data, a provider",
        "condition, or a config/database that cannot be read: never mistaken for",
        "critical spend)."})
public final class CheckCommand implements Callable<Integer> {
  /** Output formats of check. */
  enum Format { text, json }

  @ParentCommand CostmonCommand parent;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--notify", description = "Tell the notify: channels about new breaches, escalations and"
      + " resolutions (debounced), and run on_hard_cap actions. Delivery failures never change the exit code.")
  boolean notify;

  @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Answer UNKNOWN (exit 3) if the"
      + " check has not finished after SECONDS, as monitoring plugins do (default: no limit).")
  Integer timeout;

  @Spec CommandSpec spec;

  private final CliContext context;

  public CheckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (timeout == null) {
      return check(context.out());
    }
    if (timeout < 1) {
      throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second, not " + timeout);
    }
    // The check prints into a buffer, so a late answer never follows the UNKNOWN line Nagios read.
    StringWriter buffer = new StringWriter();
    FutureTask<Integer> task = new FutureTask<>(() -> check(new PrintWriter(buffer, true)));
    Thread worker = new Thread(task, "costmon-check");
    worker.setDaemon(true);   // a check stuck on a notify channel never keeps the JVM alive
    worker.start();
    try {
      int code = task.get(timeout, TimeUnit.SECONDS);
      context.out().print(buffer);
      return code;
    } catch (TimeoutException e) {
      worker.interrupt();
      CheckOutput.unknown("check timed out after " + timeout + (timeout == 1 ? " second" : " seconds")
          + " (--timeout)", format == Format.json, context.out());
      context.out().flush();
      context.err().println("costmon: check timed out after " + timeout + " s; nothing was evaluated in time");
      return Status.UNKNOWN.exitCode();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private int check(PrintWriter out) {
    Session session = Session.open(context, parent.global);
    try (Database db = Database.open(session.config().database(), false);
        NotifyService notifications = new NotifyService(session.config(), context.clock(), session::verbose)) {
      History history = new History(db);
      MonthView view = new MonthAnalyzer(session.config()).analyze(history,
          YearMonth.now(context.clock().withZone(session.config().timezone())), context.clock().instant());
      CheckResult result = new MovedCheck(session.config()).addTo(new ThresholdEvaluator(session.config())
          .evaluate(view), history, LocalDate.now(context.clock().withZone(session.config().timezone())));
      if (format == Format.json) {
        CheckOutput.json(result, session.config().demo(), out);
      } else {
        CheckOutput.text(result, session.config().demo(), parent.global.verbose(), out);
      }
      if (notify) {
        notifications.notify(db, view, result).problems().forEach(session::warn);
      }
      if (parent.global.verbose() && format == Format.text) {
        notifications.status(db, view.month()).forEach(out::println);
      }
      return result.status().exitCode();
    }
  }
}
