package dev.costmon.provider.supabase;

import static dev.costmon.provider.ProviderFixture.json;
import static dev.costmon.provider.ProviderFixture.resource;
import static dev.costmon.provider.ProviderFixture.respond;
import static dev.costmon.provider.ProviderFixture.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpHandler;
import dev.costmon.config.Account;
import dev.costmon.config.ConfigException;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Provenance;
import dev.costmon.model.Quantity;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.ProviderFixture;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupabaseProviderTest {
  private static final String SECRET = "sbp_0123456789abcdef0123456789abcdef01234567";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  private static final CollectWindow WINDOW = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);
  private static final String PROD = "abcdefghijklmnopqrst";
  private static final String STAGING = "bcdefghijklmnopqrstu";
  private static final String PAUSED = "cdefghijklmnopqrstuv";

  private final ProviderFixture fixture = new ProviderFixture();
  private final SupabaseProvider provider = new SupabaseProvider();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    fixture.close();
  }

  private Account account(String extra) {
    return fixture.account(provider, "    token: ${SUPABASE_TOKEN}\n    organization: acme\n" + extra,
        Map.of("SUPABASE_TOKEN", SECRET));
  }

  private List<Observation> collect(Account account) throws ProviderException {
    return fixture.collect(provider, account, WINDOW, CLOCK);
  }

  private static String res(String name) {
    return resource("provider/supabase/" + name);
  }

  /** Routes every endpoint of the normal month, with {@code overrides} (path to handler) first. */
  private void routeAll(Map<String, HttpHandler> overrides) {
    Map<String, HttpHandler> routes = new java.util.LinkedHashMap<>(overrides);
    routes.putIfAbsent("/v1/organizations/acme", json(res("organization_pro.json")));
    routes.putIfAbsent("/v1/projects", json(res("projects.json")));
    for (Map.Entry<String, String> p : Map.of(PROD, "production", STAGING, "staging").entrySet()) {
      String base = "/v1/projects/" + p.getKey();
      routes.putIfAbsent(base + "/billing/addons", json(res("addons_" + p.getValue() + ".json")));
      routes.putIfAbsent(base + "/analytics/endpoints/usage.api-counts",
          json(res("api_counts_" + p.getValue() + ".json")));
      HttpHandler query = json(res("database_size_" + p.getValue() + ".json"));
      routes.putIfAbsent(base + "/database/query/read-only", exchange -> {
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        query.handle(exchange);
      });
      routes.putIfAbsent(base + "/config/disk/util", json(res("disk_util_" + p.getValue() + ".json")));
    }
    routes.forEach(fixture::route);
  }

  private void routeAll() {
    routeAll(Map.of());
  }

  private static BigDecimal spendTotal(List<Observation> obs) {
    return obs.stream().filter(o -> o.kind() == ObservationKind.SPEND).map(Observation::value)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static Map<LocalDate, BigDecimal> usage(List<Observation> obs, String metric, String dimension) {
    return obs.stream().filter(o -> o.metric().equals(metric) && o.dimension().equals(dimension))
        .collect(Collectors.toMap(Observation::day, Observation::value, BigDecimal::add, java.util.TreeMap::new));
  }

  @Test
  void aNormalMonthGivesPlanFeeAddonEstimatesCreditsAndUsagePerProject() throws ProviderException {
    routeAll();

    List<Observation> obs = collect(account(""));

    // Plan fee: fixed, on the 1st, with a fixed forecast.
    assertThat(obs).filteredOn(o -> o.dimension().equals("plan pro"))
        .singleElement()
        .satisfies(o -> {
          assertThat(o.day()).isEqualTo(LocalDate.of(2026, 11, 1));
          assertThat(o.money()).isEqualTo(Money.of("25", "USD"));
          assertThat(o.provenance()).isEqualTo(Provenance.FIXED);
        });
    assertThat(obs).filteredOn(o -> o.kind() == ObservationKind.FORECAST)
        .singleElement()
        .satisfies(o -> {
          assertThat(o.day()).isEqualTo(LocalDate.of(2026, 11, 1));
          assertThat(o.value()).isEqualByComparingTo("25");
          assertThat(o.provenance()).isEqualTo(Provenance.FIXED);
        });
    // Hourly add-ons at 24 h a day, every day of the window.
    assertThat(usageOfSpend(obs, PROD + "/compute_instance")).hasSize(23)
        .allSatisfy(v -> assertThat(v).isEqualByComparingTo("0.32256"));
    assertThat(usageOfSpend(obs, STAGING + "/pitr")).hasSize(23)
        .allSatisfy(v -> assertThat(v).isEqualByComparingTo("3.288"));
    // A monthly add-on and the compute credits (10 USD, less than 30 days of micro + small) are
    // spread over the month's days.
    assertThat(sum(usageOfSpend(obs, PROD + "/custom_domain"))).isEqualByComparingTo("7.6666666667");
    assertThat(sum(usageOfSpend(obs, SupabaseProvider.COMPUTE_CREDITS))).isEqualByComparingTo("-7.6666666667");
    assertThat(obs).filteredOn(o -> o.kind() == ObservationKind.SPEND && !o.dimension().equals("plan pro"))
        .allSatisfy(o -> assertThat(o.provenance()).isEqualTo(Provenance.ESTIMATE));
    // 25 + 23 days x (0.32256 + 0.4944 + 3.288) + custom domain - credits (equal shares).
    assertThat(spendTotal(obs)).isEqualByComparingTo("119.41408");

    // API requests: the seven complete days, the partial first day (16th) left out, a day
    // without a bucket reported as zero, two buckets of one day summed.
    Map<LocalDate, BigDecimal> prod = usage(obs, SupabaseProvider.API_REQUESTS, PROD);
    assertThat(prod.keySet()).containsExactlyElementsOf(
        LocalDate.of(2026, 11, 17).datesUntil(LocalDate.of(2026, 11, 24)).toList());
    assertThat(prod.get(LocalDate.of(2026, 11, 17))).isEqualByComparingTo("15434");
    assertThat(prod.get(LocalDate.of(2026, 11, 18))).isEqualByComparingTo("16420");
    assertThat(prod.get(LocalDate.of(2026, 11, 20))).isEqualByComparingTo("15362");
    assertThat(prod.get(LocalDate.of(2026, 11, 21))).isEqualByComparingTo("0");
    assertThat(sum(prod.values())).isEqualByComparingTo("80326");
    assertThat(sum(usage(obs, SupabaseProvider.API_REQUESTS, STAGING).values())).isEqualByComparingTo("101");
    assertThat(obs).filteredOn(o -> o.metric().equals(SupabaseProvider.API_REQUESTS))
        .allSatisfy(o -> {
          assertThat(o.unit()).isEqualTo("requests");
          assertThat(o.aggregation()).isEqualTo(Aggregation.SUM);
        });

    // Sizes per project, under per-project metric names, on today.
    assertThat(obs).filteredOn(o -> o.metric().equals("database_size_" + PROD)).singleElement()
        .satisfies(o -> {
          assertThat(o.value()).isEqualByComparingTo("6543210987");
          assertThat(o.unit()).isEqualTo("bytes");
          assertThat(o.aggregation()).isEqualTo(Aggregation.LAST);
          assertThat(o.day()).isEqualTo(LocalDate.of(2026, 11, 23));
          assertThat(o.dimension()).isEqualTo(PROD);
        });
    assertThat(obs).filteredOn(o -> o.metric().equals("disk_used_" + STAGING)).singleElement()
        .satisfies(o -> assertThat(o.value()).isEqualByComparingTo("623853568"));

    // Exactly these calls: nothing for the paused project or the other organisation's.
    assertThat(fixture.requests).containsExactly(
        "GET /v1/organizations/acme",
        "GET /v1/projects",
        "GET /v1/projects/" + PROD + "/billing/addons",
        "GET /v1/projects/" + PROD + "/analytics/endpoints/usage.api-counts?interval=7day",
        "POST /v1/projects/" + PROD + "/database/query/read-only",
        "GET /v1/projects/" + PROD + "/config/disk/util",
        "GET /v1/projects/" + STAGING + "/billing/addons",
        "GET /v1/projects/" + STAGING + "/analytics/endpoints/usage.api-counts?interval=7day",
        "POST /v1/projects/" + STAGING + "/database/query/read-only",
        "GET /v1/projects/" + STAGING + "/config/disk/util");
    assertThat(fixture.requestHeaders).allSatisfy(h ->
        assertThat(h.get("Authorization")).containsExactly("Bearer " + SECRET));
    assertThat(bodies).allSatisfy(b -> assertThat(b)
        .isEqualTo("{\"query\": \"select pg_database_size(current_database()) as bytes\"}"));
    assertThat(fixture.log).anyMatch(l -> l.contains(PAUSED) && l.contains("INACTIVE"));
  }

  private static List<BigDecimal> usageOfSpend(List<Observation> obs, String dimension) {
    return obs.stream().filter(o -> o.kind() == ObservationKind.SPEND && o.dimension().equals(dimension))
        .map(Observation::value).toList();
  }

  private static BigDecimal sum(java.util.Collection<BigDecimal> values) {
    return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void aFullMonthOfSpreadAmountsAddsUpExactly() {
    BigDecimal month = BigDecimal.ZERO;
    for (LocalDate d = LocalDate.of(2026, 11, 1); d.getMonthValue() == 11; d = d.plusDays(1)) {
      month = month.add(DailyShare.of(new BigDecimal("10"), d));
    }
    assertThat(month).isEqualByComparingTo("10");
  }

  @Test
  void anEmptyFreeMonthReportsZeroSpendEveryDayAndZeroRequests() throws ProviderException {
    fixture.route("/v1/organizations/acme", json("{\"id\": \"acme\", \"name\": \"Acme\", \"plan\": \"free\"}"));
    fixture.route("/v1/projects", json("[{\"id\": \"" + PROD + "\", \"organization_id\": \"acme\","
        + " \"name\": \"p\", \"region\": \"eu-west-1\", \"created_at\": \"2026-01-01T00:00:00Z\","
        + " \"status\": \"ACTIVE_HEALTHY\"}]"));
    String base = "/v1/projects/" + PROD;
    fixture.route(base + "/billing/addons", json("{\"selected_addons\": [], \"available_addons\": []}"));
    fixture.route(base + "/analytics/endpoints/usage.api-counts", json("{\"result\": []}"));
    fixture.route(base + "/database/query/read-only", json("[{\"bytes\": \"7654321\"}]"));
    fixture.route(base + "/config/disk/util", json(res("disk_util_staging.json")));

    List<Observation> obs = collect(account(""));

    List<Observation> spend = obs.stream().filter(o -> o.kind() == ObservationKind.SPEND).toList();
    assertThat(spend).hasSize(23).allSatisfy(o -> assertThat(o.value()).isEqualByComparingTo("0"));
    assertThat(spend.get(0).dimension()).isEqualTo("plan free");
    assertThat(spend.get(0).provenance()).isEqualTo(Provenance.FIXED);
    assertThat(spend.get(1).dimension()).isEmpty();
    assertThat(obs).filteredOn(o -> o.kind() == ObservationKind.FORECAST).singleElement()
        .satisfies(o -> assertThat(o.value()).isEqualByComparingTo("0"));
    assertThat(usage(obs, SupabaseProvider.API_REQUESTS, PROD)).hasSize(7)
        .allSatisfy((day, v) -> assertThat(v).isEqualByComparingTo("0"));
    assertThat(usage(obs, "database_size_" + PROD, PROD).values()).containsExactly(new BigDecimal("7654321"));
  }

  @Test
  void unauthorizedIsAuth() {
    routeAll(Map.of("/v1/organizations/acme",
        respond(401, "application/json", "{\"message\": \"Unauthorized\"}")));
    assertThatThrownBy(() -> collect(account("")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("401");
  }

  @Test
  void aForbiddenUsageEndpointNamesTheMissingPermission() {
    routeAll(Map.of("/v1/projects/" + PROD + "/analytics/endpoints/usage.api-counts",
        respond(403, "application/json", "{\"message\": \"Missing permissions\"}")));
    assertThatThrownBy(() -> collect(account("")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONDITION))
        .hasMessage("token lacks analytics_usage_read on project " + PROD);
  }

  @Test
  void aForbiddenOrganizationIsAuth() {
    routeAll(Map.of("/v1/organizations/acme", respond(403, "application/json", "{\"message\": \"Forbidden\"}")));
    assertThatThrownBy(() -> collect(account("")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH));
  }

  @Test
  void aMissingProjectIsNamed() {
    routeAll(Map.of("/v1/projects/" + PROD + "/config/disk/util",
        respond(404, "application/json", "{\"message\": \"Project not found\"}")));
    assertThatThrownBy(() -> collect(account("")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OTHER))
        .hasMessage("project " + PROD + " not found, or the token cannot see it");
  }

  @Test
  void aConfiguredProjectOutsideTheOrganizationIsNamed() {
    routeAll();
    assertThatThrownBy(() -> collect(account("    projects: [zyxwvutsrqponmlkjihg]\n")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OTHER))
        .hasMessage("project zyxwvutsrqponmlkjihg is not in organisation acme, or the token cannot see it");
  }

  @Test
  void anUnknownOrganizationIsNamed() {
    routeAll(Map.of("/v1/organizations/acme", respond(404, "application/json", "{\"message\": \"Not found\"}")));
    assertThatThrownBy(() -> collect(account("")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OTHER))
        .hasMessage("organisation 'acme' not found, or the token cannot see it");
  }

  @Test
  void configuredProjectsLimitTheCallsAndGetPerProjectQuotas() throws ProviderException {
    routeAll();
    Account account = account("    plan: pro\n    projects: [" + PROD + "]\n");

    List<Observation> obs = collect(account);

    assertThat(fixture.requests).noneMatch(r -> r.contains(STAGING));
    assertThat(account.quotas()).containsEntry("database_size_" + PROD,
            new Quantity(BigDecimal.valueOf(8_000_000_000L), "bytes"))
        .containsEntry("disk_used_" + PROD, new Quantity(BigDecimal.valueOf(8_000_000_000L), "bytes"))
        .hasSize(2);
    // The production database is past 80 % of the Pro plan's 8 GB, its disk past 90 %.
    Observation db = obs.stream().filter(o -> o.metric().equals("database_size_" + PROD)).findFirst().orElseThrow();
    Quantity quota = account.quotas().get(db.metric());
    assertThat(quota.fits(db.unit())).isTrue();
    assertThat(db.value().divide(quota.value(), MathContext.DECIMAL64)).isBetween(
        new BigDecimal("0.8"), BigDecimal.ONE);
    Observation disk = obs.stream().filter(o -> o.metric().equals("disk_used_" + PROD)).findFirst().orElseThrow();
    assertThat(disk.value().divide(quota.value(), MathContext.DECIMAL64)).isGreaterThan(new BigDecimal("0.9"));
  }

  @Test
  void freePlanQuotaIsTheHalfGigabyteDatabaseAndTheConfigCanOverride() {
    Account free = account("    plan: free\n    projects: [" + PROD + ", " + STAGING + "]\n");
    assertThat(free.quotas()).containsOnlyKeys("database_size_" + PROD, "database_size_" + STAGING);
    assertThat(free.quotas().get("database_size_" + PROD).value()).isEqualByComparingTo("500000000");

    Account overridden = account("    plan: pro\n    projects: [" + PROD + "]\n"
        + "    quotas: {database_size_" + PROD + ": 8GiB}\n");
    assertThat(overridden.quotas().get("database_size_" + PROD).value()).isEqualByComparingTo("8589934592");

    assertThat(account("").quotas()).isEmpty();
  }

  @Test
  void aChangedPlanIsANamedCondition() {
    routeAll();
    assertThatThrownBy(() -> collect(account("    plan: free\n")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONDITION))
        .hasMessage("organisation acme is on the pro plan but the config says plan: free;"
            + " update it so the quotas match");
  }

  @Test
  void enterpriseHasNoDefaultFeeButTakesPlanFee() throws ProviderException {
    routeAll(Map.of("/v1/organizations/acme", json("{\"id\": \"acme\", \"name\": \"Acme\", \"plan\": \"enterprise\"}")));
    List<Observation> without = collect(account(""));
    assertThat(without).noneMatch(o -> o.dimension().startsWith("plan "));
    assertThat(without).noneMatch(o -> o.kind() == ObservationKind.FORECAST);
    assertThat(without).noneMatch(o -> o.dimension().equals(SupabaseProvider.COMPUTE_CREDITS));
    assertThat(fixture.log).anyMatch(l -> l.contains("no fee known for the enterprise plan"));

    List<Observation> with = collect(account("    plan_fee: 2000 USD\n"));
    assertThat(with).filteredOn(o -> o.dimension().equals("plan enterprise")).singleElement()
        .satisfies(o -> assertThat(o.money()).isEqualTo(Money.of("2000", "USD")));
  }

  @Test
  void planFeeOverridesTheCatalog() throws ProviderException {
    routeAll();
    List<Observation> obs = collect(account("    plan_fee: 23.50 EUR\n"));
    assertThat(obs).filteredOn(o -> o.dimension().equals("plan pro")).singleElement()
        .satisfies(o -> assertThat(o.money()).isEqualTo(Money.of("23.50", "EUR")));
    assertThat(provider.currencies((SupabaseSettings) account("    plan_fee: 23.50 EUR\n").settings()))
        .extracting(java.util.Currency::getCurrencyCode).containsExactly("USD", "EUR");
  }

  @Test
  void databaseSizeCanBeLeftOutToKeepTheTokenAwayFromTableData() throws ProviderException {
    routeAll();
    List<Observation> obs = collect(account("    database_size: false\n"));
    assertThat(fixture.requests).noneMatch(r -> r.contains("/database/query"));
    assertThat(obs).noneMatch(o -> o.metric().startsWith("database_size_"));
    assertThat(fixture.requests).hasSize(8);
  }

  @Test
  void rateLimitedThenServedWaitsAsAsked() throws ProviderException {
    routeAll(Map.of("/v1/projects/" + PROD + "/analytics/endpoints/usage.api-counts", sequence(
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "7");
          ProviderFixture.send(exchange, 429, "application/json", "{\"message\": \"Too many requests\"}");
        },
        json(res("api_counts_production.json")))));

    List<Observation> obs = collect(account(""));

    assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(sum(usage(obs, SupabaseProvider.API_REQUESTS, PROD).values())).isEqualByComparingTo("80326");
  }

  @Test
  void aServerErrorIsRetriedThenServed() throws ProviderException {
    routeAll(Map.of("/v1/projects", sequence(
        respond(500, "application/json", "{\"message\": \"Internal error\"}"), json(res("projects.json")))));
    List<Observation> obs = collect(account(""));
    assertThat(fixture.sleeps).hasSize(1);
    assertThat(spendTotal(obs)).isEqualByComparingTo("119.41408");
  }

  @Test
  void aServerErrorForeverIsUnavailable() {
    routeAll(Map.of("/v1/projects", respond(500, "application/json", "{\"message\": \"Internal error\"}")));
    assertThatThrownBy(() -> collect(account("")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
  }

  @Test
  void anHtmlPageIsABadResponse() {
    routeAll(Map.of("/v1/projects/" + PROD + "/billing/addons",
        respond(200, "text/html", "<html><body>Gateway says hello</body></html>")));
    assertThatThrownBy(() -> collect(account("")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE));
  }

  @Test
  void truncatedJsonIsABadResponse() {
    String full = res("api_counts_production.json");
    routeAll(Map.of("/v1/projects/" + PROD + "/analytics/endpoints/usage.api-counts",
        json(full.substring(0, full.length() / 2))));
    assertThatThrownBy(() -> collect(account("")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessageContaining("truncated");
  }

  @Test
  void aMissingRequiredFieldIsNamed() {
    routeAll(Map.of("/v1/projects/" + PROD + "/config/disk/util",
        json("{\"timestamp\": \"2026-11-23T06:58:41.000Z\", \"metrics\": {\"fs_size_bytes\": 1}}")));
    assertThatThrownBy(() -> collect(account("")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessage("disk of project " + PROD + ": the response has no metrics.fs_used_bytes");
  }

  @Test
  void aMissingPlanIsNamed() {
    routeAll(Map.of("/v1/organizations/acme", json("{\"id\": \"acme\", \"name\": \"Acme\"}")));
    assertThatThrownBy(() -> collect(account("")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessage("organisation 'acme': the response has no plan");
  }

  @Test
  void anErrorStringInAnOkAnswerIsABadResponseWithItsMessage() {
    routeAll(Map.of("/v1/projects/" + PROD + "/analytics/endpoints/usage.api-counts",
        json("{\"result\": [], \"error\": \"Query timed out\"}")));
    assertThatThrownBy(() -> collect(account("")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessage("project " + PROD + ": Query timed out");
  }

  @Test
  void anErrorObjectInAnOkAnswerIsABadResponseWithItsMessage() {
    routeAll(Map.of("/v1/projects/" + PROD + "/analytics/endpoints/usage.api-counts",
        json("{\"error\": {\"code\": 400, \"errors\": [{\"domain\": \"global\", \"reason\": \"invalidQuery\"}],"
            + " \"message\": \"Invalid interval\", \"status\": \"INVALID_ARGUMENT\"}}")));
    assertThatThrownBy(() -> collect(account("")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessage("project " + PROD + ": Invalid interval");
  }

  @Test
  void pricesWithManyDecimalsAreReadExactly() throws ProviderException {
    routeAll(Map.of("/v1/projects/" + PROD + "/billing/addons", json("{\"selected_addons\": [{\"type\": \"ipv4\","
        + " \"variant\": {\"id\": \"ipv4_default\", \"name\": \"IPv4\", \"price\": {\"description\": \"x\","
        + " \"type\": \"usage\", \"interval\": \"hourly\", \"amount\": 0.005500000000000000000000001}}}],"
        + " \"available_addons\": []}")));
    List<Observation> obs = collect(account("    projects: [" + PROD + "]\n"));
    assertThat(usageOfSpend(obs, PROD + "/ipv4")).hasSize(23)
        .allSatisfy(v -> assertThat(v).isEqualTo(new BigDecimal("0.132000000000000000000000024")));
  }

  @Test
  void anUnknownPriceIntervalIsABadResponse() {
    routeAll(Map.of("/v1/projects/" + PROD + "/billing/addons", json("{\"selected_addons\": [{\"type\": \"pitr\","
        + " \"variant\": {\"id\": \"pitr_7\", \"price\": {\"interval\": \"yearly\", \"amount\": 1000}}}]}")));
    assertThatThrownBy(() -> collect(account("")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessage("add-on pitr of project " + PROD + " has price interval 'yearly', expected hourly or monthly");
  }

  @Test
  void aRevisedDayCarriesTheNewFigureInTheNextCollect() throws ProviderException {
    String first = "{\"result\": [{\"timestamp\": \"2026-11-22T00:00:00Z\", \"total_auth_requests\": 1,"
        + " \"total_realtime_requests\": 0, \"total_rest_requests\": 10, \"total_storage_requests\": 0}]}";
    String revised = first.replace("\"total_rest_requests\": 10", "\"total_rest_requests\": 990");
    routeAll(Map.of("/v1/projects/" + PROD + "/analytics/endpoints/usage.api-counts",
        sequence(json(first), json(revised))));
    Account account = account("    projects: [" + PROD + "]\n");

    LocalDate day = LocalDate.of(2026, 11, 22);
    assertThat(usage(collect(account), SupabaseProvider.API_REQUESTS, PROD).get(day)).isEqualByComparingTo("11");
    assertThat(usage(collect(account), SupabaseProvider.API_REQUESTS, PROD).get(day)).isEqualByComparingTo("991");
  }

  @Test
  void timestampsInEveryShapeLandOnTheirUtcDay() throws ProviderException {
    routeAll(Map.of("/v1/projects/" + PROD + "/analytics/endpoints/usage.api-counts", json("{\"result\": ["
        + row("\"2026-11-18T23:30:00-02:00\"", 1) + ", " + row("1795402800000000", 2) + ", "
        + row("1795402800", 4) + ", " + row("\"2026-11-22\"", 8) + "]}")));
    Map<LocalDate, BigDecimal> days = usage(collect(account("    projects: [" + PROD + "]\n")),
        SupabaseProvider.API_REQUESTS, PROD);
    assertThat(days.get(LocalDate.of(2026, 11, 19))).isEqualByComparingTo("1");
    assertThat(days.get(LocalDate.of(2026, 11, 23))).isEqualByComparingTo("6");
    assertThat(days.get(LocalDate.of(2026, 11, 22))).isEqualByComparingTo("8");
  }

  private static String row(String timestamp, int rest) {
    return "{\"timestamp\": " + timestamp + ", \"total_auth_requests\": 0, \"total_realtime_requests\": 0,"
        + " \"total_rest_requests\": " + rest + ", \"total_storage_requests\": 0}";
  }

  @Test
  void theTokenAppearsNowhere() {
    routeAll(Map.of("/v1/projects/" + PROD + "/analytics/endpoints/usage.api-counts",
        json("{\"error\": \"token " + SECRET + " is not allowed here\"}")));
    assertThatThrownBy(() -> collect(account("")))
        .isInstanceOf(ProviderException.class)
        .hasMessageNotContaining(SECRET)
        .hasMessageContaining("${SUPABASE_TOKEN}");
    assertThat(fixture.everythingVisible()).doesNotContain(SECRET).isNotEmpty();
    assertThat(fixture.archived).isNotEmpty();
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> fixture.account(provider, "    organization: acme\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("token: is required");
    assertThatThrownBy(() -> fixture.account(provider, "    token: ${T}\n", Map.of("T", SECRET)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("organization: is required");
    assertThatThrownBy(() -> account("    projects: [Not-A-Ref]\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'Not-A-Ref' is not a project ref");
    assertThatThrownBy(() -> account("    plan: platinum\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("plan must be free, pro, team or enterprise");
    assertThatThrownBy(() -> account("    plan_fee: -1 USD\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("plan_fee must not be negative");
  }
}
