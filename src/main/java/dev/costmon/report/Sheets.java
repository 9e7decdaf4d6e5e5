package dev.costmon.report;

import dev.costmon.budget.AccountView;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.Reconciliation;
import dev.costmon.budget.ServiceSpend;
import dev.costmon.budget.UsageView;
import dev.costmon.config.Thresholds;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import dev.costmon.report.Sheet.Cell;
import dev.costmon.report.Sheet.Column;
import dev.costmon.store.CollectionState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** The spend and usage tables a person reads, shared by the terminal table and Markdown. */
final class Sheets {
  static final String DEMO_BANNER = "DEMO DATA — synthetic figures from costmon's demo provider, not real spend";
  private static final String NONE = "-";
  private static final String PROVIDER = "PROVIDER";
  private static final String TREND = "TREND";
  private static final String CAP_SHARE = "% OF CAP";
  private static final String SOURCE = "SOURCE";
  static final String SOURCE_BADGE = "SRC";
  private static final String COLLECTED = "COLLECTED";
  private static final String COLLECTED_AGE = "AGE";

  private Sheets() {}

  /** {@code costmon report — November 2026 (month to date, 23 of 30 days)}. */
  static String title(Report report) {
    return "costmon report — " + report.progress().describe();
  }

  /** One row per account (and per service, or a subtotal per group, as grouped), then the total. */
  static Sheet spend(Report report) {
    String code = report.currency().getCurrencyCode();
    List<Column> columns = List.of(
        new Column("ACCOUNT", false), new Column(PROVIDER, false), new Column("SPEND", true),
        new Column("IN " + code, true), new Column("CAP", true), new Column(CAP_SHARE, true),
        new Column("FORECAST", true), new Column(TREND, false), new Column(SOURCE, false),
        new Column(COLLECTED, false));
    List<List<Cell>> rows = new ArrayList<>();
    for (SpendGroup group : report.groups()) {
      for (SpendGroup.Member member : group.members()) {
        AccountView account = member.account();
        rows.add(accountRow(report, member));
        // Part of an account: its lines in this group say which part.
        if (report.grouping().kind() == Grouping.Kind.SERVICE || !member.whole()) {
          for (ServiceSpend service : member.services()) {
            rows.add(serviceRow(report, account, service));
          }
        }
      }
      if (report.grouping().hasGroups()) {
        boolean figures = group.hasFigures();
        rows.add(cells("subtotal " + report.grouping().describe(group.key()), "", "",
            figures ? group.spend().displayAmount() : NONE, "", "",
            group.forecast().filter(f -> figures).map(Money::display).orElse(NONE), "", source(group.provenance()), ""));
        List<Cell> subtotal = rows.get(rows.size() - 1);
        subtotal.set(8, new Cell(source(group.provenance()), Ansi.PLAIN, badges(group.provenance())));
      }
    }
    rows.add(totalRow(report.view()));
    return new Sheet(columns, rows).narrowedBy(SPEND_NARROWINGS);
  }

  /**
   * How the spend table gives up width on a narrow terminal, least important first: words that have
   * a shorter form, then the trend's older days, then whole columns a reader can do without. What
   * remains at 80 columns is the money: account, spend, cap, share of the cap, forecast.
   */
  private static final List<UnaryOperator<Sheet>> SPEND_NARROWINGS = List.of(
      sheet -> badges(sheet.compact(SOURCE, SOURCE_BADGE)),
      sheet -> sheet.compact(COLLECTED, COLLECTED_AGE),
      sheet -> sheet.tail(TREND, 14),
      sheet -> sheet.tail(TREND, 7),
      sheet -> sheet.drop(TREND),
      sheet -> sheet.drop(PROVIDER),
      sheet -> sheet.compact(CAP_SHARE, "%"));

  /** The legend of the source badges the sheet shows, e.g. {@code SRC: A api, E estimate, F fixed}. */
  static Sheet badges(Sheet sheet) {
    int column = sheet.columns().stream().map(Column::header).toList().indexOf(SOURCE_BADGE);
    Set<Provenance> shown = new TreeSet<>();
    for (List<Cell> row : sheet.rows()) {
      for (Provenance p : Provenance.values()) {
        if (row.get(column).text().contains(badge(p))) {
          shown.add(p);
        }
      }
    }
    return shown.isEmpty() ? sheet : sheet.withLegend(SOURCE_BADGE + ": "
        + shown.stream().map(p -> badge(p) + " " + p.label()).collect(Collectors.joining(", ")));
  }

