package dev.costmon.cli;

import dev.costmon.digest.Digest;
import dev.costmon.digest.DigestBuilder;
import dev.costmon.digest.DigestFormat;
import dev.costmon.digest.DigestService;
import dev.costmon.digest.Period;
import dev.costmon.notify.NotifyService;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code costmon digest}: a summary of the last day, week or month for people, printed or sent. */
@Command(name = "digest", mixinStandardHelpOptions = true,
    description = {"A summary of the last complete day (or week, month) for people: the month to date against",
        "cap and forecast, the period's spend per account, the top movers with their service or resource,",
        "new resources, stale accounts, open breaches and quotas near their limit.",
        "Printed, or sent through the notify: channels once per period (--notify)."},
    footerHeading = "%nExamples:%n",
    footer = {"  costmon digest                          # yesterday, as text",
        "  costmon digest --period week --format markdown",
        "  costmon digest --format html > digest.html",
        "  costmon digest --notify                 # from a daily timer or cron",
        "",
        "Exit codes with --notify: 0 sent (or already sent this period), 1 some channels",
        "failed, 2 all failed (each is tried again by the next run), 78 no channel takes",
        "digests."})
public final class DigestCommand implements Callable<Integer> {
  @ParentCommand CostmonCommand parent;

  @Spec CommandSpec spec;

  @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "day",
      description = "day (yesterday), week (the last Monday to Sunday) or month (the last calendar month);"
          + " default: ${DEFAULT-VALUE}.")
  String period;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "text, markdown, json or html (default: text). Not with --notify.")
  String format;

  @Option(names = "--notify", description = "Send it to the notify: channels (Slack blocks, e-mail with text and"
      + " HTML, webhook JSON) instead of printing it; once per period and channel.")
  boolean notify;

  @Option(names = "--force", description = "With --notify: send again to channels that already got this period's"
      + " digest.")
  boolean force;

  private final CliContext context;

  public DigestCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Period.Kind kind;
    DigestFormat chosen;
    try {
      kind = Period.Kind.valueOf(period.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--period '" + period + "' is not one of day, week, month");
    }
    if (notify && format != null) {
      throw new ParameterException(spec.commandLine(),
          "--notify and --format cannot be used together: --notify sends each channel the form it takes");
    }
    if (force && !notify) {
      throw new ParameterException(spec.commandLine(), "--force only applies with --notify");
    }
    try {
      chosen = DigestFormat.fromLabel(format == null ? "text" : format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Session session = Session.open(context, parent.global);
    Period selected = Period.before(kind, LocalDate.ofInstant(context.clock().instant(), session.config().timezone()));
    try (Database db = Database.open(session.config().database(), false);
        NotifyService notifications = new NotifyService(session.config(), context.clock(), session::verbose)) {
      History history = new History(db);
      Digest digest = new DigestBuilder(session.config()).build(history, selected, context.clock().instant());
      if (!notify) {
        session.out().print(chosen.render(digest));
        return ExitCodes.OK;
      }
      DigestService service = new DigestService(notifications, context.clock());
      if (service.channels().isEmpty()) {
        session.err().println("costmon: no notify: channel in " + session.config().source()
            + " takes digests (a channel with events: needs 'digest' in them)");
        return ExitCodes.CONFIG;
      }
      List<DigestService.Delivery> results = service.send(history, digest, force);
      int failed = 0;
      for (DigestService.Delivery r : results) {
        String name = "'" + r.channel().name() + "' (" + r.channel().type() + ")";
        switch (r.outcome()) {
          case SENT -> session.out().println("sent the digest of " + selected.key() + " to " + name + ": "
              + r.detail());
          case ALREADY_SENT -> session.out().println("skipped " + name + ": the digest of " + selected.key()
              + " was sent " + r.detail() + " (--force sends it again)");
          case FAILED -> {
            failed++;
            session.warn("digest to " + name + " failed: " + r.detail() + " (tried again next run)");
          }
        }
      }
      return failed == 0 ? ExitCodes.OK : failed == results.size() ? ExitCodes.FAILED : ExitCodes.PARTIAL;
    }
  }
}
