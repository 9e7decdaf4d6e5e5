package dev.costmon.provider.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.http.ExactJson;
import dev.costmon.http.Redactor;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.MonthToDate;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what the program printed: a JSON document (daily figures) or {@code key value} lines
 * (month-to-date figures). See the README for both forms.
 */
final class Output {
  static final String MONTH_TO_DATE = "month to date";
  private static final Pattern METRIC = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Set<String> TOP = Set.of("spend", "usage", "forecast");
  private static final Set<String> SPEND = Set.of("day", "service", "amount", "currency");
  private static final Set<String> USAGE = Set.of("day", "metric", "dimension", "value", "unit", "aggregation");
  private static final Set<String> FORECAST = Set.of("amount", "currency");

  private final String program;
  private final Redactor redactor;
  private final CollectWindow window;

  Output(String program, Redactor redactor, CollectWindow window) {
    this.program = program;
    this.redactor = redactor;
    this.window = window;
  }

  List<Observation> parse(String stdout) throws ProviderException {
    String text = stdout.strip();
    if (text.isEmpty()) {
      throw bad(program + " printed nothing on standard output");
    }
    return text.startsWith("{") ? json(text) : lines(text);
  }

  private List<Observation> json(String text) throws ProviderException {
    JsonNode root;
    try {
      root = ExactJson.parse(text);
    } catch (JsonProcessingException e) {
      String at = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw bad(program + " printed malformed JSON" + at);
    }
    keys(root, TOP, "the document");
    List<Observation> result = new ArrayList<>();
    int i = 0;
    for (JsonNode row : array(root, "spend")) {
      String at = "spend[" + i++ + "]";
      keys(row, SPEND, at);
      String service = row.has("service") ? text(row, "service", at) : "";
      result.add(Observation.spend(day(row, at), service, new Money(number(row, "amount", at),
          currency(text(row, "currency", at), at)), Provenance.API));
    }
    i = 0;
    for (JsonNode row : array(root, "usage")) {
      String at = "usage[" + i++ + "]";
      keys(row, USAGE, at);
      String aggregation = row.has("aggregation") ? text(row, "aggregation", at) : "sum";
      result.add(Observation.usage(day(row, at), metric(text(row, "metric", at), at),
          row.has("dimension") ? text(row, "dimension", at) : "", number(row, "value", at),
          row.has("unit") ? text(row, "unit", at) : "count", aggregation(aggregation, at), Provenance.API));
    }
    JsonNode forecast = root.get("forecast");
    if (forecast != null && !forecast.isNull()) {
      keys(forecast, FORECAST, "forecast");
      result.add(Observation.forecast(window.today().withDayOfMonth(1), new Money(number(forecast, "amount",
          "forecast"), currency(text(forecast, "currency", "forecast"), "forecast")), Provenance.API));
    }
    if (result.isEmpty()) {
      throw bad(program + " printed a JSON document without spend, usage or forecast");
    }
    return result;
  }