  /** {@code A} for api, {@code E} for estimate: the label's initial, unique among provenances. */
  static String badge(Provenance provenance) {
    return provenance.label().substring(0, 1).toUpperCase(Locale.ROOT);
  }

  private static String badges(Set<Provenance> provenance) {
    return provenance.isEmpty() ? NONE
        : provenance.stream().sorted().map(Sheets::badge).collect(Collectors.joining("+"));
  }

  /** Every usage metric of every account, with its quota and the share used where there is one. */
  static Sheet usage(Report report) {
    List<Column> columns = List.of(new Column("ACCOUNT", false), new Column("METRIC", false),
        new Column("USAGE", true), new Column("QUOTA", true), new Column("%", true));
    List<List<Cell>> rows = new ArrayList<>();
    for (AccountView account : report.view().accounts()) {
      Ansi base = account.stale() ? Ansi.DIM : Ansi.PLAIN;
      for (UsageView usage : account.usage()) {
        rows.add(List.of(
            new Cell(account.id(), base),
            new Cell(usage.metric(), base),
            new Cell(Display.usage(usage.value(), usage.unit()), base),
            new Cell(usage.quota().map(q -> Display.usage(q.value(), usage.unit())).orElse(NONE), base),
            ratio(usage.ratio(), account.account().thresholds(), base)));
      }
    }
    return new Sheet(columns, rows);
  }

  /**
   * Estimates from {@code rates:} beside the spend the provider reported for the same days, and the
   * gap (actual minus estimate): a positive gap means the rates priced too low.
   */
  static Sheet reconciliation(Report report) {
    List<Column> columns = List.of(new Column("ACCOUNT", false), new Column("ESTIMATE OF", false),
        new Column("DAYS", true), new Column("ESTIMATE", true), new Column("ACTUAL", true), new Column("GAP", true),
        new Column("GAP %", true));
    List<List<Cell>> rows = new ArrayList<>();
    for (AccountView account : report.view().accounts()) {
      for (Reconciliation r : account.reconciliation()) {
        rows.add(cells(account.id(), r.service(), Integer.toString(r.days()), r.estimate().display(),
            r.actual().display(), signed(r.gap()), r.actual().isZero() ? NONE
                : Display.signedPercent(r.gap().amount().divide(r.actual().amount(), java.math.MathContext.DECIMAL64))));
      }
    }
    return new Sheet(columns, rows);
  }

  private static String signed(Money money) {
    return (money.amount().signum() > 0 ? "+" : "") + money.display();
  }

  /**
   * The member's spend with its account's own cap, ratio, forecast and freshness: those belong to the
   * whole account and are not split, so a part of an account shows them as they are.
   */
  private static List<Cell> accountRow(Report report, SpendGroup.Member member) {
    AccountView account = member.account();
    // A stale account's figures may be out of date: everything not already flagged is dimmed.
    Ansi base = account.stale() ? Ansi.DIM : Ansi.PLAIN;
    Thresholds thresholds = account.account().thresholds();
    boolean forecastOverCap = account.forecastRatio().filter(r -> r.compareTo(thresholds.criticalAt()) >= 0).isPresent();
    if (!account.hasFigures()) {
      return List.of(new Cell(account.id(), base), new Cell(account.account().providerName(), base),
          new Cell(NONE, base), new Cell(NONE, base), new Cell(account.cap().map(Money::display).orElse(NONE), base),
          new Cell(NONE, base), new Cell(NONE, base), new Cell(Sparkline.of(account.trend()), base),
          new Cell(NONE, base), new Cell(collected(account, report.view()), base, age(account, report.view())));
    }
    return List.of(
        new Cell(account.id(), base),
        new Cell(account.account().providerName(), base),
        new Cell(member.spend().display(), base),
        new Cell(member.spendReporting().displayAmount(), base),
        new Cell(account.cap().map(Money::display).orElse(NONE), base),
        ratio(account.capRatio(), thresholds, base),
        new Cell(account.forecast().display(), forecastOverCap ? Ansi.YELLOW : base),
        new Cell(Sparkline.of(account.trend()), base),
        new Cell(source(report, account), base, badges(account.provenance())),
        new Cell(collected(account, report.view()), base, age(account, report.view())));
  }

