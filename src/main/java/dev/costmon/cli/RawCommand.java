package dev.costmon.cli;

import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.RawArchive;
import dev.costmon.store.RawResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code costmon raw}: the archived provider responses, for audit. */
@Command(name = "raw", mixinStandardHelpOptions = true,
    description = "List or show archived provider responses (URLs and bodies were redacted before storing).",
    subcommands = {RawCommand.ListRaw.class, RawCommand.ShowRaw.class})
public final class RawCommand implements Runnable {
  @ParentCommand CostmonCommand parent;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "say 'costmon raw list --account ID' or 'costmon raw show N'");
  }

  /** {@code costmon raw list [--account ID]... [--from DATE] [--to DATE]}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "The newest archived responses, of some accounts and days if asked.",
      footerHeading = "%nExamples:%n", footer = {"  costmon raw list --account anthropic --limit 20",
          "  costmon raw list --from 2026-12-01 --to 2026-12-01   # fetched that day"})
  static final class ListRaw implements Callable<Integer> {
    @ParentCommand RawCommand raw;

    @Option(names = "--account", paramLabel = "ID", description = "Only this account (repeatable; default: all).")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--from", paramLabel = "DATE", description = "Fetched on or after this day.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Fetched on or before this day.")
    String to;

    @Option(names = "--limit", defaultValue = "50", description = "How many (default: ${DEFAULT-VALUE}).")
    int limit;

    private final CliContext context;

    ListRaw(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Session session = Session.open(context, raw.parent.global);
      new AccountSelection(raw.spec, session.config()).select(accounts);
      ZoneId zone = session.config().timezone();
      Optional<LocalDate> first = Optional.ofNullable(from).map(t -> date("--from", t));
      Optional<LocalDate> last = Optional.ofNullable(to).map(t -> date("--to", t));
      if (first.isPresent() && last.isPresent() && first.get().isAfter(last.get())) {
        throw new ParameterException(raw.spec.commandLine(), "--from " + first.get() + " is after --to " + last.get());
      }
      boolean oneAccount = accounts.size() == 1;
      try (Database db = Database.open(session.config().database(), false)) {
        List<RawResponse> list = new RawArchive(new History(db)).list(accounts,
            first.map(d -> d.atStartOfDay(zone).toInstant()), last.map(d -> d.plusDays(1).atStartOfDay(zone).toInstant()),
            limit);
        session.out().println((String.format("%-6s %-20s ", "ID", "FETCHED") + (oneAccount ? ""
            : String.format("%-20s ", "ACCOUNT")) + String.format("%-6s %-4s %9s  %s", "METHOD", "HTTP", "BYTES", "URL")));
        for (RawResponse r : list) {
          session.out().println(String.format("%-6d %-20s ", r.id(),
              DateTimeFormatter.ISO_INSTANT.format(r.fetchedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
              + (oneAccount ? "" : String.format("%-20s ", r.account()))
              + String.format("%-6s %-4d %9d  %s", r.method(), r.status(), r.body().length, r.url()));
        }
      }
      return ExitCodes.OK;
    }

    private LocalDate date(String option, String text) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw new ParameterException(raw.spec.commandLine(), option + " '" + text + "' is not a date like 2026-11-01");
      }
    }
  }

  /** {@code costmon raw show ID}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print one archived response body.")
  static final class ShowRaw implements Callable<Integer> {
    @ParentCommand RawCommand raw;

    @Parameters(paramLabel = "ID", description = "The id from 'costmon raw list'.")
    long id;

    private final CliContext context;

    ShowRaw(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Session session = Session.open(context, raw.parent.global);
      try (Database db = Database.open(session.config().database(), false)) {
        RawResponse r = new RawArchive(new History(db)).byId(id)
            .orElseThrow(() -> new ParameterException(raw.spec.commandLine(), "no archived response " + id));
        session.err().println(r.method() + " " + r.url() + " -> HTTP " + r.status() + " (" + r.contentType() + ")");
        session.out().println(new String(r.body(), StandardCharsets.UTF_8));
      }
      return ExitCodes.OK;
    }
  }
}
