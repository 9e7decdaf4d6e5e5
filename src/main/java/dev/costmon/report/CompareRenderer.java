package dev.costmon.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costmon.export.Csv;
import dev.costmon.fx.DatedRate;
import dev.costmon.model.Money;
import dev.costmon.movement.AccountMovement;
import dev.costmon.movement.Comparison;
import dev.costmon.movement.Movement;
import dev.costmon.movement.Period;
import dev.costmon.movement.Spend;
import dev.costmon.report.Sheet.Cell;
import dev.costmon.report.Sheet.Column;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * {@code costmon report --compare}: two periods side by side, per account and per service or
 * resource, largest absolute change first. Amounts are in each account's currency; the change in the
 * reporting currency orders them and is shown where there is room. A side without figures is "-"
 * (JSON {@code null}, CSV empty), never 0: a service is "new" or "gone", an account without figures
 * in a period is not compared and left out of the total.
 *
 * <p>CSV rows: {@code account} (one per configured account; {@code change} is {@code changed},
 * {@code no_data_before}, {@code no_data_after} or {@code no_data}), {@code service} (one per service
 * or resource of the compared accounts, largest change first) and a final {@code total} in the
 * reporting currency; ratios with four decimal places.
 */
public final class CompareRenderer {
  private static final String NONE = "-";
  private static final String IN = "IN ";
  private static final int RATIO_SCALE = 4;
  static final List<String> HEADER = List.of(
      "type", "account", "dimension", "change", "currency", "before", "after", "difference", "ratio",
      "before_provenance", "after_provenance", "reporting_currency", "before_reporting", "after_reporting",
      "difference_reporting", "before_first", "before_last", "after_first", "after_last", "demo");

  private CompareRenderer() {}

  /** Renders {@code comparison} in {@code options.format()} to {@code out} and flushes it. */
  public static void render(Comparison comparison, ReportOptions options, PrintWriter out) {
    switch (options.format()) {
      case TABLE -> table(comparison, options, out);
      case MARKDOWN -> markdown(comparison, options, out);
      case JSON -> json(comparison, options, out);
      case CSV -> csv(comparison, options, out);
    }
    out.flush();
  }

  /** {@code What moved: 1-23 Dec 2026 against 1-23 Nov 2026}. */
  static String title(Comparison c) {
    return "costmon report --compare — " + c.after().display() + " against " + c.before().display()
        + (c.basis() == Comparison.Basis.DAILY_MEDIAN ? " (median day)" : "");
  }

  private static void table(Comparison c, ReportOptions options, PrintWriter out) {
    int width = options.width();
    if (options.demo()) {
      TextLines.wrap(Sheets.DEMO_BANNER, width, "").forEach(l -> out.println(Ansi.YELLOW.paint(l, options.colour())));
    }
    TextLines.wrap(title(c), width, "  ").forEach(out::println);
    out.println();
    TableRenderer.layout(TableRenderer.fit(accounts(c), width), options.colour()).forEach(out::println);
    Sheet movements = movements(c);
    out.println();
    if (movements.rows().isEmpty()) {
      out.println("Nothing to compare per service: no account has figures in both periods.");
    } else {
      TableRenderer.layout(TableRenderer.fit(movements, width), options.colour()).forEach(out::println);
    }
    List<String> notes = notes(c);
    if (!notes.isEmpty()) {
      out.println();
      notes.forEach(n -> TextLines.wrap(n, width, "  ").forEach(out::println));
    }
  }

  private static void markdown(Comparison c, ReportOptions options, PrintWriter out) {
    if (options.demo()) {
      out.println("> **" + Sheets.DEMO_BANNER + "**");
      out.println();
    }
    out.println("## " + MarkdownRenderer.escape(title(c)));
    out.println();
    MarkdownRenderer.table(accounts(c)).forEach(out::println);
    Sheet movements = movements(c);
    if (!movements.rows().isEmpty()) {
      out.println();
      out.println("### What moved");
      out.println();
      MarkdownRenderer.table(movements).forEach(out::println);
    }
    List<String> notes = notes(c);
    if (!notes.isEmpty()) {
      out.println();
      notes.forEach(n -> out.println("- " + MarkdownRenderer.escape(n)));
    }
  }