  /**
   * {@code spend <amount> <CURRENCY> [service]}, {@code usage <metric> <value> [unit] [sum|last]},
   * {@code forecast <amount> <CURRENCY>}; blank lines and {@code #} comments are skipped.
   */
  private List<Observation> lines(String text) throws ProviderException {
    LocalDate today = window.today();
    LocalDate monthStart = today.withDayOfMonth(1);
    List<Observation> result = new ArrayList<>();
    Money spendTotal = null;
    boolean forecast = false;
    String[] lines = text.split("\\R");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String at = "line " + (n + 1);
      String[] f = line.split("\\s+");
      switch (f[0]) {
        case "spend" -> {
          if (f.length < 3) {
            throw unknownLine(at, line);
          }
          Money amount = new Money(decimal(f[1], at), currency(f[2], at));
          String service = f.length > 3 ? line.split("\\s+", 4)[3] : MONTH_TO_DATE;
          result.add(Observation.spend(monthStart, service, amount, Provenance.API));
          spendTotal = spendTotal == null ? amount : plus(spendTotal, amount, at);
        }
        case "usage" -> {
          if (f.length < 3 || f.length > 5) {
            throw unknownLine(at, line);
          }
          String unit = f.length > 3 ? f[3] : "count";
          Aggregation aggregation = f.length > 4 ? aggregation(f[4], at) : Aggregation.LAST;
          result.add(Observation.usage(today, metric(f[1], at), "", decimal(f[2], at), unit, aggregation,
              Provenance.API));
        }
        case "forecast" -> {
          if (f.length != 3) {
            throw unknownLine(at, line);
          }
          result.add(Observation.forecast(monthStart, new Money(decimal(f[1], at), currency(f[2], at)),
              Provenance.API));
          forecast = true;
        }
        default -> throw unknownLine(at, line);
      }
    }
    if (result.isEmpty()) {
      throw bad(program + " printed only blank lines and comments");
    }
    if (spendTotal != null && !forecast) {
      result.add(Observation.forecast(monthStart,
          MonthToDate.forecast(spendTotal, monthStart, window.now(), window.zone()), Provenance.ESTIMATE));
    }
    return result;
  }

  private ProviderException unknownLine(String at, String line) {
    return bad(program + " printed an unreadable " + at + " (expected 'spend <amount> <currency> [service]',"
        + " 'usage <metric> <value> [unit] [sum|last]' or 'forecast <amount> <currency>'): " + excerpt(line));
  }

  private String excerpt(String text) {
    String clean = redactor.text(text).replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
  }

  private Iterable<JsonNode> array(JsonNode root, String field) throws ProviderException {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw bad(program + " printed '" + field + "' that is not a list");
    }
    return node;
  }

  private void keys(JsonNode node, Set<String> allowed, String at) throws ProviderException {
    if (!node.isObject()) {
      throw bad(program + " printed " + at + " that is not an object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw bad(program + " printed an unknown key in " + at + ": '" + excerpt(key) + "' (known: "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private String text(JsonNode row, String field, String at) throws ProviderException {
    JsonNode node = row.get(field);
    if (node == null || !node.isTextual()) {
      throw bad(program + " printed " + at + " without a text '" + field + "'");
    }
    return node.textValue();
  }

  private BigDecimal number(JsonNode row, String field, String at) throws ProviderException {
    JsonNode node = row.get(field);
    if (node != null && node.isNumber()) {
      return node.decimalValue();
    }
    if (node != null && node.isTextual()) {
      return decimal(node.textValue(), at + "." + field);
    }
    throw bad(program + " printed " + at + " without a number '" + field + "'");
  }

  private LocalDate day(JsonNode row, String at) throws ProviderException {
    String text = text(row, "day", at);
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw bad(program + " printed " + at + ".day '" + excerpt(text) + "', not a date like 2026-11-23");
    }
  }

  private BigDecimal decimal(String text, String at) throws ProviderException {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw bad(program + " printed '" + excerpt(text) + "' in " + at + ", not a decimal number");
    }
  }

  private java.util.Currency currency(String code, String at) throws ProviderException {
    try {
      return Money.currency(code);
    } catch (IllegalArgumentException e) {
      throw bad(program + " printed " + at + ": '" + excerpt(code) + "' is not an ISO 4217 currency code");
    }
  }

  private String metric(String name, String at) throws ProviderException {
    if (!METRIC.matcher(name).matches()) {
      throw bad(program + " printed " + at + ": metric '" + excerpt(name) + "' must match [a-z][a-z0-9_]*");
    }
    return name;
  }

  private Aggregation aggregation(String text, String at) throws ProviderException {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "sum" -> Aggregation.SUM;
      case "last" -> Aggregation.LAST;
      default -> throw bad(program + " printed " + at + ": aggregation '" + excerpt(text) + "' is not sum or last");
    };
  }

  private Money plus(Money a, Money b, String at) throws ProviderException {
    try {
      return a.plus(b);
    } catch (IllegalArgumentException e) {
      throw bad(program + " printed " + at + ": " + e.getMessage());
    }
  }

  private static ProviderException bad(String message) {
    return new ProviderException(Kind.BAD_RESPONSE, message);
  }
}
