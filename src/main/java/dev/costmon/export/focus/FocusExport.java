package dev.costmon.export.focus;

import static dev.costmon.provider.focus.FocusColumn.BILLED_COST;
import static dev.costmon.provider.focus.FocusColumn.BILLING_ACCOUNT_ID;
import static dev.costmon.provider.focus.FocusColumn.BILLING_ACCOUNT_NAME;
import static dev.costmon.provider.focus.FocusColumn.BILLING_CURRENCY;
import static dev.costmon.provider.focus.FocusColumn.BILLING_PERIOD_END;
import static dev.costmon.provider.focus.FocusColumn.BILLING_PERIOD_START;
import static dev.costmon.provider.focus.FocusColumn.CHARGE_CATEGORY;
import static dev.costmon.provider.focus.FocusColumn.CHARGE_CLASS;
import static dev.costmon.provider.focus.FocusColumn.CHARGE_DESCRIPTION;
import static dev.costmon.provider.focus.FocusColumn.CHARGE_FREQUENCY;
import static dev.costmon.provider.focus.FocusColumn.CHARGE_PERIOD_END;
import static dev.costmon.provider.focus.FocusColumn.CHARGE_PERIOD_START;
import static dev.costmon.provider.focus.FocusColumn.CONSUMED_QUANTITY;
import static dev.costmon.provider.focus.FocusColumn.CONSUMED_UNIT;
import static dev.costmon.provider.focus.FocusColumn.CONTRACTED_COST;
import static dev.costmon.provider.focus.FocusColumn.EFFECTIVE_COST;
import static dev.costmon.provider.focus.FocusColumn.HOST_PROVIDER_NAME;
import static dev.costmon.provider.focus.FocusColumn.INVOICE_ISSUER_NAME;
import static dev.costmon.provider.focus.FocusColumn.LIST_COST;
import static dev.costmon.provider.focus.FocusColumn.PRICING_QUANTITY;
import static dev.costmon.provider.focus.FocusColumn.PRICING_UNIT;
import static dev.costmon.provider.focus.FocusColumn.PROVIDER_NAME;
import static dev.costmon.provider.focus.FocusColumn.PUBLISHER_NAME;
import static dev.costmon.provider.focus.FocusColumn.SERVICE_CATEGORY;
import static dev.costmon.provider.focus.FocusColumn.SERVICE_NAME;
import static dev.costmon.provider.focus.FocusColumn.SERVICE_PROVIDER_NAME;
import static dev.costmon.provider.focus.FocusColumn.TAGS;
import static dev.costmon.provider.focus.FocusColumn.X_CHARGE_DATE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.export.Csv;
import dev.costmon.export.ExportException;
import dev.costmon.export.HistoryExport;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Provenance;
import dev.costmon.model.Tags;
import dev.costmon.store.History;
import dev.costmon.store.StoredObservation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code costmon export --format focus}: the stored history as a FOCUS cost-and-usage dataset, one
 * CSV row per stored figure (the latest snapshot's, as {@code report} counts them). Spend figures are
 * charges; usage figures are rows that carry ConsumedQuantity and bill nothing, because their cost is
 * already in the spend rows; forecasts are statements about a month, not charges, and are left out.
 * Charge and billing periods are the provider's billing days and months ({@code
 * ProviderType#billingZone}) as UTC instants. Null is an empty cell. See the README's "Use costmon's
 * history in FinOps tools" for how each column is derived.
 */
public final class FocusExport {
  /** costmon's custom columns, after the FOCUS ones as the spec asks. */
  public static final String X_PROVENANCE = "x_Provenance";

  public static final String X_METRIC = "x_Metric";
  public static final String X_COLLECTED_AT = "x_CollectedAt";

  /** FOCUS's date/time format: extended ISO 8601 in UTC with a Z, to the second. */
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** The key prefix of costmon's labels in Tags, so they never collide with the provider's own tags. */
  static final String LABEL_PREFIX = "costmon/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CostmonConfig config;
  private final History history;
  private final Map<String, Account> accounts;
  private final List<Column> columns;
  private final Map<ZoneId, Map<LocalDate, Periods>> periods = new HashMap<>();
  private final Map<String, String> tagCells = new HashMap<>();

  public FocusExport(CostmonConfig config, History history, FocusVersion version) {
    this.config = config;
    this.history = history;
    this.accounts = config.accounts().stream().collect(Collectors.toMap(Account::id, a -> a));
    this.columns = columns(version);
  }

  /** The header: the version's FOCUS columns in alphabetical order, then costmon's own. */
  public List<String> header() {
    return columns.stream().map(Column::name).toList();
  }

  /**
   * Writes the figures of the days {@code from} to {@code to}, inclusive, of the given accounts (all
   * when empty), a month at a time so memory stays bounded by one month of history. Does not close
   * {@code out}.
   *
   * @return the number of rows written
   * @throws ExportException if the range is empty or {@code out} fails
   */
  public long write(LocalDate from, LocalDate to, Set<String> only, Writer out) {
    if (from.isAfter(to)) {
      throw new ExportException("the export range is empty: from " + from + " is after to " + to);
    }
    long rows = 0;
    try {
      out.write(Csv.record(header()));
      for (LocalDate start = from; !start.isAfter(to); start = start.withDayOfMonth(1).plusMonths(1)) {
        LocalDate monthEnd = start.withDayOfMonth(start.lengthOfMonth());
        LocalDate end = monthEnd.isAfter(to) ? to : monthEnd;
        List<StoredObservation> month = new ArrayList<>(history.latest(start, end));
        month.removeIf(s -> s.observation().kind() == ObservationKind.FORECAST
            || !only.isEmpty() && !only.contains(s.account()));
        month.sort(HistoryExport.ROW_ORDER);
        List<String> values = new ArrayList<>(columns.size());
        for (StoredObservation s : month) {
          Row row = row(s);
          values.clear();
          for (Column c : columns) {
            values.add(c.value().apply(row));
          }
          out.write(Csv.record(values));
          rows++;
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new ExportException("cannot write the FOCUS export: " + e.getMessage(), e);
    }
    return rows;
  }

  /** One output column: its FOCUS (or costmon) name and how a row gives its value; null is empty. */
  private record Column(String name, Function<Row, String> value) {}

  private static List<Column> columns(FocusVersion version) {
    List<Column> c = new ArrayList<>();
    c.add(new Column(BILLED_COST, Row::cost));
    c.add(new Column(BILLING_ACCOUNT_ID, Row::account));
    // costmon knows no display name the invoice issuer gives the billing account: null, as the spec allows.
    c.add(new Column(BILLING_ACCOUNT_NAME, r -> ""));
    c.add(new Column(BILLING_CURRENCY, Row::currency));
    c.add(new Column(BILLING_PERIOD_END, r -> r.periods().billingEnd()));
    c.add(new Column(BILLING_PERIOD_START, r -> r.periods().billingStart()));
    c.add(new Column(CHARGE_CATEGORY, Row::category));
    // Not a correction of an invoiced period: costmon has no way to tell one, and null is "not a correction".
    c.add(new Column(CHARGE_CLASS, r -> ""));
    c.add(new Column(CHARGE_DESCRIPTION, Row::description));
    c.add(new Column(CHARGE_FREQUENCY, Row::frequency));
    c.add(new Column(CHARGE_PERIOD_END, r -> r.periods().chargeEnd()));
    c.add(new Column(CHARGE_PERIOD_START, r -> r.periods().chargeStart()));
    c.add(new Column(CONSUMED_QUANTITY, Row::quantity));
    c.add(new Column(CONSUMED_UNIT, Row::unit));
    // Without list or contracted unit prices the spec has these match BilledCost.
    c.add(new Column(CONTRACTED_COST, Row::cost));
    // No prepaid commitments to amortise: what was billed is what it cost.
    c.add(new Column(EFFECTIVE_COST, Row::cost));
    if (version == FocusVersion.V1_3) {
      // The services' hosts are not exposed by these sellers; 1.3 then has HostProviderName equal the seller.
      c.add(new Column(HOST_PROVIDER_NAME, r -> r.seller().name()));
    }
    c.add(new Column(INVOICE_ISSUER_NAME, r -> r.seller().name()));
    c.add(new Column(LIST_COST, Row::cost));
    // costmon stores amounts, not the priced quantities behind them: null (see the README).
    c.add(new Column(PRICING_QUANTITY, r -> ""));
    c.add(new Column(PRICING_UNIT, r -> ""));
    c.add(new Column(PROVIDER_NAME, r -> r.seller().name()));
    c.add(new Column(PUBLISHER_NAME, r -> r.seller().name()));
    c.add(new Column(SERVICE_CATEGORY, r -> r.seller().category()));
    c.add(new Column(SERVICE_NAME, Row::service));
    if (version == FocusVersion.V1_3) {
      c.add(new Column(SERVICE_PROVIDER_NAME, r -> r.seller().name()));
    }
    c.add(new Column(TAGS, Row::tags));
    c.add(new Column(X_CHARGE_DATE, r -> r.figure().observation().day().toString()));
    c.add(new Column(X_COLLECTED_AT, r -> DATE_TIME.format(r.figure().collectedAt())));
    c.add(new Column(X_METRIC, r -> r.figure().observation().metric()));
    c.add(new Column(X_PROVENANCE, r -> r.figure().observation().provenance().label()));
    return List.copyOf(c);
  }

  /** The values of one figure's row that more than one column needs. */
  private record Row(
      StoredObservation figure, Sellers.Seller seller, Periods periods, String cost, String currency,
      String category, String frequency, String quantity, String unit, String service, String description,
      String tags) {
    String account() {
      return figure.account();
    }
  }

  private Row row(StoredObservation s) {
    Observation o = s.observation();
    Account account = accounts.get(s.account());
    Sellers.Seller seller = Sellers.of(account == null ? "" : account.providerName(), s.account());
    ZoneId zone = account == null ? ZoneOffset.UTC : account.provider().billingZone(config.timezone());
    // An account-wide figure has no service of its own: it is the seller's service.
    String service = o.dimension().isEmpty() ? seller.name() : o.dimension();
    boolean spend = o.kind() == ObservationKind.SPEND;
    boolean fixed = o.provenance() == Provenance.FIXED;
    String cost = spend ? o.value().toPlainString() : "0";
    String currency = spend ? o.unit()
        : (account == null ? config.currency() : account.currency()).getCurrencyCode();
    return new Row(s, seller, periods(zone, o.day()), cost, currency,
        spend && fixed ? "Purchase" : "Usage",
        spend && fixed ? "Recurring" : "Usage-Based",
        spend ? "" : o.value().toPlainString(),
        spend ? "" : o.unit(),
        service, description(o, seller, service), tags(account, s.account(), o));
  }

  /** What the row is, in words, with where the figure comes from: an estimate never reads as a bill. */
  private String description(Observation o, Sellers.Seller seller, String service) {
    String what = service.equals(seller.name()) ? service : seller.name() + " " + service;
    String text = switch (o.kind()) {
      case USAGE -> what + ": usage of " + o.metric() + " in " + o.unit() + "; its cost is in the spend rows";
      default -> what + switch (o.provenance()) {
        case INVOICE -> ": spend from a closed invoice";
        case API -> ": spend reported by the provider's API";
        case ESTIMATE -> ": spend estimated by costmon from usage x rate, not billed by the provider";
        case FIXED -> ": flat fee from the configuration, prorated by day";
        case MANUAL -> ": spend entered by hand";
      };
    };
    return config.demo() ? "DEMO DATA: " + text : text;
  }

  /**
   * The figure's provider tags as they are, and its costmon labels (attribution rules, label tags,
   * account labels) under {@value #LABEL_PREFIX}, as FOCUS asks for a second tag scheme; null when
   * there are none.
   */
  private String tags(Account account, String accountId, Observation o) {
    String key = accountId + '\u0000' + o.dimension() + '\u0000' + Tags.encode(o.tags());
    String cell = tagCells.get(key);
    if (cell != null) {
      return cell;
    }
    Map<String, String> tags = new LinkedHashMap<>(o.tags());
    if (account != null) {
      config.attribution().labels(account, o.dimension(), o.tags())
          .forEach((k, v) -> tags.put(LABEL_PREFIX + k, v));
    }
    try {
      cell = tags.isEmpty() ? "" : JSON.writeValueAsString(tags);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    if (tagCells.size() > 10_000) {
      tagCells.clear();
    }
    tagCells.put(key, cell);
    return cell;
  }

  /** A day and its month in the provider's billing calendar, as FOCUS UTC instants. */
  private record Periods(String chargeStart, String chargeEnd, String billingStart, String billingEnd) {}

  private Periods periods(ZoneId zone, LocalDate day) {
    return periods.computeIfAbsent(zone, z -> new HashMap<>()).computeIfAbsent(day, d -> new Periods(
        instant(d, zone), instant(d.plusDays(1), zone),
        instant(d.withDayOfMonth(1), zone), instant(d.withDayOfMonth(1).plusMonths(1), zone)));
  }

  private static String instant(LocalDate day, ZoneId zone) {
    Instant start = day.atStartOfDay(zone).toInstant();
    return DATE_TIME.format(start);
  }
}
