package dev.costmon.digest;

import dev.costmon.budget.Ratios;
import dev.costmon.budget.Units;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import dev.costmon.movement.Comparison;
import dev.costmon.movement.Movement;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The digest as sentences for people, shared by the text, Markdown, Slack and HTML renderings so
 * they say the same thing: a headline, a summary, then titled sections of entries. Amounts are
 * rounded here, for display only.
 */
final class Sections {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
      .withZone(ZoneOffset.UTC);

  /**
   * One line of a section: what it is about, its figure, a short note after the figure, and details
   * that follow on their own line.
   */
  record Entry(String label, String figure, String note, List<String> details) {
    Entry {
      details = List.copyOf(details);
    }

    /** {@code label figure note}, each part present. */
    String line() {
      StringBuilder b = new StringBuilder(label);
      if (!figure.isEmpty()) {
        b.append(' ').append(figure);
      }
      if (!note.isEmpty()) {
        b.append(' ').append(note);
      }
      return b.toString();
    }
  }

  /** A titled list; {@code empty} says what an empty one means. */
  record Section(String title, List<Entry> entries, String empty) {
    Section {
      entries = List.copyOf(entries);
    }
  }

  private Sections() {}

  /** {@code costmon digest: Sunday 2026-11-22}, marked when the figures are the demo's. */
  static String headline(Digest d) {
    return "costmon digest: " + d.period().describe() + (d.demo() ? " [DEMO DATA]" : "");
  }

  /** The month against its cap and forecast, then the period's total. */
  static List<String> summary(Digest d) {
    Digest.Month m = d.month();
    String month = m.closed() ? "Month " + m.month() + " (closed)"
        : "Month to date " + m.month() + " (day " + m.daysElapsed() + " of " + m.daysInMonth() + ")";
    List<String> lines = new ArrayList<>();
    if (m.spend().isEmpty()) {
      lines.add(month + ": no figures stored" + m.cap().map(c -> " (cap " + c.display() + ")").orElse(""));
    } else {
      String cap = m.cap().map(c -> " of the " + c.display() + " cap" + m.capRatio().map(r -> " (" + percent(r)
          + ")").orElse("")).orElse("");
      lines.add(month + ": " + m.spend().get().display() + cap);
      lines.add((m.closed() ? "Total of " : "Forecast for ") + m.month() + ": " + m.forecast().orElseThrow().display());
    }
    lines.add(spendIn(d) + ": " + d.periodTotal().map(Money::display).orElse("no figures stored"));
    return lines;
  }

  /** {@code Spend on Sunday 2026-11-22}, {@code Spend in week 2026-W47 (...)}. */
  static String spendIn(Digest d) {
    return (d.period().kind() == Period.Kind.DAY ? "Spend on " : "Spend in ") + d.period().describe();
  }

  static List<Section> of(Digest d) {
    List<Section> sections = new ArrayList<>();
    List<Entry> accounts = new ArrayList<>();
    for (Digest.AccountLine a : d.accounts()) {
      String figure = a.periodSpend().map(Money::display).orElse("no figures");
      String note = a.periodSpend().isPresent() && !a.periodProvenance().isEmpty()
          ? "(" + provenance(a.periodProvenance()) + ")" : "";
      String month = a.monthSpend().map(s -> "month " + s.display()
          + a.cap().map(c -> ", " + a.capRatio().map(Sections::percent).orElse("-") + " of cap " + c.display())
              .orElse("")
          + a.forecast().map(f -> ", forecast " + f.display()).orElse("")).orElse("month: no figures");
      accounts.add(new Entry(a.account(), figure, note, List.of(month)));
    }
    sections.add(new Section(spendIn(d) + " per account", accounts, "no accounts configured"));

    List<Entry> movers = new ArrayList<>();
    for (Movement m : d.movers()) {
      movers.add(new Entry(m.account() + ": " + m.dimension(), Movement.signed(m.difference()), "(" + m.note() + ")",
          List.of(m.before().map(s -> s.amount().display()).orElse("none") + " -> "
              + m.after().map(s -> s.amount().display()).orElse("none"))));
    }
    String against = d.basis() == Comparison.Basis.DAILY_MEDIAN
        ? "the median day of " + d.comparedWith().display() : d.comparedWith().display();
    sections.add(new Section("Top movers (against " + against + ")", movers, "nothing moved"));

    List<Entry> fresh = new ArrayList<>();
    for (Digest.NewResource r : d.newResources()) {
      fresh.add(new Entry(r.account() + ": " + r.dimension(), r.spend().display(),
          "(" + provenance(r.provenance()) + ", since " + r.firstDay() + ")", List.of()));
    }
    sections.add(new Section("New resources", fresh, "none"));

    List<Entry> stale = new ArrayList<>();
    d.stale().forEach(a -> stale.add(new Entry(a.subject() + ":", "", a.message(), List.of())));
    sections.add(new Section("Stale accounts", stale, "none"));

    List<Entry> breaches = new ArrayList<>();
    d.breaches().forEach(a -> breaches.add(new Entry(a.status() + " " + a.subject() + " " + a.name() + ":", "",
        a.message(), List.of())));
    sections.add(new Section("Open breaches", breaches, "none"));

    List<Entry> quotas = new ArrayList<>();
    for (Digest.QuotaLine q : d.quotas()) {
      quotas.add(new Entry(q.account() + " " + q.metric() + ":", Units.format(q.usage(), q.unit()),
          "of " + Units.format(q.quota(), q.unit()) + " (" + percent(q.ratio()) + ")", List.of()));
    }
    sections.add(new Section("Quotas at half their limit or more", quotas, "none"));
    return sections;
  }

  /** When it was made, and what the provenance marks mean. */
  static List<String> footer(Digest d) {
    return List.of("Generated " + TIME.format(d.generatedAt()) + " by costmon. Amounts are rounded for display.",
        "Sources: invoice, api (the provider's figures), estimate (costmon's), fixed (flat fees).");
  }

  /** {@code 85.0%}; {@code over a zero cap} has no percentage. */
  static String percent(BigDecimal ratio) {
    if (Ratios.overZero(ratio)) {
      return "over 0";
    }
    return ratio.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%";
  }

  /** {@code api+estimate}, as reports write it. */
  static String provenance(Set<Provenance> provenance) {
    return String.join("+", provenance.stream().sorted().map(Provenance::label).toList());
  }
}
