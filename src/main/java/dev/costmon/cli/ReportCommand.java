package dev.costmon.cli;

import dev.costmon.budget.MonthAnalyzer;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.UnmatchedRates;
import dev.costmon.movement.Comparison;
import dev.costmon.movement.Movements;
import dev.costmon.report.CompareRenderer;
import dev.costmon.report.Grouping;
import dev.costmon.report.ReportFormat;
import dev.costmon.report.ReportOptions;
import dev.costmon.report.ReportRenderer;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code costmon report}: the month for a person in a terminal, or for a script. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Month-to-date spend per account and in total, then usage against quotas.",
        "Per account: cap, %% used, month-end forecast, 30-day trend (a closed month: the whole month),"
            + " provenance and data freshness."},
    footerHeading = "%nExamples:%n",
    footer = {"  costmon report",
        "  costmon report --month 2026-10 --format csv > october.csv",
        "  costmon report --by label:team",
        "  costmon report --by service --format json | jq '.accounts[0].services'",
        "  costmon report --compare           # against the same days of last month",
        "  costmon report --compare 2026-10 --format csv"})
public final class ReportCommand implements Callable<Integer> {
  @ParentCommand CostmonCommand parent;

  @Spec CommandSpec spec;

  @Option(names = "--month", paramLabel = "YYYY-MM", description = "The month (default: the current one).")
  String month;

  @Option(names = "--by", paramLabel = "GROUPING", defaultValue = "account",
      description = "account, provider, service, model, bucket, resource or label:KEY (default: ${DEFAULT-VALUE}).")
  String by;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json, csv or markdown (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--compare", paramLabel = "previous|YYYY-MM", arity = "0..1", fallbackValue = "previous",
      description = "Compare the month to date with the same days of the previous month (or of the month"
          + " given), per account and per service or resource, largest change first.")
  String compare;

  private final CliContext context;

  public ReportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ReportOptions options;
    YearMonth selected;
    Session session = Session.open(context, parent.global);
    try {
      options = ReportOptions.defaults(session.config().currency(), session.config().timezone())
          .withFormat(ReportFormat.fromLabel(format))
          .withGrouping(Grouping.parse(by))
          .withColour(session.colour())
          .withWidth(session.columns())
          .withDemo(session.config().demo());
      selected = month == null
          ? YearMonth.now(context.clock().withZone(session.config().timezone())) : YearMonth.parse(month);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), e instanceof DateTimeParseException
          ? "--month '" + month + "' is not a month like 2026-11" : e.getMessage());
    }
    if (compare != null) {
      return compare(session, options, selected);
    }
    try (Database db = Database.open(session.config().database(), false)) {
      History history = new History(db);
      MonthView view = new MonthAnalyzer(session.config()).analyze(history, selected, context.clock().instant());
      requireLabel(options.grouping(), view);
      ReportRenderer.of(options.format()).render(view, options, session.out());
      if (parent.global.verbose()) {
        UnmatchedRates.find(session.config().accounts(), history.latest(selected.atDay(1), selected.atEndOfMonth()))
            .forEach(line -> session.verbose("WARN " + line));
      }
    }
    return ExitCodes.OK;
  }

  /** {@code --compare}: the month to date against the same days of an earlier month. */
  private int compare(Session session, ReportOptions options, YearMonth selected) {
    LocalDate today = LocalDate.now(context.clock().withZone(session.config().timezone()));
    YearMonth against;
    try {
      against = compare.equals("previous") ? selected.minusMonths(1) : YearMonth.parse(compare);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "--compare '" + compare + "' is not a month like 2026-11,"
          + " nor previous");
    }
    if (!by.equals("account")) {
      throw new ParameterException(spec.commandLine(), "--compare lists every account and its services or"
          + " resources; it takes no --by " + by);
    }
    if (selected.isAfter(YearMonth.from(today))) {
      throw new ParameterException(spec.commandLine(), "--month " + selected + " has not begun; nothing to compare");
    }
    if (!against.isBefore(selected)) {
      throw new ParameterException(spec.commandLine(), "--compare " + against + ": compare " + selected
          + " with an earlier month, e.g. --compare " + selected.minusMonths(1));
    }
    try (Database db = Database.open(session.config().database(), false)) {
      Comparison comparison = new Movements(session.config()).months(new History(db), selected, against, today);
      CompareRenderer.render(comparison, options, session.out());
    }
    return ExitCodes.OK;
  }

  /** A label nobody sets would put all spend under "unattributed": far likelier a typo than a wish. */
  private void requireLabel(Grouping grouping, MonthView view) {
    List<String> keys = view.attribution().keys();
    if (grouping.kind() == Grouping.Kind.LABEL && !keys.contains(grouping.labelKey())) {
      // As the user wrote it: --by model is label:model underneath, but not in their words.
      throw new ParameterException(spec.commandLine(), "--by " + by.trim() + ": no account has the label '"
          + grouping.labelKey() + "' (" + (keys.isEmpty() ? "no account has labels"
          : "labels: " + String.join(", ", keys)) + ")");
    }
  }
}