  /** The accounts, largest absolute change first, those not compared last; the total of the compared ones. */
  static Sheet accounts(Comparison c) {
    String code = c.reporting().getCurrencyCode();
    List<Column> columns = List.of(new Column("ACCOUNT", false), new Column(header(c.before()), true),
        new Column(header(c.after()), true), new Column("CHANGE", true), new Column("%", true),
        new Column(IN + code, true));
    List<List<Cell>> rows = new ArrayList<>();
    List<AccountMovement> compared = c.accounts().stream().filter(AccountMovement::compared)
        .sorted(Comparator.comparing((AccountMovement a) -> a.total().orElseThrow().differenceReporting().amount()
            .abs()).reversed())
        .toList();
    for (AccountMovement a : compared) {
      rows.add(row(a.account(), a.total().orElseThrow()));
    }
    for (AccountMovement a : c.accounts()) {
      if (!a.compared()) {
        rows.add(cells(a.account(), amount(a.before()), amount(a.after()), NONE, "no data", NONE));
      }
    }
    c.total().ifPresent(total -> rows.add(row("TOTAL", total)));
    return new Sheet(columns, rows).narrowedBy(List.of(s -> s.drop(IN + code)));
  }

  /** Every movement of the compared accounts, largest absolute change (in the reporting currency) first. */
  static Sheet movements(Comparison c) {
    String code = c.reporting().getCurrencyCode();
    List<Column> columns = List.of(new Column("ACCOUNT", false), new Column("SERVICE / RESOURCE", false),
        new Column(header(c.before()), true), new Column(header(c.after()), true), new Column("CHANGE", true),
        new Column("%", true), new Column(IN + code, true));
    List<List<Cell>> rows = new ArrayList<>();
    for (Movement m : c.movements()) {
      List<Cell> row = new ArrayList<>(row(m.account(), m));
      row.add(1, Cell.of(m.dimension()));
      rows.add(row);
    }
    List<UnaryOperator<Sheet>> narrowings = List.of(s -> s.drop(IN + code));
    return new Sheet(columns, rows).narrowedBy(narrowings);
  }

  private static List<Cell> row(String account, Movement m) {
    Ansi style = m.difference().amount().signum() > 0 ? Ansi.YELLOW : Ansi.PLAIN;
    List<Cell> row = new ArrayList<>(cells(account, amount(m.before()), amount(m.after()),
        Movement.signed(m.difference()), m.note(), Movement.signed(m.differenceReporting()).replace(" " + m
            .differenceReporting().currency().getCurrencyCode(), "")));
    row.set(3, new Cell(row.get(3).text(), style));
    return row;
  }

  private static String amount(Optional<Spend> spend) {
    return spend.map(s -> s.amount().display()).orElse(NONE);
  }

