package dev.costmon.provider.focus;

import static dev.costmon.provider.focus.FocusColumns.BILLING_ACCOUNT;
import static dev.costmon.provider.focus.FocusColumns.CATEGORY;
import static dev.costmon.provider.focus.FocusColumns.CHARGE_DATE;
import static dev.costmon.provider.focus.FocusColumns.COST;
import static dev.costmon.provider.focus.FocusColumns.CURRENCY;
import static dev.costmon.provider.focus.FocusColumns.PROVIDER;
import static dev.costmon.provider.focus.FocusColumns.QUANTITY;
import static dev.costmon.provider.focus.FocusColumns.SERVICE;
import static dev.costmon.provider.focus.FocusColumns.START;
import static dev.costmon.provider.focus.FocusColumns.SUB_ACCOUNT;
import static dev.costmon.provider.focus.FocusColumns.TAGS;
import static dev.costmon.provider.focus.FocusColumns.UNIT;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.costmon.model.Money;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Streams one FOCUS CSV file (plain or gzip, told apart by its magic bytes) through Jackson's CSV
 * parser into {@link FocusTotals}, hashing the file's bytes on the way. Memory stays bounded by the
 * number of days x services, whatever the size of the file.
 */
public final class FocusReader {
  private static final int BUFFER = 1 << 16;
  private static final Pattern OFFSET = Pattern.compile(".*(?:Z|[+-]\\d\\d:?\\d\\d)$");

  private final CsvMapper mapper = CsvMapper.builder()
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      // The stream is closed by parse(), which opened it.
      .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
      .build();
  private final FocusRules rules;

  public FocusReader(FocusRules rules) {
    this.rules = rules;
  }

  /** What one pass over a file gave. */
  public record Read(Path file, String sha256, long size, String version, FocusTotals totals) {}

  /**
   * Reads and sums a file.
   *
   * @throws FocusException for a missing mandatory column or a malformed row (naming its line)
   */
  public Read read(Path file) {
    return readUnlessKnown(file, sha256 -> false).orElseThrow();
  }

  /**
   * Reads and sums a file unless {@code known} says its SHA-256 was imported before. The file is
   * hashed and parsed side by side, each by a thread reading it at its own pace, so a known file
   * costs the hash (the parse is stopped then), and a new one a single parse.
   *
   * @return empty for a known file
   * @throws FocusException for a missing mandatory column or a malformed row (naming its line) of a
   *     file that is not known
   */
  public Optional<Read> readUnlessKnown(Path file, Predicate<String> known) {
    Fingerprint fingerprint = Fingerprint.of(file);
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Read> parse = new CompletableFuture<>();
    Thread parser = new Thread(() -> {
      try {
        parse.complete(parse(file, stop));
      } catch (IOException | RuntimeException e) {
        parse.completeExceptionally(e);
      }
    }, "costmon-parse");
    parser.setDaemon(true);
    parser.start();
    try {
      // The fingerprint decides first, even when the parse already failed: a file imported before is
      // skipped whatever its rows say now (hashing is faster than parsing, so this rarely waits).
      String sha256 = fingerprint.sha256().get();
      if (known.test(sha256)) {
        stop.set(true);
        return Optional.empty();
      }
      Read r = parse.get();
      return Optional.of(new Read(file, sha256, Files.size(file), r.version(), r.totals()));
    } catch (ExecutionException e) {
      stop.set(true);
      fingerprint.cancel();
      if (e.getCause() instanceof FocusException fe) {
        throw fe;
      }
      if (e.getCause() instanceof IOException io) {
        throw unreadable(file, io);
      }
      throw new IllegalStateException(e.getCause());
    } catch (IOException e) {
      throw unreadable(file, e);
    } catch (InterruptedException e) {
      stop.set(true);
      fingerprint.cancel();
      Thread.currentThread().interrupt();
      throw unreadable(file, new InterruptedIOException("interrupted"));
    }
  }

