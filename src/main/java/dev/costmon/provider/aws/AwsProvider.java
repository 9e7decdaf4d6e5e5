package dev.costmon.provider.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costmon.config.Account;
import dev.costmon.http.Pages;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.ProviderType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code provider: aws}: daily spend per service from AWS Cost Explorer (GetCostAndUsage) and
 * AWS's own month-end forecast (GetCostForecast), signed with SigV4. AWS days and months are UTC.
 * Each request costs 0.01 USD, so one collection makes at most {@code max_requests} of them.
 */
public final class AwsProvider implements ProviderType<AwsSettings> {
  static final String COST_AND_USAGE = "GetCostAndUsage";
  static final String FORECAST = "GetCostForecast";
  /** Errors that mean "AWS will not forecast this" (too little history, the month's last day). */
  private static final Set<String> NO_FORECAST =
      Set.of("DataUnavailableException", "AccessDeniedException", "ValidationException");
  /** A hard bound under max_requests, against a cursor that never ends. */
  private static final int MOST_PAGES = 50;
  private static final Currency USD = Currency.getInstance("USD");

  /** Made at use, so that commands that collect no AWS account load none of the SDK's classes. */
  private static AwsCredentials credentials(AwsSettings settings) throws ProviderException {
    return new SdkCredentials().resolve(settings);
  }

  @Override
  public String name() {
    return "aws";
  }

  @Override
  public Class<AwsSettings> settingsType() {
    return AwsSettings.class;
  }

  /** Cost Explorer's costs only: no usage metric, so any rates: entry is a mistake. */
  @Override
  public Optional<Set<String>> usageMetrics(AwsSettings settings) {
    return Optional.of(Set.of());
  }

  /**
   * Cost Explorer answers for "up to 13 months of historical data and the current month" (AWS's API
   * best practices), whole months: from the first day of the month 13 months before this one. Each
   * request costs 0.01 USD, so a backfill stays within max_requests unless {@code --max-requests}
   * raises it for one run. The current month's window asks for the forecast too.
   */
  @Override
  public Backfill backfill(AwsSettings settings) {
    return Backfill.lastMonths(13, 1, "Cost Explorer keeps the current month and the 13 before it").todayAsks(1)
        .paid(new Money(CostExplorerApi.PRICE_PER_REQUEST, USD), settings.maxRequests());
  }

  @Override
  public Set<Currency> currencies(AwsSettings settings) {
    return Set.of(USD);
  }

  @Override
  public List<Observation> collect(
      Account account, AwsSettings settings, CollectWindow window, ProviderContext context)
      throws ProviderException {
    CostExplorerApi api = new CostExplorerApi(context, credentials(settings), settings);
    try {
      SortedMap<LocalDate, Map<String, Money>> days = dailyCosts(api, settings, window, context);
      List<Observation> result = new ArrayList<>();
      days.forEach((day, byService) -> {
        if (byService.isEmpty()) {
          result.add(Observation.spend(day, "", Money.zero(USD), Provenance.API));
        }
        byService.forEach((service, amount) -> result.add(Observation.spend(day, service, amount, Provenance.API)));
      });
      forecast(api, settings, window, days, context).ifPresent(result::add);
      return result;
    } finally {
      context.log().accept("AWS Cost Explorer: " + api.sent() + (api.sent() == 1 ? " request, " : " requests, ")
          + api.cost().toPlainString() + " USD");
    }
  }

  @Override
  public Optional<String> probe(Account account, AwsSettings settings, ProviderContext context)
      throws ProviderException {
    CostExplorerApi api = new CostExplorerApi(context, credentials(settings), settings);
    LocalDate today = LocalDate.ofInstant(context.clock().instant(), ZoneOffset.UTC);
    ObjectNode body = CostExplorerApi.body();
    period(body, today.minusDays(1), today);
    body.put("Granularity", "DAILY");
    body.putArray("Metrics").add(settings.metric());
    CostExplorerApi.Answer answer = api.call(COST_AND_USAGE, body);
    if (answer.failed()) {
      throw answer.error().toException(COST_AND_USAGE);
    }
    return Optional.of("Cost Explorer GetCostAndUsage answered (1 request, 0.01 USD)");
  }

