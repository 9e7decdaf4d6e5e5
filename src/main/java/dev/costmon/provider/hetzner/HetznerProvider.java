package dev.costmon.provider.hetzner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.config.Account;
import dev.costmon.http.ApiRequest;
import dev.costmon.http.Pages;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code provider: hetzner}: Hetzner Cloud has no billing API, so spend is an ESTIMATE from the
 * project's servers and its price list: per server, its type's net (or, with {@code prices: gross},
 * gross) hourly price for its location
 * times the started hours since the later of its creation and the month's start (UTC), capped at
 * the monthly price, plus its primary IPv4 and the backup surcharge. Each day of the month gets its
 * share, per server, so the trend works; the forecast runs the same arithmetic to the month's end.
 *
 * <p>Only servers that exist now are seen: a server deleted during the month drops out of the
 * month's earlier days when they are recomputed. Volumes, load balancers, floating IPs, unattached
 * primary IPs, snapshots and traffic overage are not included.
 */
public final class HetznerProvider implements ProviderType<HetznerSettings> {
  static final String DEFAULT_BASE = "https://api.hetzner.cloud/v1";
  static final Currency EUR = Currency.getInstance("EUR");
  static final String SERVERS = "/servers";
  static final String PRICING = "/pricing";
  /** The most the API returns per page. */
  static final int PER_PAGE = 50;
  /** 2,500 servers; a loop guard more than a limit. */
  static final int MAX_PAGES = 50;

  @Override
  public String name() {
    return "hetzner";
  }

  @Override
  public Class<HetznerSettings> settingsType() {
    return HetznerSettings.class;
  }

  /**
   * Hetzner prices in euros: an account is reported in EUR unless its {@code currency:} says otherwise,
   * so a config in another currency needs an {@code fx:} rate for EUR, asked for when it loads.
   */
  @Override
  public Set<Currency> currencies(HetznerSettings settings) {
    return Set.of(EUR);
  }

  @Override
  public Optional<Set<String>> usageMetrics(HetznerSettings settings) {
    return Optional.of(Set.of());
  }

  @Override
  public Backfill backfill(HetznerSettings settings) {
    return Backfill.currentOnly("estimates from the servers running now only");
  }

  @Override
  public Optional<String> probe(Account account, HetznerSettings settings, ProviderContext context)
      throws ProviderException {
    PriceList prices = PriceList.from(get(settings, context, PRICING, null), settings.prices());
    return Optional.of("GET " + PRICING + " answered (prices in " + prices.currency().getCurrencyCode() + ")");
  }

  @Override
  public List<Observation> collect(Account account, HetznerSettings settings, CollectWindow window,
      ProviderContext context) throws ProviderException {
    List<Server> servers = servers(settings, context);
    PriceList prices = PriceList.from(get(settings, context, PRICING, null), settings.prices());
    Instant now = window.now();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    YearMonth month = YearMonth.from(today);
    Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    List<ServerCost> costs = new ArrayList<>();
    for (Server server : servers) {
      costs.add(new ServerCost(server, prices.server(server), server.ipv4() ? prices.ipv4(server) : null,
          server.backups() ? prices.backupShare() : BigDecimal.ZERO, monthStart));
    }
    LocalDate first = window.from().isBefore(month.atDay(1)) ? month.atDay(1) : window.from();
    if (window.from().isBefore(first)) {
      context.log().accept("hetzner: days before " + first + " keep their stored estimates (last month's servers"
          + " may since have changed)");
    }
    List<Observation> result = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
      Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant until = to.isAfter(now) ? now : to;
      boolean any = false;
      for (ServerCost cost : costs) {
        BigDecimal share = cost.until(until).subtract(cost.until(from));
        if (share.signum() != 0) {
          result.add(Observation.spend(day, cost.server().name(), new Money(share, prices.currency()),
              Provenance.ESTIMATE));
          any = true;
        }
      }
      if (!any) {
        result.add(Observation.spend(day, "", Money.zero(prices.currency()), Provenance.ESTIMATE));
      }
    }
    BigDecimal monthTotal = BigDecimal.ZERO;
    for (ServerCost cost : costs) {
      monthTotal = monthTotal.add(cost.until(monthEnd));
    }
    result.add(Observation.forecast(month.atDay(1), new Money(monthTotal, prices.currency()), Provenance.ESTIMATE));
    return result;
  }

  private static List<Server> servers(HetznerSettings settings, ProviderContext context) throws ProviderException {
    List<JsonNode> nodes = Pages.collect(1, (Integer page) -> {
      JsonNode body = get(settings, context, SERVERS, page);
      List<JsonNode> items = new ArrayList<>();
      Json.array(body, "servers", SERVERS).forEach(items::add);
      JsonNode next = body.path("meta").path("pagination").path("next_page");
      return Pages.Page.of(items, next.isIntegralNumber() ? next.intValue() : null);
    }, MAX_PAGES);
    List<Server> servers = new ArrayList<>();
    for (JsonNode node : nodes) {
      servers.add(Server.from(node, SERVERS));
    }
    return servers;
  }

  private static JsonNode get(HetznerSettings settings, ProviderContext context, String path, Integer page)
      throws ProviderException {
    ApiRequest.Builder request = ApiRequest.get(context.baseUri(DEFAULT_BASE)).path(path).bearer(settings.token());
    if (page != null) {
      request.query("page", page).query("per_page", PER_PAGE);
    }
    return context.http().send(request.build()).json();
  }
}
