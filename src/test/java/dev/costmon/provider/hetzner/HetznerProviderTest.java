package dev.costmon.provider.hetzner;

import static dev.costmon.provider.ProviderFixture.json;
import static dev.costmon.provider.ProviderFixture.resource;
import static dev.costmon.provider.ProviderFixture.respond;
import static dev.costmon.provider.ProviderFixture.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpHandler;
import dev.costmon.config.Account;
import dev.costmon.config.ConfigException;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Provenance;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.ProviderFixture;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HetznerProviderTest {
  private static final String SECRET = "hcloudTESTtoken0123456789abcdefABCDEF0123456789abcdefABCDEF01";
  private static final Map<String, String> ENV = Map.of("HCLOUD_TOKEN", SECRET);
  // The hand-computed figures below use the gross prices; net is the default (netPricesAreTheDefault).
  private static final String YAML = "    token: ${HCLOUD_TOKEN}\n    prices: gross\n";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  private static final CollectWindow WINDOW = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);
  private static final Pattern PAGE = Pattern.compile("(?:^|&)page=(\\d+)");

  private final HetznerProvider provider = new HetznerProvider();
  private final ProviderFixture fixture = new ProviderFixture();
  private final List<String> messages = new ArrayList<>();

  @AfterEach
  void close() {
    fixture.close();
  }

  private static LocalDate nov(int day) {
    return LocalDate.of(2026, 11, day);
  }

  private static String res(String name) {
    return resource("provider/hetzner/" + name);
  }

  private static HttpHandler paged(String... bodies) {
    return exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      Matcher m = PAGE.matcher(query == null ? "" : query);
      int page = m.find() ? Integer.parseInt(m.group(1)) : 1;
      ProviderFixture.send(exchange, 200, "application/json", bodies[Math.min(page, bodies.length) - 1]);
    };
  }

  private void serveNormalMonth() {
    fixture.route("/servers", paged(res("servers_page1.json"), res("servers_page2.json")));
    fixture.route("/pricing", json(res("pricing.json")));
  }

  private List<Observation> collect() throws ProviderException {
    Account account = fixture.account(provider, YAML, ENV);
    try {
      return fixture.collect(provider, account, WINDOW, CLOCK);
    } catch (ProviderException e) {
      messages.add(e.getMessage());
      throw e;
    }
  }

  private ProviderException failure() {
    return catchThrowableOfType(ProviderException.class, this::collect);
  }

  private static List<Observation> spend(List<Observation> all) {
    return all.stream().filter(o -> o.kind() == ObservationKind.SPEND).toList();
  }

  private static Map<String, BigDecimal> perServer(List<Observation> all) {
    return spend(all).stream().collect(Collectors.groupingBy(Observation::dimension,
        Collectors.reducing(BigDecimal.ZERO, Observation::value, BigDecimal::add)));
  }

  private static BigDecimal on(List<Observation> all, LocalDate day, String server) {
    return spend(all).stream().filter(o -> o.day().equals(day) && o.dimension().equals(server))
        .map(Observation::value).findFirst().orElse(BigDecimal.ZERO);
  }

  @Test
  void normalMonthEstimatesEachServerFromItsPricesAcrossPages() throws Exception {
    serveNormalMonth();

    List<Observation> result = collect();

    Map<String, BigDecimal> totals = perServer(result);
    // web-1: 535 started hours x 0.007021 x 1.2 (backups) + 535 x 0.00119 (IPv4).
    assertThat(totals.get("web-1")).isEqualByComparingTo("5.144132");
    // db-1: created Nov 20 12:15, 66 h 45 min = 67 started hours x 0.0238; no IPv4, no backups.
    assertThat(totals.get("db-1")).isEqualByComparingTo("1.5946");
    // big-1: 535 x 0.595 is capped at the monthly 285.60, plus its IPv4.
    assertThat(totals.get("big-1")).isEqualByComparingTo("286.23665");
    assertThat(spend(result)).allSatisfy(o -> {
      assertThat(o.provenance()).isEqualTo(Provenance.ESTIMATE);
      assertThat(o.unit()).isEqualTo("EUR");
    });
    assertThat(spend(result).stream().map(Observation::day).distinct()).hasSize(23);
    Observation forecast = result.stream().filter(o -> o.kind() == ObservationKind.FORECAST).findFirst().orElseThrow();
    // web-1 4.3435 x 1.2 + 0.714; db-1 252 started hours x 0.0238; big-1 285.60 + 0.714.
    assertThat(forecast.value()).isEqualByComparingTo("298.2378");
    assertThat(forecast.day()).isEqualTo(nov(1));
    assertThat(forecast.provenance()).isEqualTo(Provenance.ESTIMATE);
  }

  @Test
  void netPricesAreTheDefault() throws Exception {
    serveNormalMonth();
    Account account = fixture.account(provider, "    token: ${HCLOUD_TOKEN}\n", ENV);

    Map<String, BigDecimal> totals = perServer(fixture.collect(provider, account, WINDOW, CLOCK));

    // web-1: 535 started hours x 0.0059 net x 1.2 (backups) + 535 x 0.001 (IPv4 net).
    assertThat(totals.get("web-1")).isEqualByComparingTo("4.3228");
    // big-1: 535 x 0.50 is capped at the monthly 240.00 net, plus its IPv4 (0.535).
    assertThat(totals.get("big-1")).isEqualByComparingTo("240.535");
  }

  @Test
  void dailySharesFollowTheHoursAndTheMonthlyCap() throws Exception {
    serveNormalMonth();

    List<Observation> result = collect();

    assertThat(on(result, nov(1), "web-1")).isEqualByComparingTo("0.2307648");
    assertThat(on(result, nov(23), "web-1")).isEqualByComparingTo("0.0673064");
    assertThat(on(result, nov(19), "db-1")).isEqualByComparingTo("0");
    assertThat(on(result, nov(20), "big-1")).isEqualByComparingTo("14.30856");
    // The cap is reached after 480 hours: from Nov 21 only the IPv4 is left.
    assertThat(on(result, nov(21), "big-1")).isEqualByComparingTo("0.02856");
  }

  @Test
  void requestsAreBearerAuthenticatedAndPaged() throws Exception {
    serveNormalMonth();

    collect();

    assertThat(fixture.requests).containsExactly("GET /servers?page=1&per_page=50",
        "GET /servers?page=2&per_page=50", "GET /pricing");
    assertThat(fixture.requestHeaders).allSatisfy(h ->
        assertThat(h.get("Authorization")).containsExactly("Bearer " + SECRET));
  }

  @Test
  void emptyProjectIsExplicitZeros() throws Exception {
    fixture.route("/servers", json(res("servers_empty.json")));
    fixture.route("/pricing", json(res("pricing.json")));

    List<Observation> result = collect();

    assertThat(spend(result)).hasSize(23).allSatisfy(o -> {
      assertThat(o.value()).isZero();
      assertThat(o.dimension()).isEmpty();
    });
    assertThat(result.stream().filter(o -> o.kind() == ObservationKind.FORECAST).findFirst().orElseThrow().value())
        .isZero();
  }

  @Test
  void unauthorizedAndForbiddenAreAuth() {
    fixture.route("/servers", sequence(
        respond(401, "application/json", "{\"error\":{\"code\":\"unauthorized\",\"message\":\"unable to authenticate\"}}"),
        respond(403, "application/json", "{\"error\":{\"code\":\"forbidden\",\"message\":\"insufficient permissions\"}}")));
    fixture.route("/pricing", json(res("pricing.json")));

    assertThat(failure().kind()).isEqualTo(Kind.AUTH);
    assertThat(failure().kind()).isEqualTo(Kind.AUTH);
  }

  @Test
  void rateLimitedThenServed() throws Exception {
    fixture.route("/servers", sequence(exchange -> {
      exchange.getResponseHeaders().set("Retry-After", "3");
      ProviderFixture.send(exchange, 429, "application/json", "{\"error\":{\"code\":\"rate_limit_exceeded\"}}");
    }, json(res("servers_empty.json"))));
    fixture.route("/pricing", json(res("pricing.json")));

    collect();

    assertThat(fixture.sleeps).contains(Duration.ofSeconds(3));
  }

  @Test
  void serverErrorThenServedAndForever() throws Exception {
    fixture.route("/servers", json(res("servers_empty.json")));
    fixture.route("/pricing", sequence(respond(500, "application/json", "{}"), json(res("pricing.json"))));
    assertThat(collect()).isNotEmpty();

    try (ProviderFixture down = new ProviderFixture()) {
      down.route("/servers", respond(502, "text/html", "<html>Bad Gateway</html>"));
      Account account = down.account(provider, YAML, ENV);
      ProviderException e = catchThrowableOfType(ProviderException.class,
          () -> down.collect(provider, account, WINDOW, CLOCK));
      assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    }
  }

  @Test
  void htmlAndTruncatedBodiesAreBadResponses() {
    fixture.route("/servers", sequence(respond(200, "text/html", "<html>maintenance</html>"),
        json(res("servers_page2.json").substring(0, 120))));
    fixture.route("/pricing", json(res("pricing.json")));

    assertThat(failure().kind()).isEqualTo(Kind.BAD_RESPONSE);
    ProviderException truncated = failure();
    assertThat(truncated.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(truncated.getMessage()).contains("truncated");
  }

  @Test
  void missingPriceFieldIsBadResponseNamingIt() {
    fixture.route("/servers", json(res("servers_empty.json")));
    fixture.route("/pricing", json(res("pricing.json").replace("\"currency\": \"EUR\",", "")));

    assertThat(failure().getMessage()).isEqualTo("response field /pricing.pricing.currency is missing or not a string");
  }

  @Test
  void serverTypeWithoutPriceIsCondition() {
    fixture.route("/servers", paged(res("servers_page2.json").replace("hel1", "ash")));
    fixture.route("/pricing", json(res("pricing.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).isEqualTo(
        "no price for server type ccx63 in ash (server big-1); the estimate would leave it out");
  }

  @Test
  void pricesWithManyDecimalsStayExact() throws Exception {
    fixture.route("/servers", paged(res("servers_page2.json")));
    fixture.route("/pricing", json(res("pricing.json")
        .replace("\"0.5950000000000000\"", "\"0.0000000000000001\"")
        .replace("\"0.0011900000000000\"", "\"0.0000000000000003\"")));

    Map<String, BigDecimal> totals = perServer(collect());

    assertThat(totals.get("big-1")).isEqualTo(new BigDecimal("0.0000000000002140"));
  }

  @Test
  void aSecondCollectCarriesTheRevisedDay() throws Exception {
    fixture.route("/servers", paged(res("servers_page2.json")));
    fixture.route("/pricing", sequence(json(res("pricing.json")),
        json(res("pricing.json").replace("\"0.5950000000000000\"", "\"0.1000000000000000\""))));

    List<Observation> first = collect();
    List<Observation> second = collect();

    assertThat(on(first, nov(22), "big-1")).isEqualByComparingTo("0.02856");
    assertThat(on(second, nov(22), "big-1")).isEqualByComparingTo("2.42856");
  }

  @Test
  void theTokenAppearsNowhere() {
    fixture.route("/servers", sequence(json(res("servers_empty.json")),
        respond(401, "application/json", "{\"error\":{\"message\":\"token " + SECRET + " invalid\"}}")));
    fixture.route("/pricing", json(res("pricing.json")));

    assertThat(catchThrowableOfType(ProviderException.class, this::collect)).isNull();
    failure();

    assertThat(fixture.everythingVisible() + String.join("\n", messages)).doesNotContain(SECRET);
    assertThat(fixture.archived).isNotEmpty();
  }

  @Test
  void tokenIsRequired() {
    assertThatThrownBy(() -> fixture.account(provider, "    {}\n", ENV)).isInstanceOf(ConfigException.class);
  }
}
