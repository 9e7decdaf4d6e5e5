package dev.costmon.cli;

import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.RawArchive;
import dev.costmon.store.RawResponse;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
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

  /** {@code costmon raw list --account ID}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest archived responses of an account.",
      footerHeading = "%nExample:%n", footer = "  costmon raw list --account anthropic --limit 20")
  static final class ListRaw implements Callable<Integer> {
    @ParentCommand RawCommand raw;

    @Option(names = "--account", paramLabel = "ID", required = true, description = "The account.")
    String account;

    @Option(names = "--limit", defaultValue = "50", description = "How many (default: ${DEFAULT-VALUE}).")
    int limit;

    private final CliContext context;

    ListRaw(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Session session = Session.open(context, raw.parent.global);
      new AccountSelection(raw.spec, session.config()).select(List.of(account));
      try (Database db = Database.open(session.config().database(), false)) {
        List<RawResponse> list = new RawArchive(new History(db)).latest(account, limit);
        session.out().println(String.format("%-6s %-20s %-6s %-4s %9s  %s", "ID", "FETCHED", "METHOD", "HTTP",
            "BYTES", "URL"));
        for (RawResponse r : list) {
          session.out().println(String.format("%-6d %-20s %-6s %-4d %9d  %s", r.id(),
              DateTimeFormatter.ISO_INSTANT.format(r.fetchedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
              r.method(), r.status(), r.body().length, r.url()));
        }
      }
      return ExitCodes.OK;
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