  /** One parse of the file (the SHA-256 left empty), stopping at the next read once {@code stop} is set. */
  private Read parse(Path file, AtomicBoolean stop) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream text = withoutBom(decompressed(new BufferedInputStream(stoppable(raw, stop), BUFFER)))) {
      Parse parse = new Parse();
      String version = parse.run(text);
      return new Read(file, "", 0, version, parse.totals);
    }
  }

  private static InputStream stoppable(InputStream in, AtomicBoolean stop) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        check();
        return super.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        check();
        return super.read(b, off, len);
      }

      private void check() throws InterruptedIOException {
        if (stop.get()) {
          throw new InterruptedIOException("stopped: the file was imported before");
        }
      }
    };
  }

  private static InputStream decompressed(BufferedInputStream in) throws IOException {
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
    }
    return in;
  }

  private static InputStream withoutBom(InputStream in) throws IOException {
    BufferedInputStream b = in instanceof BufferedInputStream bis ? bis : new BufferedInputStream(in, BUFFER);
    b.mark(3);
    if (!(b.read() == 0xEF && b.read() == 0xBB && b.read() == 0xBF)) {
      b.reset();
    }
    return b;
  }

  /** The state of one parse: the header mapping, caches of parsed days and currencies, the sums. */
  private final class Parse {
    final FocusTotals totals = new FocusTotals();
    final Map<String, LocalDate> days = new HashMap<>();
    final Set<String> currencies = new HashSet<>();
    final AllowedTags tags = new AllowedTags(rules.tagKeys());
    final String[] values = new String[FocusColumns.SLOTS];
    long line;

    String run(InputStream in) throws IOException {
      // Rows as arrays, the first one the header: Jackson then skips building a field name per value,
      // which makes the import about 15% faster; the row length is checked here instead.
      try (CsvParser p = mapper.getFactory().createParser(in)) {
        p.setSchema(CsvSchema.emptySchema());
        List<String> header = new ArrayList<>();
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_ARRAY) {
          for (t = p.nextToken(); t == JsonToken.VALUE_STRING; t = p.nextToken()) {
            header.add(p.getText());
          }
        }
        if (header.isEmpty() || header.size() == 1 && header.get(0).isBlank()) {
          throw new FocusException("the file is empty; a FOCUS export starts with a header row");
        }
        FocusColumns columns = FocusColumns.of(header);
        checkFilterColumns(columns);
        int[] slotOf = columns.slotOfColumn;
        int width = slotOf.length;
        int column = 0;
        for (t = p.nextToken(); t != null; t = p.nextToken()) {
          if (t == JsonToken.VALUE_STRING) {
            int slot = column < width ? slotOf[column] : -1;
            if (slot >= 0) {
              values[slot] = p.getText();
            }
            column++;
          } else if (t == JsonToken.START_ARRAY) {
            Arrays.fill(values, null);
            column = 0;
            // Where the decoder is once the row started: the row's line (its last for a quoted newline).
            line = p.currentLocation().getLineNr();
          } else if (t == JsonToken.END_ARRAY) {
            if (column != width) {
              throw malformed("malformed CSV row: " + column + " values, but the header has " + width + " columns");
            }
            row();
          }
        }
        return columns.version;
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        throw new FocusException("line " + (at == null ? line : at.getLineNr()) + ": malformed CSV row: "
            + e.getOriginalMessage().lines().findFirst().orElse(""), e);
      }
    }

    private void checkFilterColumns(FocusColumns columns) {
      if (rules.accountId() != null && !columns.has(BILLING_ACCOUNT) && !columns.has(SUB_ACCOUNT)) {
        throw new FocusException("account_id is set but the header has no BillingAccountId or SubAccountId column");
      }
      if (rules.providerName() != null && !columns.has(PROVIDER)) {
        throw new FocusException("provider_name is set but the header has no ServiceProviderName or ProviderName column");
      }
    }

    private void row() {
      totals.row();
      if (rules.accountId() != null
          && !rules.accountId().equals(strip(values[BILLING_ACCOUNT])) && !rules.accountId().equals(strip(values[SUB_ACCOUNT]))) {
        return;
      }
      String provider = orEmpty(values[PROVIDER]);
      if (rules.providerName() != null && !rules.providerName().equalsIgnoreCase(provider)) {
        return;
      }
      BigDecimal cost = decimal(values[COST], FocusColumns.BILLED_COST, true);
      String currency = currency(values[CURRENCY]);
      LocalDate day = isNull(values[CHARGE_DATE]) ? day(values[START], FocusColumns.CHARGE_PERIOD_START)
          : day(values[CHARGE_DATE], FocusColumn.X_CHARGE_DATE);
      String service = orEmpty(values[SERVICE]);
      if (service.isEmpty()) {
        // Tax and some credit rows name no service: show them under their category.
        String category = orEmpty(values[CATEGORY]);
        service = category.isEmpty() ? "(no service)" : category;
      }
      SortedMap<String, String> kept;
      try {
        kept = tags.of(values[TAGS]);
      } catch (IllegalArgumentException e) {
        throw malformed(e.getMessage());
      }
      totals.addSpend(day, provider, service, currency, kept, cost);
      if (!rules.usageUnits().isEmpty() && !isNull(values[UNIT])) {
        String unit = rules.usageUnit(values[UNIT]);
        if (unit != null) {
          BigDecimal quantity = decimal(values[QUANTITY], "ConsumedQuantity", false);
          if (quantity != null) {
            totals.addUsage(day, provider, service, unit, quantity);
          }
        }
      }
    }

    private BigDecimal decimal(String text, String column, boolean required) {
      if (isNull(text)) {
        if (required) {
          throw malformed(column + " is empty; FOCUS requires a number");
        }
        return null;
      }
      try {
        return new BigDecimal(text.strip());
      } catch (NumberFormatException e) {
        throw malformed(column + " '" + text + "' is not a decimal number");
      }
    }

    private String currency(String text) {
      if (isNull(text)) {
        throw malformed("BillingCurrency is empty");
      }
      String code = text.strip();
      if (!currencies.contains(code)) {
        try {
          Money.currency(code);
        } catch (IllegalArgumentException e) {
          throw malformed("BillingCurrency " + e.getMessage());
        }
        currencies.add(code);
      }
      return code;
    }

    /**
     * The UTC date of a ChargePeriodStart (FOCUS datetimes are UTC, with or without a zone suffix), or
     * the date an x_ChargeDate names.
     */
    private LocalDate day(String text, String column) {
      if (isNull(text)) {
        throw malformed(column + " is empty");
      }
      LocalDate day = days.get(text);
      if (day == null) {
        day = parseDay(text.strip(), column);
        if (days.size() > 100_000) {
          days.clear();
        }
        days.put(text, day);
      }
      return day;
    }

    private LocalDate parseDay(String s, String column) {
      try {
        if (s.length() == 10) {
          return LocalDate.parse(s);
        }
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        if (iso.endsWith(" UTC")) {
          iso = iso.substring(0, iso.length() - 4) + 'Z';
        }
        if (OFFSET.matcher(iso).matches()) {
          return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        }
        return LocalDateTime.parse(iso).toLocalDate();
      } catch (DateTimeException e) {
        throw malformed(column + " '" + s + "' is not a date-time such as 2026-11-01T00:00:00Z");
      }
    }

    private FocusException malformed(String message) {
      return new FocusException("line " + line + ": " + message);
    }
  }

  private static boolean isNull(String s) {
    return s == null || s.isBlank() || s.equalsIgnoreCase("NULL");
  }

  private static String orEmpty(String s) {
    return isNull(s) ? "" : s.strip();
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }

  private static FocusException unreadable(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new FocusException("no such file", e);
    }
    if (e instanceof java.util.zip.ZipException) {
      return new FocusException("not a valid gzip file (" + e.getMessage() + ")", e);
    }
    if (e instanceof java.io.EOFException) {
      return new FocusException("the gzip stream is truncated", e);
    }
    return new FocusException("cannot read: " + e.getMessage(), e);
  }
}
