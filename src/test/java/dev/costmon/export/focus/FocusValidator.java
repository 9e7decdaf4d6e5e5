package dev.costmon.export.focus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A FOCUS cost-and-usage CSV checker built from the specification's own requirement tables (the
 * "Content constraints" of every column, in {@code src/test/resources/focus/columns-<version>.txt}) and
 * its format attributes: every Mandatory column present, no null where "Allows nulls" is False,
 * Decimal in Numeric Format, Date/Time as {@code YYYY-MM-DDTHH:mm:ssZ}, ISO 4217 currency codes,
 * enumerated values, Key-Value Format JSON; custom columns {@code x_}-prefixed and after the FOCUS
 * ones; and the conditional rules between columns that costmon's rows touch. An empty cell is a null.
 */
public final class FocusValidator {
  /** One column's constraints as the spec's table states them. */
  record Constraint(String column, String featureLevel, boolean allowsNulls, String dataType, String valueFormat,
      Set<String> allowedValues) {
    boolean mandatory() {
      return featureLevel.equals("Mandatory");
    }
  }

  // NumericFormat: an integer, a decimal or E notation "mEn"; no "+" sign, no thousands separators.
  private static final Pattern NUMERIC = Pattern.compile("-?\\d+(\\.\\d+)?([eE]-?\\d+)?");
  private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  private static final Pattern CUSTOM = Pattern.compile("x_[A-Za-z0-9_]+");
  private static final Set<String> NOT_USAGE = Set.of("Purchase", "Tax", "Credit", "Adjustment");
  private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private final String version;
  private final Map<String, Constraint> constraints = new LinkedHashMap<>();

