package dev.costmon.provider.vercel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.config.Account;
import dev.costmon.http.ApiRequest;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.model.Quantity;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.ProviderType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code provider: vercel}: the team's FOCUS billing charges ({@code GET /v1/billing/charges}) as
 * spend per day and service, and the consumed quantities of the metered services as usage against
 * the Hobby plan's included amounts; quantities of other services are kept too, see {@link
 * OtherUsage}. Days are Vercel's billing days, midnight to midnight in
 * America/Los_Angeles.
 */
public final class VercelProvider implements ProviderType<VercelSettings> {
  static final String DEFAULT_BASE = "https://api.vercel.com";
  /** Vercel's billing days and months run midnight to midnight in Pacific time. */
  static final ZoneId BILLING_ZONE = ZoneId.of("America/Los_Angeles");
  /** The API allows at most a year per request; stay clear of it whatever DST does to the hours. */
  static final int MAX_DAYS_PER_REQUEST = 360;
  static final String NOT_ENTITLED =
      "not entitled: the billing charges API needs a team token with the Billing role"
          + " (Hobby plans may not have it)";
  private static final Currency USD = Currency.getInstance("USD");

  @Override
  public String name() {
    return "vercel";
  }

  @Override
  public ZoneId billingZone(ZoneId configured) {
    return BILLING_ZONE;
  }

  @Override
  public Class<VercelSettings> settingsType() {
    return VercelSettings.class;
  }

  /** Whatever the charges endpoint holds; a month fits one request (up to 360 days do). */
  @Override
  public Backfill backfill(VercelSettings settings) {
    return Backfill.anyPast(1);
  }

  @Override
  public Set<Currency> currencies(VercelSettings settings) {
    return Set.of(USD);
  }

  @Override
  public Map<String, Quantity> defaultQuotas(VercelSettings settings) {
    if (settings.plan() != VercelPlan.HOBBY) {
      return Map.of();
    }
    Map<String, Quantity> quotas = new LinkedHashMap<>();
    for (VercelMetric m : VercelMetric.values()) {
      quotas.put(m.metric(), m.hobbyQuota());
    }
    return quotas;
  }

  @Override
  public List<Observation> collect(
      Account account, VercelSettings settings, CollectWindow window, ProviderContext context)
      throws ProviderException {
    DailyTotals totals = new DailyTotals(window.from(), window.to(), context);
    int index = 0;
    for (LocalDate from = window.from(); !from.isAfter(window.to()); from = from.plusDays(MAX_DAYS_PER_REQUEST)) {
      LocalDate through = min(from.plusDays(MAX_DAYS_PER_REQUEST - 1), window.to());
      for (JsonNode line : charges(settings, from, through, context)) {
        totals.add(FocusCharge.parse(line, ++index));
      }
    }
    return totals.observations();
  }

  /** The charge lines of the billing days {@code from}..{@code through}, one request. */
  private static List<JsonNode> charges(
      VercelSettings settings, LocalDate from, LocalDate through, ProviderContext context)
      throws ProviderException {
    ApiRequest.Builder request = ApiRequest.get(context.baseUri(DEFAULT_BASE))
        .path("/v1/billing/charges")
        .query("from", utc(from))
        .query("to", utc(through.plusDays(1)))
        .header("Accept", "application/jsonl")
        .bearer(settings.token())
        .mapStatus(403, Kind.CONDITION)
        .mapStatus(404, Kind.CONDITION);
    if (settings.teamId() != null) {
      request.query("teamId", settings.teamId());
    }
    if (settings.teamSlug() != null) {
      request.query("slug", settings.teamSlug());
    }
    try {
      return context.http().send(request.build()).jsonLines();
    } catch (ProviderException e) {
      if (e.kind() == Kind.CONDITION) {
        throw new ProviderException(Kind.CONDITION, NOT_ENTITLED + " (" + e.getMessage() + ")", e);
      }
      throw e;
    }
  }

  /** Midnight starting the billing day {@code day}, as the UTC instant the API expects. */
  static String utc(LocalDate day) {
    return DateTimeFormatter.ISO_INSTANT.format(day.atStartOfDay(BILLING_ZONE).toInstant());
  }