  private static List<Cell> serviceRow(Report report, AccountView account, ServiceSpend service) {
    Ansi base = account.stale() ? Ansi.DIM : Ansi.PLAIN;
    List<Cell> row = new ArrayList<>(cells("  · " + service.service(), "", service.amount().display(),
        Report.serviceReporting(account, service, report.currency()).displayAmount(), "", "", "", "",
        service.provenance().label(), ""));
    row.replaceAll(cell -> new Cell(cell.text(), base));
    row.set(8, new Cell(service.provenance().label(), base, badge(service.provenance())));
    return row;
  }

  private static List<Cell> totalRow(MonthView view) {
    if (!view.hasFigures()) {
      return List.of(Cell.of("TOTAL"), Cell.of(""), Cell.of(""), Cell.of(NONE),
          Cell.of(view.cap().map(Money::display).orElse(NONE)), Cell.of(NONE), Cell.of(NONE), Cell.of(""),
          Cell.of(""), Cell.of(""));
    }
    // The global cap has no thresholds of its own in the view; the defaults colour it.
    return List.of(Cell.of("TOTAL"), Cell.of(""), Cell.of(""), Cell.of(view.total().displayAmount()),
        Cell.of(view.cap().map(Money::display).orElse(NONE)), ratio(view.capRatio(), Thresholds.DEFAULT, Ansi.PLAIN),
        Cell.of(view.totalForecast().display()), Cell.of(""), Cell.of(""), Cell.of(""));
  }

  private static Cell ratio(Optional<BigDecimal> ratio, Thresholds thresholds, Ansi base) {
    if (ratio.isEmpty()) {
      return new Cell(NONE, base);
    }
    BigDecimal r = ratio.get();
    Ansi style = r.compareTo(thresholds.criticalAt()) >= 0 ? Ansi.RED
        : r.compareTo(thresholds.warnAt()) >= 0 ? Ansi.YELLOW : base;
    return new Cell(Display.percent(r), style);
  }

  /**
   * Where the spend comes from ({@code api+estimate}); the forecast's provenance follows when the
   * spend's does not already say it ({@code api / forecast estimate}). A closed month's forecast is
   * its spend, so nothing follows then.
   */
  private static String source(Report report, AccountView account) {
    if (account.provenance().isEmpty()) {
      return NONE;
    }
    String spend = Report.provenance(account.provenance());
    if (report.progress().closed() || account.provenance().contains(account.forecastProvenance())) {
      return spend;
    }
    return spend + " / forecast " + account.forecastProvenance().label();
  }

  private static String source(Set<Provenance> provenance) {
    return provenance.isEmpty() ? NONE : Report.provenance(provenance);
  }

  /** {@code 2h ago}, {@code stale 3d ago}, {@code never}. */
  static String collected(AccountView account, MonthView view) {
    Optional<Instant> last = account.collection().flatMap(CollectionState::lastSuccess);
    if (last.isEmpty()) {
      return "never";
    }
    String ago = Display.ago(last.get(), view.now());
    return account.stale() ? "stale " + ago : ago;
  }

  /** {@code 2h}, {@code !3d} (stale), {@code never}: how old the data is, for a narrow terminal. */
  static String age(AccountView account, MonthView view) {
    Optional<Instant> last = account.collection().flatMap(CollectionState::lastSuccess);
    if (last.isEmpty()) {
      return "never";
    }
    Duration age = Duration.between(last.get(), view.now());
    String compact = age.isNegative() || age.toMinutes() < 1 ? "now" : Display.compact(age);
    return account.stale() ? "!" + compact : compact;
  }

  private static List<Cell> cells(String... texts) {
    List<Cell> row = new ArrayList<>(texts.length);
    for (String text : texts) {
      row.add(Cell.of(text));
    }
    return row;
  }
}
