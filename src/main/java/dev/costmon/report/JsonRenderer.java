package dev.costmon.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costmon.budget.AccountView;
import dev.costmon.budget.DailySpend;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.Reconciliation;
import dev.costmon.budget.ServiceSpend;
import dev.costmon.budget.UsageView;
import dev.costmon.fx.DatedRate;
import dev.costmon.model.Provenance;
import dev.costmon.store.CollectionState;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report as JSON with exact figures: every amount is {@code {"amount": "12.3456", "currency":
 * "USD"}} with the amount as a decimal string (no binary float on the way), and every spend or
 * forecast names its provenance. Ratios, rates and usage values are plain JSON numbers. Field order
 * is fixed, so two reports diff cleanly.
 *
 * <p>Each account is listed once in {@code accounts}, with its whole figures. Grouped by label, each
 * group also lists its {@code shares}: every account's spend with that value, whole or the part
 * (and its service lines) attribution gave it; an account split across values has a {@code null}
 * group, and a group holding part of an account has a {@code null} forecast, forecasts being per account.
 */
final class JsonRenderer implements ReportRenderer {
  private final ObjectMapper mapper = JsonFigures.mapper();

  @Override
  public void render(MonthView view, ReportOptions options, PrintWriter out) {
    Report report = Report.of(view, options);
    try {
      out.println(mapper.writeValueAsString(document(report)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }

  private ObjectNode document(Report report) {
    MonthView view = report.view();
    ObjectNode root = mapper.createObjectNode();
    root.put("demo", report.options().demo());
    root.put("month", view.month().toString());
    root.put("generated_at", view.now().toString());
    root.put("days_elapsed", report.progress().daysElapsed());
    root.put("days_in_month", report.progress().daysInMonth());
    root.put("closed", report.progress().closed());
    root.put("currency", report.currency().getCurrencyCode());
    root.put("grouping", report.grouping().label());
    ArrayNode accounts = root.putArray("accounts");
    Set<AccountView> listed = new HashSet<>();
    for (SpendGroup group : report.groups()) {
      for (SpendGroup.Member member : group.members()) {
        // An account split by attribution is listed once, where its first part is.
        if (listed.add(member.account())) {
          accounts.add(account(report, member.whole() ? Optional.of(group.key()) : Optional.empty(), member.account()));
        }
      }
    }
    ArrayNode groups = root.putArray("groups");
    if (report.grouping().hasGroups()) {
      for (SpendGroup group : report.groups()) {
        ObjectNode node = groups.addObject();
        node.put("key", group.key());
        ArrayNode ids = node.putArray("accounts");
        group.accounts().forEach(a -> ids.add(a.id()));
        node.set("spend", JsonFigures.money(group.spend(), Optional.of(group.provenance())));
        node.set("forecast", group.forecast().map(f -> JsonFigures.money(f, Optional.empty())).orElse(null));
        if (!group.hasFigures()) {
          node.putNull("spend");
          node.putNull("forecast");
        }
        node.put("data", group.hasFigures() ? "ok" : "no_data");
        if (report.grouping().kind() == Grouping.Kind.LABEL) {
          node.set("shares", shares(report, group));
        }
      }
    }
    ObjectNode totals = root.putObject("totals");
    totals.set("spend", JsonFigures.money(view.total(), Optional.empty()));
    totals.set("forecast", JsonFigures.money(view.totalForecast(), Optional.empty()));
    totals.set("cap", view.cap().map(c -> JsonFigures.money(c, Optional.empty())).orElse(null));
    JsonFigures.ratio(totals, "cap_ratio", view.capRatio());
    if (!view.hasFigures()) {
      totals.putNull("spend");
      totals.putNull("forecast");
      totals.putNull("cap_ratio");
    }
    return root;
  }

  /** Each account's spend in a label's group: whole, or the part attribution gave it, line by line. */
  private ArrayNode shares(Report report, SpendGroup group) {
    ArrayNode shares = mapper.createArrayNode();
    for (SpendGroup.Member member : group.members()) {
      ObjectNode share = shares.addObject();
      AccountView account = member.account();
      share.put("account", account.id());
      share.put("whole", member.whole());
      share.set("spend", account.hasFigures() ? JsonFigures.money(member.spend(), Optional.empty()) : null);
      share.set("spend_reporting", account.hasFigures() ? JsonFigures.money(member.spendReporting(), Optional.empty()) : null);
      ArrayNode services = share.putArray("services");
      for (ServiceSpend service : member.services()) {
        ObjectNode s = services.addObject();
        s.put("service", service.service());
        Optional<Set<Provenance>> provenance = Optional.of(Set.of(service.provenance()));
        s.set("spend", JsonFigures.money(service.amount(), provenance));
        s.set("spend_reporting", JsonFigures.money(Report.serviceReporting(account, service, report.currency()), provenance));
      }
    }
    return shares;
  }

  /** @param group the account's group; empty when attribution splits it across groups */
  private ObjectNode account(Report report, Optional<String> group, AccountView account) {
    Currency currency = report.currency();
    ObjectNode node = mapper.createObjectNode();
    node.put("id", account.id());
    node.put("provider", account.account().providerName());
    if (report.grouping().hasGroups()) {
      node.put("group", group.orElse(null));
    }
    ObjectNode labels = node.putObject("labels");
    new TreeMap<>(account.account().labels()).forEach(labels::put);
    node.put("currency", account.account().currency().getCurrencyCode());
    node.set("spend", JsonFigures.money(account.spend(), Optional.of(account.provenance())));
    node.set("spend_reporting", JsonFigures.money(account.spendReporting(), Optional.of(account.provenance())));
    node.put("fx_rate", account.fxRate());
    DatedRate rate = report.view().rates().get(account.account().currency());
    node.put("fx_date", rate == null ? null : rate.day().toString());
    node.put("fx_source", rate == null ? null : rate.source());
    Optional<LocalDate> today = Notes.rateAgeDay(report.progress());
    if (rate != null && rate.recorded() && today.isPresent()) {
      node.put("fx_age_days", Math.max(0, ChronoUnit.DAYS.between(rate.day(), today.get())));
    }
    node.set("cap", account.cap().map(c -> JsonFigures.money(c, Optional.empty())).orElse(null));
    JsonFigures.ratio(node, "cap_ratio", account.capRatio());
    Optional<Set<Provenance>> forecastProvenance = Optional.of(Set.of(account.forecastProvenance()));
    node.set("forecast", JsonFigures.money(account.forecast(), forecastProvenance));
    node.set("forecast_reporting", JsonFigures.money(Report.forecastReporting(account, currency), forecastProvenance));
    JsonFigures.ratio(node, "forecast_ratio", account.forecastRatio());
    // No figure of the month stored: the zeros above are an absence, so they are null, and say why.
    node.put("data", account.hasFigures() ? "ok" : account.hasData() ? "no_data_for_month" : "never_collected");
    if (!account.hasFigures()) {
      for (String field : List.of("spend", "spend_reporting", "cap_ratio", "forecast", "forecast_reporting",
          "forecast_ratio")) {
        node.putNull(field);
      }
    }
    ObjectNode thresholds = node.putObject("thresholds");
    thresholds.put("warn_at", account.account().thresholds().warnAt());
    thresholds.put("critical_at", account.account().thresholds().criticalAt());
    ArrayNode services = node.putArray("services");
    for (ServiceSpend service : account.services()) {
      ObjectNode s = services.addObject();
      s.put("service", service.service());
      Optional<Set<Provenance>> provenance = Optional.of(Set.of(service.provenance()));
      s.set("spend", JsonFigures.money(service.amount(), provenance));
      s.set("spend_reporting", JsonFigures.money(Report.serviceReporting(account, service, currency), provenance));
    }
    // Estimates the provider's own spend replaced: never in spend, shown beside what the provider charged.
    ArrayNode estimates = node.putArray("estimate_vs_actual");
    for (Reconciliation r : account.reconciliation()) {
      ObjectNode e = estimates.addObject();
      e.put("service", r.service());
      e.put("days", r.days());
      e.set("estimate", JsonFigures.money(r.estimate(), Optional.of(Set.of(Provenance.ESTIMATE))));
      e.set("actual", JsonFigures.money(r.actual(), Optional.empty()));
      e.set("gap", JsonFigures.money(r.gap(), Optional.empty()));
    }
    ArrayNode usage = node.putArray("usage");
    for (UsageView u : account.usage()) {
      ObjectNode n = usage.addObject();
      n.put("metric", u.metric());
      n.put("unit", u.unit());
      n.put("value", u.value());
      n.put("aggregation", u.aggregation().label());
      n.set("quota", u.quota().map(q -> {
        ObjectNode quota = mapper.createObjectNode();
        quota.put("value", q.value());
        quota.put("unit", q.unit());
        return quota;
      }).orElse(null));
      JsonFigures.ratio(n, "ratio", u.ratio());
    }
    // Daily figures carry no provenance of their own in the view; the account's spend provenance covers them.
    ArrayNode trend = node.putArray("trend");
    for (DailySpend day : account.trend()) {
      ObjectNode d = trend.addObject();
      d.put("day", day.day().toString());
      d.set("spend", day.known() ? JsonFigures.money(day.amount(), Optional.empty()) : null);
    }
    node.put("stale", account.stale());
    node.put("last_success",
        account.collection().flatMap(CollectionState::lastSuccess).map(Object::toString).orElse(null));
    node.put("condition", account.condition().orElse(null));
    return node;
  }
}
