package dev.costmon.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costmon.report.JsonFigures;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import dev.costmon.movement.Movement;
import dev.costmon.movement.Spend;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;

/**
 * The digest as JSON, for scripts and the webhook channels: exact amounts as decimal strings with
 * their currency and, where a figure has one, its provenance, as {@code costmon report --format
 * json} writes them; {@code null} where no figure is stored. Field order is fixed.
 */
final class JsonDigest {
  /** Raised when a field changes meaning or goes away; new fields do not raise it. */
  static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER = JsonFigures.mapper();

  private JsonDigest() {}

  static String render(Digest d) {
    try {
      return MAPPER.writeValueAsString(document(d)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode document(Digest d) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("demo", d.demo());
    root.put("generated_at", d.generatedAt().toString());
    root.set("period", period(d.period()));
    ObjectNode compared = root.putObject("compared_with");
    compared.put("basis", d.basis().name().toLowerCase(java.util.Locale.ROOT));
    compared.put("first_day", d.comparedWith().first().toString());
    compared.put("last_day", d.comparedWith().last().toString());
    root.put("currency", d.currency().getCurrencyCode());
    Digest.Month m = d.month();
    ObjectNode month = root.putObject("month");
    month.put("month", m.month().toString());
    month.put("days_elapsed", m.daysElapsed());
    month.put("days_in_month", m.daysInMonth());
    month.put("closed", m.closed());
    month.set("spend", money(m.spend(), Optional.empty()));
    month.set("forecast", money(m.forecast(), Optional.empty()));
    month.set("cap", money(m.cap(), Optional.empty()));
    JsonFigures.ratio(month, "cap_ratio", m.capRatio());
    root.set("period_spend", money(d.periodTotal(), Optional.empty()));

    ArrayNode accounts = root.putArray("accounts");
    for (Digest.AccountLine a : d.accounts()) {
      ObjectNode n = accounts.addObject();
      n.put("account", a.account());
      n.put("provider", a.provider());
      n.set("period_spend", money(a.periodSpend(), Optional.of(a.periodProvenance())));
      n.set("period_spend_reporting", money(a.periodSpendReporting(), Optional.of(a.periodProvenance())));
      n.set("month_spend", money(a.monthSpend(), Optional.of(a.monthProvenance())));
      n.set("cap", money(a.cap(), Optional.empty()));
      JsonFigures.ratio(n, "cap_ratio", a.capRatio());
      n.set("forecast", money(a.forecast(), Optional.of(Set.of(a.forecastProvenance()))));
    }
    ArrayNode movers = root.putArray("movers");
    for (Movement mv : d.movers()) {
      ObjectNode n = movers.addObject();
      n.put("account", mv.account());
      n.put("dimension", mv.dimension());
      n.put("change", mv.change().label());
      n.set("before", mv.before().map(JsonDigest::spend).orElse(null));
      n.set("after", mv.after().map(JsonDigest::spend).orElse(null));
      n.set("difference", money(Optional.of(mv.difference()), Optional.empty()));
      n.set("difference_reporting", money(Optional.of(mv.differenceReporting()), Optional.empty()));
      JsonFigures.ratio(n, "ratio", mv.ratio());
    }
    ArrayNode fresh = root.putArray("new_resources");
    for (Digest.NewResource r : d.newResources()) {
      ObjectNode n = fresh.addObject();
      n.put("account", r.account());
      n.put("dimension", r.dimension());
      n.put("first_day", r.firstDay().toString());
      n.set("spend", money(Optional.of(r.spend()), Optional.of(r.provenance())));
    }
    alerts(root.putArray("stale"), d.stale());
    alerts(root.putArray("breaches"), d.breaches());
    ArrayNode quotas = root.putArray("quotas");
    for (Digest.QuotaLine q : d.quotas()) {
      ObjectNode n = quotas.addObject();
      n.put("account", q.account());
      n.put("metric", q.metric());
      n.put("usage", q.usage());
      n.put("quota", q.quota());
      n.put("unit", q.unit());
      JsonFigures.ratio(n, "ratio", Optional.of(q.ratio()));
    }
    return root;
  }

  private static ObjectNode period(Period p) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", p.kind().label());
    n.put("name", p.name());
    n.put("first_day", p.first().toString());
    n.put("last_day", p.last().toString());
    return n;
  }

  private static void alerts(ArrayNode array, Iterable<Digest.Alert> alerts) {
    for (Digest.Alert a : alerts) {
      ObjectNode n = array.addObject();
      n.put("status", a.status());
      n.put("account", a.subject());
      n.put("name", a.name());
      n.put("message", a.message());
    }
  }

  private static ObjectNode spend(Spend spend) {
    return money(Optional.of(spend.amount()), Optional.of(Set.of(spend.provenance())));
  }

  /** The figure, or null for none. */
  private static ObjectNode money(Optional<Money> money, Optional<Set<Provenance>> provenance) {
    return money.map(m -> JsonFigures.money(m, provenance)).orElse(null);
  }
}
