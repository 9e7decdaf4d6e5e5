package dev.costmon.report;

import dev.costmon.budget.AccountView;
import dev.costmon.export.Csv;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.Ratios;
import dev.costmon.budget.Reconciliation;
import dev.costmon.budget.ServiceSpend;
import dev.costmon.budget.UsageView;
import dev.costmon.fx.DatedRate;
import dev.costmon.model.Money;
import dev.costmon.store.CollectionState;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report as RFC 4180 CSV with exact decimals (ratios with four places). The {@code type} column says what a row is:
 * {@code account}, {@code service} (with {@code --by service}), {@code usage}, {@code subtotal} (with
 * {@code --by provider|label:KEY}), {@code estimate_vs_actual} (an estimate from {@code rates:} that the
 * provider's own spend replaced: {@code estimate}, {@code actual}, {@code gap} over {@code days}; never
 * part of any total) and one final {@code total}; sum only one type at a time.
 *
 * <p>With {@code --by label:KEY} an account whose services attribution gives different values has an
 * {@code account} row in each of those groups, with that group's share of its spend, followed by
 * the {@code service} rows that make up the share; its cap, ratios and forecast belong to the whole
 * account and repeat on each of its rows (sum them over {@code --by account}), and the subtotal of
 * such a group has no forecast. The {@code account} rows' {@code spend_reporting} still add up to the total.
 *
 * <p>Demo data is marked by a {@code demo} column that is {@code true} on every row rather than by a
 * leading comment line: CSV has no comments, and a line before the header breaks every reader that
 * takes the first line as the header. The column is always there, so the layout never changes.
 */
final class CsvRenderer implements ReportRenderer {
  private static final int RATIO_SCALE = 4;
  static final List<String> HEADER = List.of(
      "type", "month", "group", "account", "provider", "service", "currency", "spend", "provenance",
      "reporting_currency", "spend_reporting", "fx_rate", "cap", "cap_currency", "cap_ratio", "forecast",
      "forecast_provenance", "forecast_reporting", "forecast_ratio", "metric", "usage", "unit", "quota",
      "usage_ratio", "stale", "last_success", "condition", "fx_date", "fx_source", "days", "estimate", "actual", "gap",
      "demo");

  @Override
  public void render(MonthView view, ReportOptions options, PrintWriter out) {
    Report report = Report.of(view, options);
    out.print(Csv.record(HEADER));
    Set<AccountView> listed = new HashSet<>();
    for (SpendGroup group : report.groups()) {
      for (SpendGroup.Member member : group.members()) {
        AccountView account = member.account();
        out.print(Csv.record(accountRow(report, group, member)));
        if (report.grouping().kind() == Grouping.Kind.SERVICE || !member.whole()) {
          for (ServiceSpend service : member.services()) {
            out.print(Csv.record(serviceRow(report, group, account, service)));
          }
        }
        // Usage belongs to the whole account: once, with its first part when attribution splits it.
        if (listed.add(account)) {
          for (UsageView usage : account.usage()) {
            out.print(Csv.record(usageRow(report, group, account, usage)));
          }
          for (Reconciliation r : account.reconciliation()) {
            Row row = accountBase(report, group, account, "estimate_vs_actual");
            row.put("service", r.service());
            row.put("currency", r.estimate().currency().getCurrencyCode());
            row.put("provenance", "estimate");
            row.put("days", Integer.toString(r.days()));
            row.put("estimate", exact(r.estimate()));
            row.put("actual", exact(r.actual()));
            row.put("gap", exact(r.gap()));
            out.print(Csv.record(row.fields()));
          }
        }
      }
      if (report.grouping().hasGroups()) {
        Row row = new Row(report, "subtotal", group.key());
        row.put("reporting_currency", report.currency().getCurrencyCode());
        row.put("spend_reporting", exact(group.spend()));
        row.put("provenance", Report.provenance(group.provenance()));
        group.forecast().ifPresent(f -> row.put("forecast_reporting", exact(f)));
        if (!group.hasFigures()) {
          row.put("spend_reporting", "");
          row.put("forecast_reporting", "");
          row.put("condition", "no data");
        }
        out.print(Csv.record(row.fields()));
      }
    }
    Row total = new Row(report, "total", "");
    total.put("reporting_currency", report.currency().getCurrencyCode());
    total.put("spend_reporting", exact(view.total()));
    view.cap().ifPresent(cap -> {
      total.put("cap", exact(cap));
      total.put("cap_currency", cap.currency().getCurrencyCode());
    });
    total.put("cap_ratio", ratio(view.capRatio()));
    total.put("forecast_reporting", exact(view.totalForecast()));
    if (!view.hasFigures()) {
      total.put("spend_reporting", "");
      total.put("cap_ratio", "");
      total.put("forecast_reporting", "");
      total.put("condition", "no data");
    }
    out.print(Csv.record(total.fields()));
    out.flush();
  }