  /** The billing day a charge belongs to: the Pacific calendar date its period starts on. */
  static LocalDate billingDay(Instant instant) {
    return LocalDate.ofInstant(instant, BILLING_ZONE);
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  /** A service's charges of one project (or of none), which sum into one figure per day. */
  private record ServiceOfProject(String service, Map<String, String> tags) {}

  /** Sums charges per billing day, service and project, and usage per day and metric. */
  private static final class DailyTotals {
    private final LocalDate from;
    private final LocalDate to;
    private final ProviderContext context;
    private final Map<LocalDate, Map<ServiceOfProject, Money>> spend = new TreeMap<>();
    private final Map<LocalDate, Map<VercelMetric, BigDecimal>> usage = new TreeMap<>();
    /** Days whose figure of a metric is unknown: a line of it had a unit costmon cannot convert. */
    private final Map<LocalDate, Set<VercelMetric>> unreadable = new TreeMap<>();
    private final OtherUsage other = new OtherUsage();
    private final Set<String> logged = new HashSet<>();
    private Currency currency;

    DailyTotals(LocalDate from, LocalDate to, ProviderContext context) {
      this.from = from;
      this.to = to;
      this.context = context;
    }

    void add(FocusCharge charge) throws ProviderException {
      LocalDate day = billingDay(charge.periodStart());
      if (day.isBefore(from) || day.isAfter(to)) {
        // Keeping it would replace that day's stored figures with a partial one.
        logOnce("charge outside the window", "charge of " + charge.service() + " starting "
            + charge.periodStart() + " falls on billing day " + day + ", outside " + from + ".." + to
            + ": ignored");
        return;
      }
      Currency lineCurrency = charge.billed().currency();
      if (currency != null && !currency.equals(lineCurrency)) {
        throw new ProviderException(Kind.BAD_RESPONSE, "billing charges in both "
            + currency.getCurrencyCode() + " and " + lineCurrency.getCurrencyCode()
            + "; Vercel bills a team in one currency");
      }
      currency = lineCurrency;
      spend.computeIfAbsent(day, d -> new LinkedHashMap<>())
          .merge(new ServiceOfProject(charge.service(), charge.tags()), charge.billed(), Money::plus);
      if (charge.consumedQuantity().isEmpty()) {
        // Purchases, taxes and credits carry money but no quantity.
        return;
      }
      BigDecimal quantity = charge.consumedQuantity().get();
      Optional<VercelMetric> metric = VercelMetric.forService(charge.service());
      if (metric.isPresent()) {
        VercelMetric m = metric.get();
        Optional<BigDecimal> value = m.toBaseUnit(quantity, charge.consumedUnit());
        if (value.isPresent()) {
          usage.computeIfAbsent(day, d -> new EnumMap<>(VercelMetric.class)).merge(m, value.get(), BigDecimal::add);
          return;
        }
        logOnce("unit " + m + charge.consumedUnit(), "service '" + charge.service() + "' reports usage in '"
            + charge.consumedUnit() + "', which costmon cannot convert to " + m.unit() + "; "
            + m.metric() + " is left out for the days concerned and the quantity kept as "
            + OtherUsage.metricName(charge.consumedUnit()));
        unreadable.computeIfAbsent(day, d -> new HashSet<>()).add(m);
      }
      if (!other.add(day, charge.service(), charge.consumedUnit(), quantity)) {
        logOnce("too many series", "more than " + OtherUsage.MAX_SERIES + " other usage series (service and"
            + " unit); the usage of '" + charge.service() + "' in '" + charge.consumedUnit() + "' is left out");
      }
    }

    List<Observation> observations() {
      Currency zeroCurrency = currency == null ? USD : currency;
      List<Observation> out = new ArrayList<>();
      for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
        Map<ServiceOfProject, Money> services = spend.getOrDefault(day, Map.of());
        if (services.isEmpty()) {
          // The API answered for the day: no lines means nothing was charged.
          out.add(Observation.spend(day, "", Money.zero(zeroCurrency), Provenance.API));
        }
        for (Map.Entry<ServiceOfProject, Money> e : services.entrySet()) {
          out.add(Observation.spend(day, e.getKey().service(), e.getValue(), Provenance.API)
              .withTags(e.getKey().tags()));
        }
        Map<VercelMetric, BigDecimal> used = usage.getOrDefault(day, Map.of());
        Set<VercelMetric> unknown = unreadable.getOrDefault(day, Set.of());
        for (VercelMetric m : VercelMetric.values()) {
          if (!unknown.contains(m)) {
            out.add(Observation.usage(day, m.metric(), "", used.getOrDefault(m, BigDecimal.ZERO), m.unit(),
                Aggregation.SUM, Provenance.API));
          }
        }
        out.addAll(other.observations(day));
      }
      return out;
    }

    private void logOnce(String key, String line) {
      if (logged.add(key)) {
        context.log().accept(line);
      }
    }
  }
}
