package dev.costmon.provider.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.http.ApiResponse;
import dev.costmon.http.ExactJson;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.cloudflare.BillingPeriods.Range;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Pay-as-you-go charges per day and service from {@code /accounts/{id}/billable-usage} (v1, alpha),
 * asked per billing period because Cloudflare answers only ranges that include an anchor day.
 */
final class BillableUsage {

  /**
   * What the billable-usage endpoints gave: the spend rows, or why pay-as-you-go usage is not
   * available for this account (then {@code rows} is empty).
   */
  record Outcome(List<Observation> rows, Optional<String> notEnabled) {
    static Outcome notEnabled(String reason) {
      return new Outcome(List.of(), Optional.of(reason));
    }
  }

  private final CloudflareApi api;
  private final Consumer<String> log;

  BillableUsage(CloudflareApi api, Consumer<String> log) {
    this.api = api;
    this.log = log;
  }

  Outcome collect(CollectWindow window) throws ProviderException {
    Answer info = get("billable-usage/info", null, "billable usage info");
    if (info.notEnabled().isPresent()) {
      return Outcome.notEnabled(info.notEnabled().get());
    }
    JsonNode covered = info.result().get("covered");
    if (covered != null && covered.isBoolean() && !covered.booleanValue()) {
      return Outcome.notEnabled("billable usage info: the account is not covered");
    }
    Optional<BillingPeriods> periods = periods(info.result(), window.from());
    if (periods.isEmpty()) {
      return Outcome.notEnabled("no active pay-as-you-go subscription");
    }
    List<Range> ranges = periods.get().covering(window.from(), window.to());
    log.accept("billable usage: billing periods " + ranges);

    Charges charges = new Charges();
    Set<LocalDate> answered = new LinkedHashSet<>();
    for (Range range : ranges) {
      Answer usage = get("billable-usage", range, "billable usage " + range);
      if (usage.notEnabled().isPresent()) {
        return Outcome.notEnabled(usage.notEnabled().get());
      }
      if (!usage.result().isArray()) {
        throw new ProviderException(Kind.BAD_RESPONSE, "billable usage " + range + ": 'result' is not a list");
      }
      int index = 0;
      for (JsonNode record : usage.result()) {
        charges.add(record, "billable usage record " + index++, range, window);
      }
      for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
        if (!window.from().isAfter(day) && !day.isAfter(window.to())) {
          answered.add(day);
        }
      }
    }
    return new Outcome(charges.rows(answered), Optional.empty());
  }

  /** The charges read so far, per day and service, in the one currency the account is billed in. */
  private static final class Charges {
    private final Map<LocalDate, Map<String, BigDecimal>> byDay = new TreeMap<>();
    private Currency currency;

    void add(JsonNode record, String what, Range range, CollectWindow window) throws ProviderException {
      LocalDate day = CloudflareApi.utcDay(
          CloudflareApi.text(record, "ChargePeriodStart", what), "ChargePeriodStart", what);
      String service = CloudflareApi.text(record, "ServiceName", what);
      Currency recordCurrency = currency(CloudflareApi.text(record, "BillingCurrency", what), what);
      // BilledCost is the v1 (FOCUS) column; the older paygo shape only has ContractedCost.
      Optional<BigDecimal> cost = CloudflareApi.optionalNumber(record, "BilledCost", what);
      if (cost.isEmpty()) {
        cost = CloudflareApi.optionalNumber(record, "ContractedCost", what);
      }
      if (cost.isEmpty()) {
        throw CloudflareApi.missing(what, "BilledCost");
      }
      if (currency == null) {
        currency = recordCurrency;
      } else if (!currency.equals(recordCurrency)) {
        throw new ProviderException(Kind.BAD_RESPONSE, what + ": billed in " + recordCurrency.getCurrencyCode()
            + " while earlier records are in " + currency.getCurrencyCode());
      }
      // Records outside the window come along because the range must reach back to the anchor
      // day; records outside the range asked for would be counted again by the neighbouring range.
      if (window.from().isAfter(day) || day.isAfter(window.to()) || !range.contains(day)) {
        return;
      }
      byDay.computeIfAbsent(day, d -> new TreeMap<>()).merge(service, cost.get(), BigDecimal::add);
    }

    /** Spend per service on each answered day, and an explicit zero on a day without charges. */
    List<Observation> rows(Set<LocalDate> answered) {
      // Cloudflare bills in USD unless its records say otherwise; a month without charges has no
      // record to say so.
      Currency rowsCurrency = currency == null ? CloudflareProvider.USD : currency;
      List<Observation> rows = new ArrayList<>();
      for (LocalDate day : answered) {
        Map<String, BigDecimal> services = byDay.get(day);
        if (services == null) {
          rows.add(Observation.spend(day, "", Money.zero(rowsCurrency), Provenance.API));
          continue;
        }
        services.forEach((service, amount) ->
            rows.add(Observation.spend(day, service, new Money(amount, rowsCurrency), Provenance.API)));
      }
      return List.copyOf(rows);
    }
  }

  /** The anchor days of the subscriptions still active in the window; empty when there are none. */
  private Optional<BillingPeriods> periods(JsonNode info, LocalDate from) throws ProviderException {
    String what = "billable usage info";
    JsonNode subscriptions = info.get("subscriptions");
    if (subscriptions == null || !subscriptions.isArray()) {
      throw CloudflareApi.missing(what, "subscriptions");
    }
    Set<Integer> anchors = new LinkedHashSet<>();
    int index = 0;
    for (JsonNode subscription : subscriptions) {
      String where = what + " subscription " + index++;
      LocalDate anchor = CloudflareApi.utcDay(
          CloudflareApi.text(subscription, "billing_cycle_anchor_timestamp", where),
          "billing_cycle_anchor_timestamp", where);
      Optional<String> end = CloudflareApi.optionalText(subscription, "end_timestamp");
      if (end.isPresent() && CloudflareApi.utcDay(end.get(), "end_timestamp", where).isBefore(from)) {
        continue;
      }
      anchors.add(anchor.getDayOfMonth());
    }
    return anchors.isEmpty() ? Optional.empty() : Optional.of(new BillingPeriods(anchors));
  }

  /** A response that either carries a result or says pay-as-you-go usage is not enabled. */
  private record Answer(JsonNode result, Optional<String> notEnabled) {}

  private Answer get(String path, Range range, String what) throws ProviderException {
    var request = api.accountGet(path).allowStatus(403, 404);
    if (range != null) {
      request.query("from", range.from()).query("to", range.to());
    }
    ApiResponse response = api.send(request.build());
    if (response.status() == 403 || response.status() == 404) {
      return new Answer(null, Optional.of(what + " answered HTTP " + response.status() + detail(response)));
    }
    JsonNode body = response.json();
    JsonNode success = body.get("success");
    if (success != null && success.isBoolean() && !success.booleanValue()) {
      OptionalInt code = CloudflareApi.errorCode(body);
      if (code.isPresent() && code.getAsInt() == CloudflareApi.NOT_ALLOWED_CODE) {
        return new Answer(null, Optional.of(what + ": " + api.firstError(body)));
      }
    }
    return new Answer(api.result(body, what), Optional.empty());
  }

  /** {@code " (Cloudflare error 10000: ...)"} when a refusal's body is a Cloudflare envelope. */
  private String detail(ApiResponse response) {
    try {
      JsonNode body = ExactJson.parse(response.body());
      return body.has("errors") ? " (" + api.firstError(body) + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static Currency currency(String code, String what) throws ProviderException {
    try {
      return Money.currency(code);
    } catch (IllegalArgumentException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, what + ": " + e.getMessage());
    }
  }
}