  /** {@code NOV 1-30}, {@code DEC 20}, {@code 28 NOV-4 DEC}: a column header naming a period. */
  static String header(Period p) {
    String month = p.last().getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH)
        .toUpperCase(Locale.ROOT);
    if (p.first().equals(p.last())) {
      return month + " " + p.last().getDayOfMonth();
    }
    if (p.first().getMonth() == p.last().getMonth() && p.first().getYear() == p.last().getYear()) {
      return month + " " + p.first().getDayOfMonth() + "-" + p.last().getDayOfMonth();
    }
    String firstMonth = p.first().getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH)
        .toUpperCase(Locale.ROOT);
    return p.first().getDayOfMonth() + " " + firstMonth + "-" + p.last().getDayOfMonth() + " " + month;
  }

  /** Accounts without figures in a period, and the rates each side was converted with. */
  static List<String> notes(Comparison c) {
    List<String> notes = new ArrayList<>();
    for (AccountMovement a : c.accounts()) {
      if (!a.compared()) {
        List<String> missing = new ArrayList<>();
        if (a.before().isEmpty()) {
          missing.add(c.before().display());
        }
        if (a.after().isEmpty()) {
          missing.add(c.after().display());
        }
        notes.add(a.account() + ": no figure stored for " + String.join(" nor ", missing)
            + "; not compared (- is no data, not zero)");
      }
    }
    if (c.total().isPresent() && c.accounts().stream().anyMatch(a -> !a.compared())) {
      notes.add("TOTAL adds the accounts compared, in " + c.reporting().getCurrencyCode());
    }
    List<String> rates = new ArrayList<>();
    new TreeMap<>(byCode(c.afterRates())).forEach((code, after) -> {
      DatedRate before = c.beforeRates().get(after.currency());
      String text = "1 " + code + " = " + plain(after.rate()) + " " + c.reporting().getCurrencyCode() + " in "
          + header(c.after());
      if (before != null && before.rate().compareTo(after.rate()) != 0) {
        text += ", " + plain(before.rate()) + " in " + header(c.before()) + " (stored " + before.day() + ")";
      }
      rates.add(text);
    });
    if (!rates.isEmpty()) {
      notes.add("fx: " + String.join("; ", rates));
    }
    return notes;
  }

  private static Map<String, DatedRate> byCode(Map<Currency, DatedRate> rates) {
    Map<String, DatedRate> out = new TreeMap<>();
    rates.forEach((currency, rate) -> out.put(currency.getCurrencyCode(), rate));
    return out;
  }

  private static String plain(BigDecimal rate) {
    return rate.stripTrailingZeros().toPlainString();
  }

  private static List<Cell> cells(String... texts) {
    List<Cell> row = new ArrayList<>();
    for (String t : texts) {
      row.add(Cell.of(t));
    }
    return row;
  }

  private static void json(Comparison c, ReportOptions options, PrintWriter out) {
    ObjectMapper mapper = JsonFigures.mapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("demo", options.demo());
    root.put("basis", c.basis().name().toLowerCase(Locale.ROOT));
    root.set("before", period(mapper, c.before()));
    root.set("after", period(mapper, c.after()));
    root.put("currency", c.reporting().getCurrencyCode());
    ArrayNode accounts = root.putArray("accounts");
    for (AccountMovement a : c.accounts()) {
      ObjectNode n = accounts.addObject();
      n.put("account", a.account());
      n.put("compared", a.compared());
      n.set("before", spend(a.before()));
      n.set("after", spend(a.after()));
      Optional<Movement> whole = a.total();
      n.set("difference", whole.map(m -> money(m.difference())).orElse(null));
      n.set("difference_reporting", whole.map(m -> money(m.differenceReporting())).orElse(null));
      putRatio(n, whole.flatMap(Movement::ratio));
    }
    Optional<Movement> total = c.total();
    ObjectNode t = root.putObject("total");
    t.set("before", total.flatMap(Movement::before).map(s -> money(s.amount())).orElse(null));
    t.set("after", total.flatMap(Movement::after).map(s -> money(s.amount())).orElse(null));
    t.set("difference", total.map(m -> money(m.difference())).orElse(null));
    putRatio(t, total.flatMap(Movement::ratio));
    ArrayNode movements = root.putArray("movements");
    for (Movement m : c.movements()) {
      ObjectNode n = movements.addObject();
      n.put("account", m.account());
      n.put("dimension", m.dimension());
      n.put("change", m.change().label());
      n.set("before", spend(m.before()));
      n.set("after", spend(m.after()));
      n.set("difference", money(m.difference()));
      n.set("difference_reporting", money(m.differenceReporting()));
      putRatio(n, m.ratio());
    }
    ObjectNode rates = root.putObject("rates");
    rates.set("before", rates(mapper, c.beforeRates()));
    rates.set("after", rates(mapper, c.afterRates()));
    try {
      out.println(mapper.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode period(ObjectMapper mapper, Period p) {
    ObjectNode n = mapper.createObjectNode();
    n.put("first", p.first().toString());
    n.put("last", p.last().toString());
    n.put("days", p.days());
    return n;
  }

  /** {@code {"amount": "30.00", "currency": "USD", "reporting": {...}, "provenance": "invoice"}} or null. */
  private static ObjectNode spend(Optional<Spend> spend) {
    if (spend.isEmpty()) {
      return null;
    }
    ObjectNode n = money(spend.get().amount());
    n.set("reporting", money(spend.get().reporting()));
    n.put("provenance", spend.get().provenance().label());
    return n;
  }

  private static ObjectNode money(Money money) {
    return JsonFigures.money(money, Optional.empty());
  }

  private static void putRatio(ObjectNode n, Optional<BigDecimal> ratio) {
    if (ratio.isPresent()) {
      n.put("ratio", ratio.get());
    } else {
      n.putNull("ratio");
    }
  }

  private static ArrayNode rates(ObjectMapper mapper, Map<Currency, DatedRate> rates) {
    ArrayNode list = mapper.createArrayNode();
    byCode(rates).forEach((code, r) -> {
      ObjectNode n = list.addObject();
      n.put("currency", code);
      n.put("rate", r.rate());
      n.put("date", r.day().toString());
      n.put("source", r.source());
    });
    return list;
  }

  private static void csv(Comparison c, ReportOptions options, PrintWriter out) {
    out.print(Csv.record(HEADER));
    for (AccountMovement a : c.accounts()) {
      String change = a.compared() ? "changed" : a.before().isEmpty() && a.after().isEmpty() ? "no_data"
          : a.before().isEmpty() ? "no_data_before" : "no_data_after";
      out.print(Csv.record(csvRow(c, options, "account", a.account(), "", change, a.before(), a.after(),
          a.total())));
    }
    for (Movement m : c.movements()) {
      out.print(Csv.record(csvRow(c, options, "service", m.account(), m.dimension(), m.change().label(), m.before(),
          m.after(), Optional.of(m))));
    }
    c.total().ifPresent(t -> out.print(Csv.record(csvRow(c, options, "total", Comparison.TOTAL, "", "changed",
        t.before(), t.after(), Optional.of(t)))));
  }

  private static List<String> csvRow(Comparison c, ReportOptions options, String type, String account,
      String dimension, String change, Optional<Spend> before, Optional<Spend> after, Optional<Movement> m) {
    Optional<Spend> any = after.or(() -> before);
    return List.of(type, account, dimension, change,
        any.map(s -> s.amount().currency().getCurrencyCode()).orElse(""),
        before.map(s -> s.amount().amount().toPlainString()).orElse(""),
        after.map(s -> s.amount().amount().toPlainString()).orElse(""),
        m.map(x -> x.difference().amount().toPlainString()).orElse(""),
        m.flatMap(Movement::ratio).map(r -> r.setScale(RATIO_SCALE, RoundingMode.HALF_EVEN).toPlainString())
            .orElse(""),
        before.map(s -> s.provenance().label()).orElse(""),
        after.map(s -> s.provenance().label()).orElse(""),
        c.reporting().getCurrencyCode(),
        before.map(s -> s.reporting().amount().toPlainString()).orElse(""),
        after.map(s -> s.reporting().amount().toPlainString()).orElse(""),
        m.map(x -> x.differenceReporting().amount().toPlainString()).orElse(""),
        c.before().first().toString(), c.before().last().toString(),
        c.after().first().toString(), c.after().last().toString(),
        Boolean.toString(options.demo()));
  }
}
