package dev.costmon.cli;

import dev.costmon.collect.ReprocessOutcome;
import dev.costmon.collect.ReprocessService;
import dev.costmon.config.Account;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code costmon reprocess}: rebuild figures from the raw archive, calling no provider. */
@Command(name = "reprocess", mixinStandardHelpOptions = true,
    description = {"Rebuild API accounts' figures from the archived raw responses.",
        "No provider is called: for after a costmon upgrade fixed a mapping, or to audit a figure."},
    footerHeading = "%nExamples:%n",
    footer = {"  costmon reprocess --from 2026-11-01",
        "  costmon reprocess --account anthropic --from 2026-10-01 --verbose",
        "",
        "Exit codes: 0 done, 1 some accounts failed, 2 all failed, 75 a collect runs,",
        "78 configuration error."})
public final class ReprocessCommand implements Callable<Integer> {
  @ParentCommand CostmonCommand parent;

  @Spec CommandSpec spec;

  @Option(names = "--account", paramLabel = "ID", description = "Only this account (repeatable).")
  List<String> accounts = new ArrayList<>();

  @Option(names = "--from", paramLabel = "DATE", description = "Runs since this day (default: the month's first).")
  String from;

  private final CliContext context;

  public ReprocessCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Session session = Session.open(context, parent.global);
    LocalDate since;
    try {
      since = from == null
          ? LocalDate.now(context.clock().withZone(session.config().timezone())).withDayOfMonth(1)
          : LocalDate.parse(from);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "--from '" + from + "' is not a date like 2026-11-01");
    }
    List<Account> selected = new AccountSelection(spec, session.config()).select(accounts);
    List<ReprocessOutcome> outcomes =
        new ReprocessService(session.config(), context.clock(), session::verbose).run(selected, since);
    int failed = 0;
    for (ReprocessOutcome o : outcomes) {
      if (!o.error().isEmpty()) {
        failed++;
        session.err().println("costmon: account '" + o.account().id() + "': " + o.error());
      }
      if (!options().quiet()) {
        session.out().println(String.format("%-20s %d runs replayed, %d figures%s", o.account().id(), o.snapshots(),
            o.figures(), o.withoutArchive() > 0 ? ", " + o.withoutArchive() + " runs without archive" : ""));
      }
    }
    if (failed == 0) {
      return ExitCodes.OK;
    }
    return failed == outcomes.size() ? ExitCodes.FAILED : ExitCodes.PARTIAL;
  }

  private GlobalOptions options() {
    return parent.global;
  }
}
