package dev.costmon.cli;

import dev.costmon.collect.ImportOutcome;
import dev.costmon.collect.ImportService;
import dev.costmon.config.Account;
import dev.costmon.provider.focus.FocusException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code costmon import}: billing exports into an account's history. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import billing export files into an account's history.",
    subcommands = ImportCommand.Focus.class)
public final class ImportCommand implements Runnable {
  @ParentCommand CostmonCommand parent;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name the format to import, e.g. 'costmon import focus'");
  }

  /** {@code costmon import focus --account ID FILE...}. */
  @Command(name = "focus", mixinStandardHelpOptions = true,
      description = {"Import FOCUS 1.0-1.3 cost and usage exports (CSV, plain or gzip) into an account.",
          "BilledCost per ChargePeriodStart day (UTC), service and BillingCurrency. Each file is one snapshot"
              + " that replaces the account's figures of the days it holds; a file already imported is skipped."},
      footerHeading = "%nExamples:%n",
      footer = {"  costmon import focus --account aws focus-2026-11.csv.gz",
          "  costmon import focus --account azure --parts part-0001.csv.gz part-0002.csv.gz",
          "",
          "Exit codes: 0 imported (or already there), 65 a file is not valid FOCUS",
          "(nothing of it stored), 64 unknown account, 74 database error,",
          "75 a collect runs, 78 configuration error."})
  public static final class Focus implements Callable<Integer> {
    @ParentCommand ImportCommand parent;

    @Spec CommandSpec spec;

    @Option(names = "--account", paramLabel = "ID", required = true,
        description = "The configured account the figures belong to (any provider; a focus account's"
            + " account_id, provider_name and usage_units apply).")
    String account;

    @Option(names = "--parts",
        description = "The files are parts of one export: sum them into one snapshot instead of one per file.")
    boolean parts;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "FOCUS CSV files, plain or gzip.")
    List<Path> files = new ArrayList<>();

    private final CliContext context;

    public Focus(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Session session = Session.open(context, parent.parent.global);
      Account target = new AccountSelection(spec, session.config()).select(List.of(account)).get(0);
      List<Path> resolved = files.stream().map(f -> context.environment().resolve(f.toString())).toList();
      try {
        new ImportService(session.config(), context.clock(), session::verbose)
            .focus(target, resolved, parts, o -> print(session, o));
      } catch (FocusException e) {
        throw new DataException(e.getMessage());
      }
      return ExitCodes.OK;
    }

    private static void print(Session session, ImportOutcome o) {
      if (session.options().quiet()) {
        return;
      }
      String files = o.files().size() == 1 ? o.files().get(0).toString() : o.files().size() + " parts";
      if (o.skipped()) {
        session.out().println("skipped   " + files + ": already imported at " + o.importedAt());
      } else {
        session.out().println("imported  " + files + ": " + o.rows() + " rows"
            + (o.counted() != o.rows() ? " (" + o.counted() + " for this account)" : "") + ", " + o.figures()
            + " figures" + o.firstDay().map(d -> ", " + d + " .. " + o.lastDay().orElseThrow()).orElse(""));
      }
      session.out().flush();
    }
  }
}
