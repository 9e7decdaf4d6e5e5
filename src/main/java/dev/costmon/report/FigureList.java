package dev.costmon.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.costmon.export.Csv;
import dev.costmon.model.Observation;
import dev.costmon.model.Tags;
import dev.costmon.report.Sheet.Cell;
import dev.costmon.report.Sheet.Column;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Figures as a provider reported them, before they are stored: what {@code collect --dry-run} shows.
 * Exact values with their unit and provenance, one line per figure, as a table for a person or as
 * JSON or CSV for a script.
 */
public final class FigureList {
  private static final List<String> CSV_COLUMNS = List.of(
      "account", "provider", "day", "kind", "metric", "dimension", "value", "unit", "provenance", "tags");

  /** The order figures are listed in within an account. */
  private static final Comparator<Observation> ORDER = Comparator.comparing(Observation::day)
      .thenComparing(Observation::kind)
      .thenComparing(Observation::metric)
      .thenComparing(Observation::dimension)
      .thenComparing(o -> Tags.encode(o.tags()));

  /** How the list is printed. */
  public enum Format {
    TABLE,
    JSON,
    CSV;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the choices */
    public static Format parse(String label) {
      for (Format format : values()) {
        if (format.label().equalsIgnoreCase(label.trim())) {
          return format;
        }
      }
      throw new IllegalArgumentException("unknown format '" + label + "'; use table, json or csv");
    }
  }

  /**
   * One account's figures; {@code error} when the provider could not be asked (then no figures).
   */
  public record Account(String id, String provider, List<Observation> figures, Optional<String> error) {
    public Account {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(provider, "provider");
      figures = figures.stream().sorted(ORDER).toList();
      Objects.requireNonNull(error, "error");
    }
  }

  private FigureList() {}

  /**
   * Prints the accounts' figures in {@code format}; {@code note} closes the table (what happens to
   * them), and {@code width} is the terminal's, 0 for unlimited.
   */
  public static void render(List<Account> accounts, Format format, String note, int width, PrintWriter out) {
    switch (format) {
      case TABLE -> table(accounts, note, width, out);
      case JSON -> json(accounts, out);
      case CSV -> csv(accounts, out);
    }
    out.flush();
  }

  private static void table(List<Account> accounts, String note, int width, PrintWriter out) {
    boolean tagged = accounts.stream().flatMap(a -> a.figures().stream()).anyMatch(o -> !o.tags().isEmpty());
    List<Column> columns = new ArrayList<>(List.of(new Column("ACCOUNT", false), new Column("DAY", false),
        new Column("KIND", false), new Column("METRIC", false), new Column("DIMENSION", false),
        new Column("AMOUNT", true), new Column("PROVENANCE", false)));
    if (tagged) {
      columns.add(new Column("TAGS", false));
    }
    List<List<Cell>> rows = new ArrayList<>();
    int figures = 0;
    for (Account account : accounts) {
      for (Observation o : account.figures()) {
        List<Cell> row = new ArrayList<>(List.of(Cell.of(account.id()), Cell.of(o.day().toString()),
            Cell.of(o.kind().label()), Cell.of(o.metric()), Cell.of(o.dimension().isEmpty() ? "-" : o.dimension()),
            Cell.of(o.value().toPlainString() + " " + o.unit()),
            new Cell(o.provenance().label(), Ansi.PLAIN, Sheets.badge(o.provenance()))));
        if (tagged) {
          row.add(Cell.of(o.tags().isEmpty() ? "-" : Tags.encode(o.tags())));
        }
        rows.add(row);
        figures++;
      }
    }
    // Every column the figure is stored with stays; long dimensions are cut last (Sheet.shortenTexts).
    Sheet sheet = new Sheet(columns, rows).narrowedBy(List.of(s -> s.drop("TAGS"),
        s -> Sheets.badges(s.compact("PROVENANCE", Sheets.SOURCE_BADGE))));
    if (!rows.isEmpty()) {
      Sheet fitted = TableRenderer.fit(sheet, width);
      TableRenderer.layout(fitted, false).forEach(out::println);
      fitted.legend().forEach(out::println);
    }
    // A failed account's error went to stderr as it happened; the count says it here.
    long failed = accounts.stream().filter(a -> a.error().isPresent()).count();
    TextLines.wrap(figures + (figures == 1 ? " figure" : " figures") + " from " + (accounts.size() - failed)
        + (accounts.size() - failed == 1 ? " account" : " accounts")
        + (failed > 0 ? " (" + failed + " failed)" : "") + "; " + note, width, "  ").forEach(out::println);
  }

  private static void csv(List<Account> accounts, PrintWriter out) {
    out.print(Csv.record(CSV_COLUMNS));
    for (Account account : accounts) {
      for (Observation o : account.figures()) {
        out.print(Csv.record(List.of(account.id(), account.provider(), o.day().toString(), o.kind().label(),
            o.metric(), o.dimension(), o.value().toPlainString(), o.unit(), o.provenance().label(),
            Tags.encode(o.tags()))));
      }
    }
  }

  private static void json(List<Account> accounts, PrintWriter out) {
    JsonFactory factory = JsonFactory.builder()
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .build();
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
      g.writeStartObject();
      g.writeArrayFieldStart("accounts");
      for (Account account : accounts) {
        g.writeStartObject();
        g.writeStringField("account", account.id());
        g.writeStringField("provider", account.provider());
        g.writeStringField("status", account.error().isPresent() ? "failed" : "ok");
        if (account.error().isPresent()) {
          g.writeStringField("error", account.error().get());
        }
        g.writeArrayFieldStart("figures");
        for (Observation o : account.figures()) {
          g.writeStartObject();
          g.writeStringField("day", o.day().toString());
          g.writeStringField("kind", o.kind().label());
          g.writeStringField("metric", o.metric());
          g.writeStringField("dimension", o.dimension());
          // A JSON number, written as the exact decimal: 0.10 stays 0.10.
          g.writeNumberField("value", o.value());
          g.writeStringField("unit", o.unit());
          g.writeStringField("provenance", o.provenance().label());
          g.writeObjectFieldStart("tags");
          for (var tag : o.tags().entrySet()) {
            g.writeStringField(tag.getKey(), tag.getValue());
          }
          g.writeEndObject();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }
}
