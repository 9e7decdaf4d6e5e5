package dev.costmon.cli;

import dev.costmon.budget.CheckOutput;
import dev.costmon.budget.CheckResult;
import dev.costmon.budget.MonthAnalyzer;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.ThresholdEvaluator;
import dev.costmon.notify.NotifyService;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code costmon check}: evaluates every threshold, monitoring-plugin style. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Evaluate every cap, forecast, quota and freshness threshold of the current month.",
        "Prints a summary line with perfdata, then one line per breach."},
    footerHeading = "%nExamples:%n",
    footer = {"  costmon check                      # Nagios/Icinga, CI steps",
        "  costmon check --format json | jq .status",
        "  costmon check --notify             # also message the notify: channels",
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

  private final CliContext context;

  public CheckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Session session = Session.open(context, parent.global);
    try (Database db = Database.open(session.config().database(), false);
        NotifyService notifications = new NotifyService(session.config(), context.clock(), session::verbose)) {
      MonthView view = new MonthAnalyzer(session.config()).analyze(new History(db),
          YearMonth.now(context.clock().withZone(session.config().timezone())), context.clock().instant());
      CheckResult result = new ThresholdEvaluator(session.config()).evaluate(view);
      if (format == Format.json) {
        CheckOutput.json(result, session.config().demo(), session.out());
      } else {
        CheckOutput.text(result, session.config().demo(), parent.global.verbose(), session.out());
      }
      if (notify) {
        notifications.notify(db, view, result).problems().forEach(session::warn);
      }
      if (parent.global.verbose() && format == Format.text) {
        notifications.status(db, view.month()).forEach(session.out()::println);
      }
      return result.status().exitCode();
    }
  }
}
