package dev.costmon.cli;

import dev.costmon.budget.MonthAnalyzer;
import dev.costmon.budget.MonthView;
import dev.costmon.config.CostmonConfig;
import dev.costmon.export.ExportException;
import dev.costmon.export.HistoryExport;
import dev.costmon.export.PromTextfile;
import dev.costmon.store.Database;
import dev.costmon.store.DayRange;
import dev.costmon.store.History;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code costmon export}: the .prom file, or the history for backfill and spreadsheets. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write the .prom file, or the history as OpenMetrics, CSV or JSON.",
        "The .prom file holds the current month for node_exporter and is replaced atomically; OpenMetrics"
            + " carries timestamps, for promtool tsdb create-blocks-from openmetrics."},
    footerHeading = "%nExamples:%n",
    footer = {"  costmon export                                  # rewrite the configured textfile",
        "  costmon export --format prom --output -",
        "  costmon export --format openmetrics --from 2026-01-01 --output history.om",
        "  promtool tsdb create-blocks-from openmetrics history.om /var/lib/prometheus/metrics2",
        "  costmon export --format csv --from 2026-10-01 --to 2026-10-31 > october.csv"})
public final class ExportCommand implements Callable<Integer> {
  @ParentCommand CostmonCommand parent;

  @Spec CommandSpec spec;

  @Option(names = "--format", defaultValue = "prom",
      description = "prom, openmetrics, csv or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--output", paramLabel = "FILE|-",
      description = "Where to write; '-' is standard output. Default: the config's textfile for prom, else -.")
  String output;

  @Option(names = "--from", paramLabel = "DATE", description = "First day of the history (default: the first stored).")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last day of the history (default: today; yesterday for openmetrics).")
  String to;

  private final CliContext context;

  public ExportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Session session = Session.open(context, parent.global);
    CostmonConfig config = session.config();
    boolean prom = format.equalsIgnoreCase("prom");
    HistoryExport.Format historyFormat = prom ? null : parseFormat();
    try (Database db = Database.open(config.database(), false)) {
      History history = new History(db);
      if (prom) {
        MonthView view = new MonthAnalyzer(config).analyze(history,
            YearMonth.now(context.clock().withZone(config.timezone())), context.clock().instant());
        PromTextfile textfile = new PromTextfile(config.breakdownSeries(), config.attribution().top());
        Optional<Path> target = output == null ? config.textfile() : Optional.of(output).filter(o -> !o.equals("-"))
            .map(o -> context.environment().workingDir().resolve(o));
        if (target.isPresent()) {
          textfile.write(target.get(), view, config.demo());
          session.verbose("wrote " + target.get());
        } else {
          session.out().print(textfile.render(view, config.demo()));
        }
        return ExitCodes.OK;
      }
      LocalDate today = LocalDate.now(context.clock().withZone(config.timezone()));
      LocalDate first = from != null ? date("--from", from)
          : history.dayRange().map(DayRange::first).orElse(today);
      // Today's end-of-day sample would lie in the future, which Prometheus refuses to backfill.
      LocalDate last = to != null ? date("--to", to)
          : historyFormat == HistoryExport.Format.OPENMETRICS ? today.minusDays(1) : today;
      if (first.isAfter(last)) {
        throw new ParameterException(spec.commandLine(), "--from " + first + " is after --to " + last);
      }
      HistoryExport export = new HistoryExport(config, history);
      if (output == null || output.equals("-")) {
        export.write(historyFormat, first, last, session.out());
      } else {
        Path file = context.environment().workingDir().resolve(output);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          export.write(historyFormat, first, last, w);
        } catch (IOException e) {
          throw new ExportException("cannot write " + file + ": " + e.getMessage(), e);
        }
        session.verbose("wrote " + file);
      }
      return ExitCodes.OK;
    }
  }

  private HistoryExport.Format parseFormat() {
    try {
      return HistoryExport.Format.parse(format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "unknown export format '" + format
          + "'; use prom, openmetrics, csv or json");
    }
  }

  private LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), option + " '" + text + "' is not a date like 2026-11-01");
    }
  }
}
