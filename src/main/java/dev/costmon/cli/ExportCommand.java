package dev.costmon.cli;

import dev.costmon.budget.MonthAnalyzer;
import dev.costmon.budget.MonthView;
import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.export.AtomicFile;
import dev.costmon.export.ExportException;
import dev.costmon.export.HistoryExport;
import dev.costmon.export.PromTextfile;
import dev.costmon.export.focus.FocusExport;
import dev.costmon.export.focus.FocusVersion;
import dev.costmon.store.Database;
import dev.costmon.store.DayRange;
import dev.costmon.store.History;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
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
    footer = {"  costmon export                         # rewrite the configured textfile",
        "  costmon export --format prom --output -",
        "  costmon export --format openmetrics --from 2026-01-01 --output history.om",
        "  promtool tsdb create-blocks-from openmetrics history.om \\",
        "      /var/lib/prometheus/metrics2",
        "  costmon export --format csv --from 2026-10-01 --to 2026-10-31 > october.csv"})
public final class ExportCommand implements Callable<Integer> {
  @ParentCommand CostmonCommand parent;

  @Spec CommandSpec spec;

  @Option(names = "--format", defaultValue = "prom",
      description = "prom, openmetrics, csv, json or focus (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--account", paramLabel = "ID",
      description = "With --format focus: only this account (repeatable; default: every account).")
  List<String> accounts = new ArrayList<>();

  @Option(names = "--focus-version", paramLabel = "1.2|1.3", defaultValue = "1.3",
      description = "With --format focus: the FOCUS version to write (default: ${DEFAULT-VALUE}).")
  String focusVersion;

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
    boolean focus = format.equalsIgnoreCase("focus");
    HistoryExport.Format historyFormat = prom || focus ? null : parseFormat();
    if (!focus && !accounts.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--account applies to --format focus only");
    }
    FocusVersion version = focus ? focusVersion() : null;
    try (Database db = Database.open(config.database(), false)) {
      History history = new History(db);
      if (prom) {
        MonthView view = new MonthAnalyzer(config).analyze(history,
            YearMonth.now(context.clock().withZone(config.timezone())), context.clock().instant());
        PromTextfile textfile = new PromTextfile(config.breakdownSeries(), config.attribution().top(), config.timezone());
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
      if (focus) {
        return focus(session, config, history, version, first, last);
      }
      HistoryExport export = new HistoryExport(config, history, today);
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
          + "'; use prom, openmetrics, csv, json or focus");
    }
  }

  private FocusVersion focusVersion() {
    try {
      return FocusVersion.parse(focusVersion);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--focus-version: " + e.getMessage());
    }
  }

  /** The FOCUS CSV, gzip-compressed when the file name ends in .gz. */
  private int focus(Session session, CostmonConfig config, History history, FocusVersion version,
      LocalDate first, LocalDate last) {
    Set<String> selected = accounts.isEmpty() ? Set.of()
        : new AccountSelection(spec, config).select(accounts).stream().map(Account::id).collect(Collectors.toSet());
    FocusExport export = new FocusExport(config, history, version);
    if (output == null || output.equals("-")) {
      export.write(first, last, selected, session.out());
      return ExitCodes.OK;
    }
    Path file = context.environment().workingDir().resolve(output);
    long[] rows = new long[1];
    // Into a temp file renamed into place: a failed export leaves no half-written file behind.
    AtomicFile.write(file, out -> {
      GZIPOutputStream gzip = file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : null;
      Writer w = new BufferedWriter(new OutputStreamWriter(gzip == null ? out : gzip, StandardCharsets.UTF_8), 1 << 16);
      rows[0] = export.write(first, last, selected, w);
      if (gzip != null) {
        gzip.finish();
      }
    });
    session.verbose("wrote " + rows[0] + " FOCUS " + version.label() + " rows to " + file);
    return ExitCodes.OK;
  }

  private LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), option + " '" + text + "' is not a date like 2026-11-01");
    }
  }
}