  public FocusValidator(String version) {
    this.version = version;
    String resource = "/focus/columns-" + version + ".txt";
    try (InputStream in = FocusValidator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no spec table " + resource);
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\\|", -1);
        Set<String> allowed = f[5].isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(f[5].split(";")));
        constraints.put(f[0], new Constraint(f[0], f[1], Boolean.parseBoolean(f[2]), f[3], f[4], allowed));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, Constraint> constraints() {
    return constraints;
  }

  /** The violations of a file (plain or gzip), each naming its line and column; empty when it conforms. */
  public List<String> validate(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      return validate(gzip ? new GZIPInputStream(raw) : raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> validate(InputStream in) throws IOException {
    List<String> problems = new ArrayList<>();
    CsvMapper csv = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
    try (MappingIterator<String[]> rows = csv.readerFor(String[].class).readValues(in)) {
      if (!rows.hasNext()) {
        return List.of("the file is empty: no header");
      }
      List<String> header = List.of(rows.next());
      checkHeader(header, problems);
      long line = 1;
      while (rows.hasNext()) {
        line++;
        String[] cells = rows.next();
        if (cells.length != header.size()) {
          problems.add("line " + line + ": " + cells.length + " values for " + header.size() + " columns");
          continue;
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
          row.put(header.get(i), cells[i]);
          Constraint c = constraints.get(header.get(i));
          if (c != null) {
            checkCell(c, cells[i], line, problems);
          }
        }
        checkRow(row, line, problems);
      }
    }
    return problems;
  }

  private void checkHeader(List<String> header, List<String> problems) {
    Set<String> seen = new HashSet<>();
    boolean custom = false;
    for (String column : header) {
      if (!seen.add(column)) {
        problems.add("header: column " + column + " appears twice");
      }
      if (constraints.containsKey(column)) {
        if (custom) {
          problems.add("header: FOCUS column " + column + " after custom columns");
        }
      } else if (CUSTOM.matcher(column).matches()) {
        custom = true;
      } else {
        problems.add("header: " + column + " is neither a FOCUS " + version + " column nor an x_ custom column");
      }
    }
    for (Constraint c : constraints.values()) {
      if (c.mandatory() && !seen.contains(c.column())) {
        problems.add("header: mandatory column " + c.column() + " is missing");
      }
    }
  }

  private static void checkCell(Constraint c, String value, long line, List<String> problems) {
    String where = "line " + line + ": " + c.column();
    if (value.isEmpty()) {
      if (!c.allowsNulls()) {
        problems.add(where + " is null, which the spec does not allow");
      }
      return;
    }
    if (!value.equals(value.strip())) {
      problems.add(where + " '" + value + "' has surrounding whitespace");
    }
    switch (c.dataType()) {
      case "Decimal" -> {
        if (!NUMERIC.matcher(value).matches()) {
          problems.add(where + " '" + value + "' is not in Numeric Format");
        }
      }
      case "Date/Time" -> {
        if (!DATE_TIME.matcher(value).matches() || !parses(value)) {
          problems.add(where + " '" + value + "' is not a UTC date/time YYYY-MM-DDTHH:mm:ssZ");
        }
      }
      case "JSON" -> checkJson(where, value, c.valueFormat(), problems);
      default -> {
      }
    }
    if (c.valueFormat().equals("Currency Format") && !isCurrency(value)) {
      problems.add(where + " '" + value + "' is not an ISO 4217 currency code");
    }
    if (!c.allowedValues().isEmpty()) {
      boolean allowed = c.column().equals("ServiceSubcategory")
          ? c.allowedValues().stream().anyMatch(v -> v.endsWith("/" + value))
          : c.allowedValues().contains(value);
      if (!allowed) {
        problems.add(where + " '" + value + "' is not one of the allowed values");
      }
    }
  }

  /** Rules between columns, from the columns' requirement lists, for the columns costmon writes. */
  private static void checkRow(Map<String, String> row, long line, List<String> problems) {
    String where = "line " + line + ": ";
    pairedNulls(row, "ConsumedQuantity", "ConsumedUnit", where, problems);
    pairedNulls(row, "PricingQuantity", "PricingUnit", where, problems);
    if ("Purchase".equals(row.get("ChargeCategory")) && "Usage-Based".equals(row.get("ChargeFrequency"))) {
      problems.add(where + "ChargeFrequency is Usage-Based for a Purchase");
    }
    String category = row.get("ChargeCategory");
    if (NOT_USAGE.contains(category) && !isNull(row.get("ConsumedQuantity"))) {
      problems.add(where + "ConsumedQuantity is not null for ChargeCategory " + category);
    }
    if ("Tax".equals(category) && !isNull(row.get("PricingQuantity"))) {
      problems.add(where + "PricingQuantity is not null for a Tax charge");
    }
    ordered(row, "ChargePeriodStart", "ChargePeriodEnd", where, problems);
    ordered(row, "BillingPeriodStart", "BillingPeriodEnd", where, problems);
    if (row.containsKey("HostProviderName") && !isNull(row.get("HostProviderName"))
        && row.get("HostProviderName").equals("Not Applicable")) {
      problems.add(where + "HostProviderName uses a placeholder for null");
    }
  }

  private static void pairedNulls(Map<String, String> row, String quantity, String unit, String where,
      List<String> problems) {
    if (row.containsKey(quantity) && row.containsKey(unit) && isNull(row.get(quantity)) != isNull(row.get(unit))) {
      problems.add(where + unit + " must be null exactly when " + quantity + " is");
    }
  }

  private static void ordered(Map<String, String> row, String start, String end, String where, List<String> problems) {
    String s = row.get(start);
    String e = row.get(end);
    if (s != null && e != null && parses(s) && parses(e) && !Instant.parse(e).isAfter(Instant.parse(s))) {
      problems.add(where + end + " " + e + " is not after " + start + " " + s);
    }
  }

  private static void checkJson(String where, String value, String format, List<String> problems) {
    JsonNode node;
    try {
      node = STRICT_JSON.readTree(value);
    } catch (JsonProcessingException e) {
      problems.add(where + " is not JSON: " + e.getOriginalMessage());
      return;
    }
    if (node == null || !node.isObject()) {
      problems.add(where + " is not a JSON object");
      return;
    }
    if (format.startsWith("Key")) {
      node.properties().forEach(f -> {
        if (f.getValue().isContainerNode()) {
          problems.add(where + " value of key '" + f.getKey() + "' is an object or array, not allowed in Key-Value Format");
        }
      });
    }
  }

  private static boolean parses(String value) {
    try {
      Instant.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isCurrency(String code) {
    if (!code.matches("[A-Z]{3}")) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isNull(String value) {
    return value == null || value.isEmpty();
  }
}