  /** The window's days, UTC, End exclusive, every page merged: a day's groups may span pages. */
  private static SortedMap<LocalDate, Map<String, Money>> dailyCosts(
      CostExplorerApi api, AwsSettings settings, CollectWindow window, ProviderContext context)
      throws ProviderException {
    List<CostPage.Day> all = Pages.collect((String token) -> {
      if (!api.canSend()) {
        throw new ProviderException(Kind.OTHER, COST_AND_USAGE + " needs more than max_requests: "
            + api.maxRequests() + " requests (each costs 0.01 USD); raise max_requests");
      }
      ObjectNode body = CostExplorerApi.body();
      period(body, window.from(), window.to().plusDays(1));
      body.put("Granularity", "DAILY");
      body.putArray("Metrics").add(settings.metric());
      body.putArray("GroupBy").addObject().put("Type", "DIMENSION").put("Key", "SERVICE");
      if (token != null) {
        body.put("NextPageToken", token);
      }
      CostExplorerApi.Answer answer = api.call(COST_AND_USAGE, body);
      if (answer.failed()) {
        throw answer.error().toException(COST_AND_USAGE);
      }
      CostPage page = CostPage.parse(answer.result(), settings.metric());
      return Pages.Page.of(page.days(), page.nextPageToken());
    }, MOST_PAGES);
    SortedMap<LocalDate, Map<String, Money>> days = new TreeMap<>();
    int estimated = 0;
    int spread = 0;
    for (CostPage.Day day : all) {
      if (day.day().isBefore(window.from()) || day.day().isAfter(window.to())) {
        continue;
      }
      Map<String, Money> byService = days.computeIfAbsent(day.day(), d -> new LinkedHashMap<>());
      day.byService().forEach((service, amount) -> byService.merge(service, amount, Money::plus));
      estimated += day.estimated() ? 1 : 0;
      spread += day.spread() ? 1 : 0;
    }
    if (spread > 0) {
      context.log().accept("AWS Cost Explorer: results covering more than one day were spread evenly over "
          + spread + " day(s) of the window");
    }
    if (estimated > 0) {
      context.log().accept("AWS Cost Explorer: " + estimated
          + " day(s) still estimated; the lookback fetches them again");
    }
    return days;
  }

  /**
   * Month-end spend: the month's actual days before today (UTC) plus AWS's forecast for today
   * through the month's end ({@code [Start, End)} = today to the next month's first day). Empty when
   * AWS will not forecast or the month's days are not all in the result.
   */
  private static Optional<Observation> forecast(CostExplorerApi api, AwsSettings settings, CollectWindow window,
      SortedMap<LocalDate, Map<String, Money>> days, ProviderContext context) throws ProviderException {
    LocalDate start = LocalDate.ofInstant(window.now(), ZoneOffset.UTC);
    LocalDate monthStart = start.withDayOfMonth(1);
    for (LocalDate day = monthStart; day.isBefore(start); day = day.plusDays(1)) {
      if (!days.containsKey(day)) {
        context.log().accept("AWS Cost Explorer: no forecast, " + day + " is not in the result");
        return Optional.empty();
      }
    }
    if (!api.canSend()) {
      context.log().accept("AWS Cost Explorer: no forecast, max_requests: " + api.maxRequests() + " reached");
      return Optional.empty();
    }
    ObjectNode body = CostExplorerApi.body();
    period(body, start, monthStart.plusMonths(1));
    body.put("Metric", settings.forecastMetric());
    body.put("Granularity", "MONTHLY");
    CostExplorerApi.Answer answer = api.call(FORECAST, body);
    if (answer.failed()) {
      if (NO_FORECAST.contains(answer.error().type())) {
        context.log().accept("AWS Cost Explorer: no forecast (" + answer.error().type()
            + (answer.error().message().isEmpty() ? "" : ": " + answer.error().message()) + ")");
        return Optional.empty();
      }
      throw answer.error().toException(FORECAST);
    }
    JsonNode result = answer.result();
    Money rest = CostPage.money(result.get("Total"), "Total");
    Money total = rest;
    for (LocalDate day = monthStart; day.isBefore(start); day = day.plusDays(1)) {
      for (Money amount : days.get(day).values()) {
        if (!amount.currency().equals(rest.currency())) {
          throw new ProviderException(Kind.BAD_RESPONSE, "forecast in " + rest.currency().getCurrencyCode()
              + " but costs in " + amount.currency().getCurrencyCode());
        }
        total = total.plus(amount);
      }
    }
    return Optional.of(Observation.forecast(monthStart, total, Provenance.API));
  }

  private static void period(ObjectNode body, LocalDate start, LocalDate endExclusive) {
    body.putObject("TimePeriod").put("Start", start.toString()).put("End", endExclusive.toString());
  }
}