  private static List<String> accountRow(Report report, SpendGroup group, SpendGroup.Member member) {
    AccountView account = member.account();
    Row row = accountBase(report, group, account, "account");
    row.put("currency", account.account().currency().getCurrencyCode());
    row.put("spend", exact(member.spend()));
    row.put("provenance", Report.provenance(member.whole() ? account.provenance()
        : member.services().stream().map(ServiceSpend::provenance).collect(Collectors.toSet())));
    row.put("reporting_currency", report.currency().getCurrencyCode());
    row.put("spend_reporting", exact(member.spendReporting()));
    row.put("fx_rate", account.fxRate().toPlainString());
    putDate(report, row, account);
    account.cap().ifPresent(cap -> {
      row.put("cap", exact(cap));
      row.put("cap_currency", cap.currency().getCurrencyCode());
    });
    row.put("cap_ratio", ratio(account.capRatio()));
    row.put("forecast", exact(account.forecast()));
    row.put("forecast_provenance", account.forecastProvenance().label());
    row.put("forecast_reporting", exact(Report.forecastReporting(account, report.currency())));
    row.put("forecast_ratio", ratio(account.forecastRatio()));
    row.put("stale", Boolean.toString(account.stale()));
    row.put("last_success", account.collection().flatMap(CollectionState::lastSuccess).map(Object::toString).orElse(""));
    row.put("condition", account.condition().orElse(""));
    if (!account.hasFigures()) {
      // An absence, not a zero: the figures stay empty and the condition says why.
      for (String field : List.of("spend", "provenance", "spend_reporting", "cap_ratio", "forecast",
          "forecast_provenance", "forecast_reporting", "forecast_ratio")) {
        row.put(field, "");
      }
      row.put("condition", account.condition().orElse("no data"));
    }
    return row.fields();
  }

  private static List<String> serviceRow(Report report, SpendGroup group, AccountView account, ServiceSpend service) {
    Row row = accountBase(report, group, account, "service");
    row.put("service", service.service());
    row.put("currency", service.amount().currency().getCurrencyCode());
    row.put("spend", exact(service.amount()));
    row.put("provenance", service.provenance().label());
    row.put("reporting_currency", report.currency().getCurrencyCode());
    row.put("spend_reporting", exact(Report.serviceReporting(account, service, report.currency())));
    row.put("fx_rate", account.fxRate().toPlainString());
    putDate(report, row, account);
    return row.fields();
  }

  private static List<String> usageRow(Report report, SpendGroup group, AccountView account, UsageView usage) {
    Row row = accountBase(report, group, account, "usage");
    row.put("metric", usage.metric());
    row.put("usage", usage.value().toPlainString());
    row.put("unit", usage.unit());
    row.put("quota", usage.quota().map(q -> q.value().toPlainString()).orElse(""));
    row.put("usage_ratio", ratio(usage.ratio()));
    return row.fields();
  }

  private static Row accountBase(Report report, SpendGroup group, AccountView account, String type) {
    Row row = new Row(report, type, group.key());
    row.put("account", account.id());
    row.put("provider", account.account().providerName());
    return row;
  }

  /** The day and source of the rate an account's figures were converted with; none for the reporting currency. */
  private static void putDate(Report report, Row row, AccountView account) {
    DatedRate rate = report.view().rates().get(account.account().currency());
    if (rate != null) {
      row.put("fx_date", rate.day().toString());
      row.put("fx_source", rate.source());
    }
  }

  private static String exact(Money money) {
    return money.amount().toPlainString();
  }

  /**
   * Ratios are quotients, not stored figures: 2/3 has no exact decimal. Four places (a hundredth of a
   * percent) always, so a column never mixes {@code 0.60} with {@code 0.6666666666666667}; spend
   * over a zero cap has no finite ratio and reads {@code inf}.
   */
  private static String ratio(Optional<BigDecimal> value) {
    return value
        .map(r -> Ratios.overZero(r) ? "inf" : r.setScale(RATIO_SCALE, RoundingMode.HALF_EVEN).toPlainString())
        .orElse("");
  }

  private static String exact(Optional<BigDecimal> value) {
    return value.map(BigDecimal::toPlainString).orElse("");
  }

  /** One record being filled by column name, so that no field lands in the wrong column. */
  private static final class Row {
    private final String[] fields = new String[HEADER.size()];

    Row(Report report, String type, String group) {
      Arrays.fill(fields, "");
      put("type", type);
      put("month", report.view().month().toString());
      put("group", group);
      put("demo", Boolean.toString(report.options().demo()));
    }

    void put(String column, String value) {
      int index = HEADER.indexOf(column);
      if (index < 0) {
        throw new IllegalArgumentException("no CSV column " + column);
      }
      fields[index] = value;
    }

    List<String> fields() {
      return new ArrayList<>(Arrays.asList(fields));
    }
  }
}
