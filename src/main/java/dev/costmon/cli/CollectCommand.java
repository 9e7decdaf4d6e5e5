package dev.costmon.cli;

import dev.costmon.collect.AccountOutcome;
import dev.costmon.collect.CollectResult;
import dev.costmon.collect.CollectService;
import dev.costmon.config.Account;
import dev.costmon.notify.NotifyService;
import dev.costmon.report.FigureList;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code costmon collect}: the nightly job. */
@Command(name = "collect", mixinStandardHelpOptions = true,
    description = {"Fetch every account's figures and append them to the history.",
        "Accounts are fetched concurrently, and a failing account never stops the others; then the .prom"
            + " file is written if 'textfile:' is configured."},
    footerHeading = "%nExamples:%n",
    footer = {"  costmon collect                  # nightly, from a systemd timer or cron",
        "  costmon collect --account ionos --verbose",
        "  costmon collect --dry-run        # print the figures, store nothing",
        "  costmon collect --dry-run --format csv > figures.csv",
        "  costmon collect --notify         # then tell the notify: channels what is new",
        "  costmon collect --from 2026-01-01              # backfill past months",
        "  costmon collect --from 2026-01-01 --dry-run    # the plan; asks nothing",
        "",
        "Exit codes: 0 all accounts collected, 1 some failed, 2 all failed,",
        "75 another collect runs, 78 configuration error, 74 database error,",
        "69 fx: ecb rates unavailable and none stored (the figures are kept)."})
public final class CollectCommand implements Callable<Integer> {
  @ParentCommand CostmonCommand parent;

  @Spec CommandSpec spec;

  @Option(names = "--account", paramLabel = "ID", description = "Collect only this account (repeatable).")
  List<String> accounts = new ArrayList<>();

  @Option(names = "--dry-run", description = "Call the providers and print the figures that would be stored"
      + " (account, day, kind, metric, dimension, amount, provenance); write nothing.")
  boolean dryRun;

  @Option(names = "--from", paramLabel = "DATE", description = "Backfill: collect the days from DATE"
      + " (in the config's time zone) instead of the nightly window, month by month, from every provider that"
      + " keeps them. A re-run skips the months it already stored.")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "With --from: the last day (default: today).")
  String to;

  @Option(names = "--refresh", description = "With --from: ask again for months an earlier backfill stored.")
  boolean refresh;

  @Option(names = "--max-requests", paramLabel = "N", description = "With --from: let paid APIs (AWS Cost"
      + " Explorer, 0.01 USD a request) make up to N requests in this run instead of their max_requests.")
  Integer maxRequests;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "With --dry-run: table (default), json or csv.")
  String format;

  @Option(names = "--notify", description = "After storing, evaluate the check and tell the notify: channels"
      + " what is new (as 'check --notify'). Delivery failures never change the exit code.")
  boolean notify;

  private final CliContext context;

  public CollectCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (from == null && (to != null || refresh || maxRequests != null)) {
      throw new ParameterException(spec.commandLine(), "--to, --refresh and --max-requests need --from DATE");
    }
    if (from != null && format != null) {
      throw new ParameterException(spec.commandLine(), "--format goes with a --dry-run of the nightly window,"
          + " not with --from");
    }
    FigureList.Format figures = figureFormat();
    Session session = Session.open(context, parent.global);
    if (from != null) {
      return new CollectFrom(context, session, spec).run(accounts, from, to, dryRun, refresh, maxRequests,
          notify);
    }
    List<Account> selected = new AccountSelection(spec, session.config()).select(accounts);
    CollectResult result = new CollectService(session.config(), context.clock(), session::verbose)
        .run(selected, dryRun, outcome -> print(session, outcome));
    if (selected.isEmpty()) {
      session.err().println("costmon: no accounts configured in " + session.config().source());
      return ExitCodes.OK;
    }
    if (dryRun) {
      FigureList.render(result.outcomes().stream().map(CollectCommand::figures).toList(), figures,
          "nothing stored (dry run)", session.columns(), session.out());
    }
    if (notify && !dryRun) {
      try (NotifyService notifications = new NotifyService(session.config(), context.clock(), session::verbose)) {
        notifications.afterCollect().problems().forEach(session::warn);
      }
    }
    LocalDate today = LocalDate.now(context.clock().withZone(session.config().timezone()));
    Optional<String> rates = result.rates().flatMap(r -> r.message(today));
    boolean ratesMissing = result.rates().filter(r -> !r.missing().isEmpty()).isPresent();
    rates.ifPresent(line -> {
      if (ratesMissing) {
        session.err().println("costmon: " + line);
        session.err().flush();
      } else {
        session.warn(line);
      }
    });
    if (result.allFailed()) {
      return ExitCodes.FAILED;
    }
    if (ratesMissing) {
      return ExitCodes.UNAVAILABLE;
    }
    return result.failures() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
  }

  private FigureList.Format figureFormat() {
    if (format == null) {
      return FigureList.Format.TABLE;
    }
    if (!dryRun) {
      throw new ParameterException(spec.commandLine(), "--format goes with --dry-run: a collect stores its figures"
          + " and prints none (see 'costmon export --format csv|json' for the stored history)");
    }
    try {
      return FigureList.Format.parse(format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage());
    }
  }

  private static FigureList.Account figures(AccountOutcome o) {
    return new FigureList.Account(o.account().id(), o.account().providerName(), o.observations(),
        o.ok() ? Optional.empty() : Optional.of(o.error()));
  }

  private synchronized void print(Session session, AccountOutcome o) {
    String line = String.format("%-8s %-20s %-12s %s", o.ok() ? "ok" : o.status().label(), o.account().id(),
        o.account().providerName(), o.ok() ? o.observations().size() + " figures in " + millis(o) : o.error());
    if (!o.ok()) {
      session.err().println("costmon: account '" + o.account().id() + "': " + o.error());
      session.err().flush();
    } else if (session.progress() && !dryRun) { // a dry run prints the figures themselves, after the last account
      session.out().println(line.stripTrailing());
      session.out().flush();
    }
  }

  private static String millis(AccountOutcome o) {
    return String.format("%.1f s", o.duration().toMillis() / 1000.0);
  }
}
