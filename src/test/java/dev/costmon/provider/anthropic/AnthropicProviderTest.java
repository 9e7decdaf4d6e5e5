package dev.costmon.provider.anthropic;

import static dev.costmon.provider.ProviderFixture.json;
import static dev.costmon.provider.ProviderFixture.resource;
import static dev.costmon.provider.ProviderFixture.respond;
import static dev.costmon.provider.ProviderFixture.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpHandler;
import dev.costmon.collect.AccountContext;
import dev.costmon.config.Account;
import dev.costmon.config.ConfigException;
import dev.costmon.http.ExactJson;
import dev.costmon.http.ReplayHttp;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Provenance;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.ProviderFixture;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicProviderTest {
  private static final String SONNET = "claude-sonnet-4-20250514";
  private static final String ADMIN_KEY = "sk-ant-admin01-t3stS3cretV4lue-9f8e7d6c5b4a";
  private static final String STANDARD_KEY = "sk-ant-api03-st4ndardK3yValue-0a1b2c3d";
  private static final String COST = "/v1/organizations/cost_report";
  private static final String USAGE = "/v1/organizations/usage_report/messages";
  private static final String PAGE_2 = "page_MjAyNi0xMS0xMVQwMDowMDowMFo=";
  private static final String PAGE_3 = "page_MjAyNi0xMS0yMVQwMDowMDowMFo=";
  private static final String USAGE_PAGE_2 = "page_dXNhZ2UtMTY=";
  private static final String AUTH_ERROR =
      "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"},"
          + "\"request_id\":\"req_011CTest\"}";
  private static final String PERMISSION_ERROR =
      "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\","
          + "\"message\":\"Your API key does not have permission to use the specified resource.\"}}";

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  private final CollectWindow window = CollectWindow.of(clock.instant(), ZoneOffset.UTC, 3);
  private final AnthropicProvider provider = new AnthropicProvider();
  private final ProviderFixture fixture = new ProviderFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  private Account account(String key) {
    return fixture.account(provider, "    admin_key: ${ANTHROPIC_ADMIN_KEY}\n", Map.of("ANTHROPIC_ADMIN_KEY", key));
  }

  private List<Observation> collect() throws ProviderException {
    return collect(ADMIN_KEY);
  }

  private List<Observation> collect(String key) throws ProviderException {
    return fixture.collect(provider, account(key), window, clock);
  }

  private ProviderException failure(String key) {
    try {
      collect(key);
    } catch (ProviderException e) {
      return e;
    }
    throw new AssertionError("expected the collection to fail");
  }

  /** Serves a listing by its {@code page} cursor: the first page without one. */
  private static HttpHandler paged(Map<String, String> resourceByCursor) {
    return exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      String cursor = "";
      for (String pair : query == null ? new String[0] : query.split("&")) {
        if (pair.startsWith("page=")) {
          cursor = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
        }
      }
      String name = resourceByCursor.get(cursor);
      if (name == null) {
        ProviderFixture.send(exchange, 400, "application/json",
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad page\"}}");
      } else {
        ProviderFixture.send(exchange, 200, "application/json", resource("provider/anthropic/" + name));
      }
    };
  }

  private void serveNormalMonth() {
    fixture.route(COST, paged(Map.of(
        "", "cost_report_page1.json",
        PAGE_2, "cost_report_page2.json",
        PAGE_3, "cost_report_page3.json")));
    fixture.route(USAGE, paged(Map.of("", "usage_page1.json", USAGE_PAGE_2, "usage_page2.json")));
  }

  private void serveCost(HttpHandler cost) {
    fixture.route(COST, cost);
    fixture.route(USAGE, json(resource("provider/anthropic/usage_empty.json")));
  }

  private static List<Observation> spend(List<Observation> all) {
    return all.stream().filter(o -> o.kind() == ObservationKind.SPEND).toList();
  }

  private static BigDecimal total(List<Observation> rows) {
    return rows.stream().map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal usage(List<Observation> all, String metric, String model) {
    return total(all.stream()
        .filter(o -> o.kind() == ObservationKind.USAGE && o.metric().equals(metric) && o.dimension().equals(model))
        .toList());
  }

  private static Map<String, String> query(String request) {
    String raw = request.substring(request.indexOf('?') + 1);
    return Arrays.stream(raw.split("&"))
        .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8))
        .collect(Collectors.toMap(p -> p.substring(0, p.indexOf('=')), p -> p.substring(p.indexOf('=') + 1),
            (a, b) -> a + "," + b));
  }

  @Test
  void normalMonthOverSeveralPagesGivesExactSpendPerDayAndLineItem() throws Exception {
    serveNormalMonth();

    List<Observation> all = collect();
    List<Observation> spend = spend(all);

    // 1250.5 + 3000 + 12.345678901234 + 1000 + 5 + 150 + 200.25 + 80 + 0.5 cents
    assertThat(total(spend)).isEqualByComparingTo("56.98595678901234");
    assertThat(spend).allSatisfy(o -> {
      assertThat(o.unit()).isEqualTo("USD");
      assertThat(o.provenance()).isEqualTo(Provenance.API);
    });
    // every day of the window the API answered for has rows: charges or an explicit zero
    assertThat(spend.stream().map(Observation::day).distinct().count()).isEqualTo(23);
    assertThat(spend).contains(
        Observation.spend(LocalDate.of(2026, 11, 1), "Claude Sonnet 4 Usage - Input Tokens",
            Money.of("12.505", "USD"), Provenance.API).withTags(Map.of("workspace", "default", "model", SONNET)),
        Observation.spend(LocalDate.of(2026, 11, 1),
            "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ/Claude Haiku 3.5 Usage - Input Tokens",
            Money.of("0.12345678901234", "USD"), Provenance.API)
            .withTags(Map.of("workspace", "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", "model", "claude-3-5-haiku-20241022")),
        Observation.spend(LocalDate.of(2026, 11, 2), "", Money.zero(CostReport.USD), Provenance.API),
        Observation.spend(LocalDate.of(2026, 11, 5), "Web Search Usage", Money.of("10.00", "USD"), Provenance.API).withTags(Map.of("workspace", "default")),
        Observation.spend(LocalDate.of(2026, 11, 15), "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ/Code Execution Usage",
            Money.of("0.05", "USD"), Provenance.API).withTags(Map.of("workspace", "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ")),
        // standard and batch lines of the same description add up to one row
        Observation.spend(LocalDate.of(2026, 11, 20), "Claude Sonnet 4 Usage - Input Tokens",
            Money.of("1.50", "USD"), Provenance.API).withTags(Map.of("workspace", "default", "model", SONNET)),
        Observation.spend(LocalDate.of(2026, 11, 23), "Claude Sonnet 4 Usage - Input Tokens",
            Money.of("0.005", "USD"), Provenance.API).withTags(Map.of("workspace", "default", "model", SONNET)));
    assertThat(spend.stream().filter(o -> o.day().equals(LocalDate.of(2026, 11, 20)))).hasSize(1);
  }

  @Test
  void eachLineOfAModelIsTaggedWithItsModelFromTheFieldElseTheDescription() throws Exception {
    assertThat(CostReport.model(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        "{\"description\": \"Claude Sonnet 4 Usage - Input Tokens\", \"model\": \"claude-sonnet-4-20250514\"}")))
        .contains(SONNET);
    // Without group_by the API leaves model null: the Console's line name still says which model.
    assertThat(CostReport.model(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        "{\"description\": \"Claude Opus 4.1 Usage - Output Tokens\", \"model\": null}")))
        .contains("Claude Opus 4.1");
    assertThat(CostReport.model(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"description\": \"Web Search Usage\"}"))).isEmpty();
  }

  @Test
  void usageIsTokensPerDayAndModel() throws Exception {
    serveNormalMonth();

    List<Observation> all = collect();
    String sonnet = "claude-sonnet-4-20250514";

    assertThat(usage(all, "input_tokens", sonnet)).isEqualByComparingTo("462666");
    assertThat(usage(all, "output_tokens", sonnet)).isEqualByComparingTo("224183");
    assertThat(usage(all, "cache_read_input_tokens", sonnet)).isEqualByComparingTo("120000");
    assertThat(usage(all, "cache_creation_input_tokens", sonnet)).isEqualByComparingTo("3500");
    assertThat(usage(all, "web_search_requests", sonnet)).isEqualByComparingTo("100");
    assertThat(usage(all, "input_tokens", "claude-3-5-haiku-20241022")).isEqualByComparingTo("9000");
    assertThat(all).contains(Observation.usage(LocalDate.of(2026, 11, 20), "input_tokens", sonnet,
        new BigDecimal(45000), "tokens", Aggregation.SUM, Provenance.API));
    assertThat(all).contains(Observation.usage(LocalDate.of(2026, 11, 5), "web_search_requests", sonnet,
        new BigDecimal(100), "requests", Aggregation.SUM, Provenance.API));
    // a day without usage replaces earlier figures with zero
    assertThat(all).contains(Observation.usage(LocalDate.of(2026, 11, 2), "output_tokens", "",
        BigDecimal.ZERO, "tokens", Aggregation.SUM, Provenance.API));
    assertThat(all.stream().filter(o -> o.kind() == ObservationKind.USAGE))
        .allSatisfy(o -> assertThat(o.aggregation()).isEqualTo(Aggregation.SUM));
  }

  @Test
  void asksForTheWindowsUtcDaysWithAuthHeadersAndFollowsTheCursor() throws Exception {
    serveNormalMonth();

    collect();

    assertThat(fixture.requests).hasSize(5);
    List<String> cost = fixture.requests.stream().filter(r -> r.contains("cost_report")).toList();
    assertThat(cost).hasSize(3);
    for (String request : fixture.requests) {
      Map<String, String> q = query(request);
      assertThat(request).startsWith("GET /v1/organizations/");
      assertThat(q).containsEntry("starting_at", "2026-11-01T00:00:00Z")
          .containsEntry("ending_at", "2026-11-24T00:00:00Z")
          .containsEntry("bucket_width", "1d")
          .containsEntry("limit", "31");
    }
    assertThat(query(cost.get(0))).containsEntry("group_by[]", "workspace_id,description").doesNotContainKey("page");
    assertThat(query(cost.get(1))).containsEntry("page", PAGE_2);
    assertThat(query(cost.get(2))).containsEntry("page", PAGE_3);
    List<String> usage = fixture.requests.stream().filter(r -> r.contains("usage_report/messages")).toList();
    assertThat(query(usage.get(0))).containsEntry("group_by[]", "model");
    assertThat(query(usage.get(1))).containsEntry("page", USAGE_PAGE_2);
    assertThat(fixture.requestHeaders).allSatisfy(h -> {
      assertThat(h.get("X-api-key")).containsExactly(ADMIN_KEY);
      assertThat(h.get("Anthropic-version")).containsExactly("2023-06-01");
    });
  }

  @Test
  void aZoneAheadOfUtcNeverAsksPastTodaysUtcBucket() throws Exception {
    serveNormalMonth();
    Instant now = Instant.parse("2026-11-23T20:00:00Z");
    CollectWindow tokyo = CollectWindow.of(now, ZoneId.of("Asia/Tokyo"), 3);
    assertThat(tokyo.to()).isEqualTo(LocalDate.of(2026, 11, 24));

    fixture.collect(provider, account(ADMIN_KEY), tokyo, Clock.fixed(now, ZoneOffset.UTC));

    assertThat(query(fixture.requests.get(0))).containsEntry("starting_at", "2026-11-01T00:00:00Z")
        .containsEntry("ending_at", "2026-11-24T00:00:00Z");
  }

  @Test
  void reprocessFromTheArchiveGivesTheSameObservations() throws Exception {
    serveNormalMonth();
    Account account = account(ADMIN_KEY);
    List<Observation> live = fixture.collect(provider, account, window, clock);

    ReplayHttp replay = new ReplayHttp(fixture.archived.stream()
        .map(r -> new ReplayHttp.Recorded(r.method(), r.url(), r.status(), r.contentType(), r.body()))
        .toList());
    List<Observation> replayed = provider.collect(account, (AnthropicSettings) account.settings(), window,
        new AccountContext(clock, line -> { }, account, replay));

    assertThat(fixture.archived).hasSize(5);
    assertThat(replayed).isEqualTo(live);
  }

  @Test
  void anEmptyMonthIsAnExplicitZeroForEveryDay() throws Exception {
    serveCost(json(resource("provider/anthropic/cost_report_empty.json")));

    List<Observation> all = collect();

    assertThat(spend(all)).hasSize(23).allSatisfy(o -> {
      assertThat(o.dimension()).isEmpty();
      assertThat(o.value()).isZero();
      assertThat(o.unit()).isEqualTo("USD");
    });
    assertThat(all.stream().filter(o -> o.kind() == ObservationKind.USAGE)).hasSize(23 * 4)
        .allSatisfy(o -> assertThat(o.value()).isZero());
  }

  @Test
  void aReportWithoutAnyDailyBucketIsNoDataYetNotZeroSpend() {
    serveCost(json(resource("provider/anthropic/cost_report_no_buckets.json")));

    ProviderException e = failure(ADMIN_KEY);

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).startsWith("no data for this organisation yet");
  }

  @Test
  void invalidDateRangeMeansNoDataYet() {
    serveCost(respond(400, "application/json",
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
            + "\"message\":\"Invalid date range: ending date must be after starting date\"}}"));

    ProviderException e = failure(ADMIN_KEY);

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).isEqualTo("no data for this organisation yet (cost_report: HTTP 400 "
        + "invalid_request_error: Invalid date range: ending date must be after starting date)");
  }

  @Test
  void anotherBadRequestIsAnErrorQuotingTheApi() {
    serveCost(respond(400, "application/json",
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"limit: too large\"}}"));

    ProviderException e = failure(ADMIN_KEY);

    assertThat(e.kind()).isEqualTo(Kind.OTHER);
    assertThat(e.getMessage()).isEqualTo("cost_report: HTTP 400 invalid_request_error: limit: too large");
  }

  @Test
  void aRejectedAdminKeyIsAnAuthError() {
    serveCost(respond(401, "application/json", AUTH_ERROR));

    ProviderException e = failure(ADMIN_KEY);

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).isEqualTo("the Admin API key was rejected, it may be revoked or expired "
        + "(cost_report: HTTP 401 authentication_error: invalid x-api-key)");
    assertThat(fixture.requests).hasSize(1);
  }

  @Test
  void aStandardApiKeyIsNoAdminAccess() {
    serveCost(respond(401, "application/json", AUTH_ERROR));

    ProviderException e = failure(STANDARD_KEY);

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).startsWith(AdminApi.NO_ADMIN_ACCESS);
    assertThat(e.getMessage()).doesNotContain(STANDARD_KEY);
  }

  @Test
  void forbiddenIsNoAdminAccess() {
    serveCost(respond(403, "application/json", PERMISSION_ERROR));

    ProviderException e = failure(ADMIN_KEY);

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).isEqualTo(
        "no admin access: the Usage & Cost API needs an Admin API key (sk-ant-admin…) (cost_report: HTTP 403 "
            + "permission_error: Your API key does not have permission to use the specified resource.)");
    assertThat(fixture.requests).hasSize(1);
  }

  @Test
  void forbiddenOnTheUsageReportIsNoAdminAccessToo() {
    fixture.route(COST, json(resource("provider/anthropic/cost_report_single.json")));
    fixture.route(USAGE, respond(403, "application/json", PERMISSION_ERROR));

    ProviderException e = failure(ADMIN_KEY);

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).startsWith(AdminApi.NO_ADMIN_ACCESS).contains("usage_report/messages");
  }

  @Test
  void anHtmlLoginPageFromAProxyIsStillAnAuthError() {
    serveCost(respond(401, "text/html", "<html><body>Unauthorized</body></html>"));

    ProviderException e = failure(ADMIN_KEY);

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).endsWith("(cost_report: HTTP 401)");
  }

  @Test
  void rateLimitedWithRetryAfterThenSuccess() throws Exception {
    fixture.route(COST, sequence(
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "7");
          ProviderFixture.send(exchange, 429, "application/json",
              "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limited\"}}");
        },
        json(resource("provider/anthropic/cost_report_single.json"))));
    fixture.route(USAGE, json(resource("provider/anthropic/usage_empty.json")));

    List<Observation> all = collect();

    assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(total(spend(all))).isEqualByComparingTo("56.98595678901234");
  }

  @Test
  void serverErrorThenSuccess() throws Exception {
    serveCost(sequence(
        respond(500, "application/json",
            "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}"),
        json(resource("provider/anthropic/cost_report_single.json"))));

    List<Observation> all = collect();

    assertThat(fixture.sleeps).hasSize(1);
    assertThat(total(spend(all))).isEqualByComparingTo("56.98595678901234");
  }

  @Test
  void serverErrorForeverIsUnavailable() {
    serveCost(respond(500, "application/json",
        "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}"));

    ProviderException e = failure(ADMIN_KEY);

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("HTTP 500").contains("attempts");
  }

  @Test
  void anHtmlPageIsABadResponse() {
    serveCost(respond(200, "text/html", "<!DOCTYPE html>\n<html><title>Maintenance</title></html>"));

    ProviderException e = failure(ADMIN_KEY);

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("not JSON").contains("<!DOCTYPE html>");
  }

  @Test
  void truncatedJsonIsABadResponse() {
    String body = resource("provider/anthropic/cost_report_single.json");
    serveCost(json(body.substring(0, body.length() / 2)));

    ProviderException e = failure(ADMIN_KEY);

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("truncated");
  }

  @Test
  void aResultWithoutAmountIsABadResponseNamingTheField() {
    serveCost(json(resource("provider/anthropic/cost_report_missing_amount.json")));

    ProviderException e = failure(ADMIN_KEY);

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("response lacks the required field cost_report data[0].results[1].amount");
  }

  @ParameterizedTest
  @ValueSource(strings = {"has_more", "data"})
  void aPageWithoutItsEnvelopeIsABadResponse(String field) {
    serveCost(json(resource("provider/anthropic/cost_report_single.json")
        .replace("\"" + field + "\"", "\"x_" + field + "\"")));

    ProviderException e = failure(ADMIN_KEY);

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("response lacks the required field cost_report page 1." + field);
  }

  @Test
  void aUsageResultWithoutOutputTokensIsABadResponse() {
    fixture.route(COST, json(resource("provider/anthropic/cost_report_single.json")));
    fixture.route(USAGE, json(resource("provider/anthropic/usage_page2.json")
        .replace("\"output_tokens\"", "\"outputs\"")));

    ProviderException e = failure(ADMIN_KEY);

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("output_tokens");
  }

  @Test
  void aCursorThatRepeatsStopsThePaging() {
    serveCost(json(resource("provider/anthropic/cost_report_page1.json")));

    ProviderException e = failure(ADMIN_KEY);

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).startsWith("pagination cursor repeated");
    assertThat(fixture.requests).hasSize(2);
  }

  @Test
  void amountsWithManyDecimalsAreReadExactlyFromCents() throws Exception {
    serveCost(json(resource("provider/anthropic/cost_report_decimals.json")));

    List<Observation> day2 = spend(collect()).stream()
        .filter(o -> o.day().equals(LocalDate.of(2026, 11, 2))).toList();

    assertThat(day2).extracting(Observation::value).containsExactly(
        new BigDecimal("1.2378912"), new BigDecimal("0.000000000001234567890123"));
    assertThat(CostReport.amount(
        ExactJson.parse("{\"amount\":\"12\",\"currency\":\"JPY\"}"), "x"))
        .isEqualTo(Money.of("12", "JPY"));
  }

  @Test
  void aRevisedDayCarriesItsNewFigureInTheNextCollect() throws Exception {
    fixture.route(COST, sequence(
        json(resource("provider/anthropic/cost_report_single.json")),
        json(resource("provider/anthropic/cost_report_revised.json"))));
    fixture.route(USAGE, json(resource("provider/anthropic/usage_empty.json")));
    LocalDate revised = LocalDate.of(2026, 11, 22);

    List<Observation> first = spend(collect());
    List<Observation> second = spend(collect());

    assertThat(first.stream().filter(o -> o.day().equals(revised)))
        .extracting(Observation::value).containsExactly(new BigDecimal("0.80"));
    assertThat(second.stream().filter(o -> o.day().equals(revised)))
        .extracting(Observation::value).containsExactly(new BigDecimal("0.955"));
    assertThat(total(second).subtract(total(first))).isEqualByComparingTo("0.155");
  }

  @Test
  void theKeyAppearsNowhere() throws Exception {
    serveNormalMonth();
    collect();
    // a proxy that echoes the key back in its error
    ProviderFixture echo = new ProviderFixture();
    ProviderException failure;
    try {
      echo.route(COST, respond(401, "application/json",
          "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"bad key "
              + ADMIN_KEY + "\"}}"));
      Account account = echo.account(provider, "    admin_key: ${ANTHROPIC_ADMIN_KEY}\n",
          Map.of("ANTHROPIC_ADMIN_KEY", ADMIN_KEY));
      failure = assertThrows(ProviderException.class,
          () -> echo.collect(provider, account, window, clock));
      assertThat(echo.everythingVisible()).doesNotContain(ADMIN_KEY).doesNotContain("t3stS3cretV4lue");
    } finally {
      echo.close();
    }

    assertThat(failure.getMessage()).contains("bad key ***").doesNotContain(ADMIN_KEY);
    assertThat(fixture.everythingVisible()).isNotEmpty().doesNotContain(ADMIN_KEY).doesNotContain("t3stS3cretV4lue");
    assertThat(account(ADMIN_KEY).toString()).doesNotContain(ADMIN_KEY);
  }

  @Test
  void aWindowThatStartsAfterTodaysUtcDayAsksNothing() throws Exception {
    serveNormalMonth();
    Instant now = Instant.parse("2026-11-30T20:00:00Z");
    CollectWindow tokyo = CollectWindow.of(now, ZoneId.of("Asia/Tokyo"), 0);

    List<Observation> all = fixture.collect(provider, account(ADMIN_KEY), tokyo, Clock.fixed(now, ZoneOffset.UTC));

    assertThat(all).isEmpty();
    assertThat(fixture.requests).isEmpty();
  }

  @Test
  void theAdminKeyIsRequired() {
    assertThatThrownBy(() -> fixture.account(provider, "", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("admin_key");
  }
}
