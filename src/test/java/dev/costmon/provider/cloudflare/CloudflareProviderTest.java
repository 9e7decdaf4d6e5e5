package dev.costmon.provider.cloudflare;

import static dev.costmon.provider.cloudflare.CloudflareServer.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudflareProviderTest {
  private static final String SECRET = "cf-test-token-Zq81vYk3";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  private static final CollectWindow WINDOW = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);
  private static final String YAML = "    token: ${CF_TOKEN}\n    account_id: " + CloudflareServer.ACCOUNT + "\n";

  private final CloudflareProvider provider = new CloudflareProvider();
  private ProviderFixture fixture;
  private CloudflareServer server;

  @BeforeEach
  void start() {
    fixture = new ProviderFixture();
    server = new CloudflareServer(fixture);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private Account account(String yaml) {
    return fixture.account(provider, yaml, Map.of("CF_TOKEN", SECRET));
  }

  private List<Observation> collect() throws ProviderException {
    return collect(YAML);
  }

  private List<Observation> collect(String yaml) throws ProviderException {
    return fixture.collect(provider, account(yaml), WINDOW, CLOCK);
  }

  private ProviderException failure() {
    try {
      collect();
    } catch (ProviderException e) {
      assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("\n");
      return e;
    }
    throw new AssertionError("collect did not fail");
  }

  private static Map<String, BigDecimal> spendOn(List<Observation> rows, LocalDate day, Provenance provenance) {
    return rows.stream()
        .filter(o -> o.kind() == ObservationKind.SPEND && o.day().equals(day) && o.provenance() == provenance)
        .collect(Collectors.toMap(Observation::dimension, Observation::value, BigDecimal::add));
  }

  private static BigDecimal usageSum(List<Observation> rows, String metric) {
    return rows.stream().filter(o -> o.metric().equals(metric)).map(Observation::value)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The month's figure as costmon's analyzer takes it for a LAST metric: the newest day, summed. */
  private static BigDecimal lastValue(List<Observation> rows, String metric) {
    LocalDate newest = rows.stream().filter(o -> o.metric().equals(metric)).map(Observation::day)
        .max(LocalDate::compareTo).orElseThrow();
    return rows.stream().filter(o -> o.metric().equals(metric) && o.day().equals(newest))
        .map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void aNormalMonthAcrossTwoBillingPeriods() throws Exception {
    server.standard();
    List<Observation> rows = collect();

    // The window is Nov 1..23; with the anchor on the 15th that is two billing periods, each asked
    // from its anchor day, as Cloudflare answers nothing otherwise.
    assertThat(fixture.requests).containsExactly(
        "GET " + PREFIX + "/billable-usage/info",
        "GET " + PREFIX + "/billable-usage?from=2026-10-15&to=2026-11-14",
        "GET " + PREFIX + "/billable-usage?from=2026-11-15&to=2026-11-23",
        "GET " + PREFIX + "/subscriptions",
        "GET " + PREFIX + "/subscriptions?page=2",
        "POST /graphql");
    assertThat(fixture.requestHeaders).allSatisfy(
        h -> assertThat(h.get("Authorization")).containsExactly("Bearer " + SECRET));
    assertThat(fixture.requestHeaders.get(5).get("Content-type")).containsExactly("application/json");

    // Pay-as-you-go charges per day and service, exact; Oct 20 lies before the window.
    assertThat(rows).noneMatch(o -> o.day().isBefore(LocalDate.of(2026, 11, 1)));
    assertThat(spendOn(rows, LocalDate.of(2026, 11, 3), Provenance.API))
        .containsExactlyInAnyOrderEntriesOf(Map.of("Workers Standard", new BigDecimal("0.20"),
            "R2 Storage", new BigDecimal("0.045")));
    assertThat(spendOn(rows, LocalDate.of(2026, 11, 16), Provenance.API))
        .containsExactly(Map.entry("D1 Rows Written", new BigDecimal("1.000000000000000001")));
    assertThat(spendOn(rows, LocalDate.of(2026, 11, 22), Provenance.API))
        .containsExactly(Map.entry("Workers Standard", new BigDecimal("0.30")));
    // Every other day of the window carries an explicit zero.
    for (LocalDate d = WINDOW.from(); !d.isAfter(WINDOW.to()); d = d.plusDays(1)) {
      assertThat(spendOn(rows, d, Provenance.API)).as("spend on %s", d).isNotEmpty();
    }
    assertThat(spendOn(rows, LocalDate.of(2026, 11, 4), Provenance.API))
        .containsExactly(Map.entry("", BigDecimal.ZERO));
    BigDecimal apiTotal = rows.stream().filter(o -> o.kind() == ObservationKind.SPEND
        && o.provenance() == Provenance.API).map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(apiTotal).isEqualByComparingTo("1.545000000000000001");
    assertThat(rows).filteredOn(o -> o.kind() == ObservationKind.SPEND).allMatch(o -> o.unit().equals("USD"));

    // Plan fees: Workers Paid monthly, the yearly Pro plan as a twelfth; free and cancelled ones none.
    assertThat(spendOn(rows, LocalDate.of(2026, 11, 1), Provenance.FIXED))
        .containsExactlyInAnyOrderEntriesOf(Map.of("Workers Paid", new BigDecimal("5"),
            "Pro Plan (example.com)", new BigDecimal("20")));
    assertThat(rows).filteredOn(o -> o.kind() == ObservationKind.FORECAST)
        .singleElement().satisfies(f -> {
          assertThat(f.money()).isEqualTo(new Money(new BigDecimal("25"), CloudflareProvider.USD));
          assertThat(f.provenance()).isEqualTo(Provenance.FIXED);
          assertThat(f.day()).isEqualTo(LocalDate.of(2026, 11, 1));
        });

    // Usage from GraphQL.
    JsonNode sent = CloudflareServer.parse(server.graphqlBodies.get(0));
    assertThat(sent.path("variables").path("accountTag").asText()).isEqualTo(CloudflareServer.ACCOUNT);
    assertThat(sent.path("variables").path("from").asText()).isEqualTo("2026-11-01");
    assertThat(sent.path("variables").path("to").asText()).isEqualTo("2026-11-23");
    assertThat(sent.path("query").asText()).contains("workersInvocationsAdaptive", "r2StorageAdaptiveGroups");
    assertThat(usageSum(rows, "workers_requests")).isEqualByComparingTo("136500");
    assertThat(rows).filteredOn(o -> o.metric().equals("workers_requests"))
        .allMatch(o -> o.aggregation() == Aggregation.SUM && o.unit().equals("requests"))
        .hasSize(23 + 1);
    assertThat(usageSum(rows, "r2_class_a_operations")).isEqualByComparingTo("1000");
    assertThat(usageSum(rows, "r2_class_b_operations")).isEqualByComparingTo("6000");
    assertThat(lastValue(rows, "r2_storage")).isEqualByComparingTo("9601000000");
    assertThat(rows).filteredOn(o -> o.metric().equals("r2_storage"))
        .allMatch(o -> o.aggregation() == Aggregation.LAST && o.unit().equals("bytes"))
        .extracting(Observation::dimension).containsOnly("assets", "backups");
    // The busiest day so far (Nov 10: 85,000 Workers + 10,000 Pages Functions) on every later day.
    assertThat(lastValue(rows, "workers_requests_peak_day")).isEqualByComparingTo("95000");
    assertThat(rows).filteredOn(o -> o.metric().equals("workers_requests_peak_day")
        && o.day().equals(LocalDate.of(2026, 11, 9))).singleElement()
        .satisfies(o -> assertThat(o.value()).isEqualByComparingTo("1000"));
    assertThat(fixture.log).anyMatch(l -> l.contains("PutBucketSippyConfig"));
  }

  @Test
  void theAnchorDayRuleIsHonouredEvenWhenTheWindowStartsAfterIt() throws Exception {
    server.standard();
    Clock late = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);
    CollectWindow window = CollectWindow.of(late.instant(), ZoneOffset.UTC, 3);
    List<Observation> rows = fixture.collect(provider, account(YAML), window, late);
    assertThat(fixture.requests).contains(
        "GET " + PREFIX + "/billable-usage?from=2026-10-15&to=2026-11-14",
        "GET " + PREFIX + "/billable-usage?from=2026-11-15&to=2026-11-28");
    assertThat(spendOn(rows, LocalDate.of(2026, 11, 22), Provenance.API))
        .containsExactly(Map.entry("Workers Standard", new BigDecimal("0.30")));
  }

  @Test
  void aRangeWithoutTheAnchorDayWouldHaveReturnedNothing() throws Exception {
    // The loopback server enforces the rule: without the anchor day in the range, no records.
    server.standard();
    var request = java.net.http.HttpRequest.newBuilder(
        fixture.base().resolve(PREFIX + "/billable-usage?from=2026-11-16&to=2026-11-23")).build();
    String body = java.net.http.HttpClient.newHttpClient()
        .send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    assertThat(CloudflareServer.parse(body).path("result")).isEmpty();
    // ... while the provider's ranges do include it and find the Nov 16 and 22 records.
    assertThat(spendOn(collect(), LocalDate.of(2026, 11, 16), Provenance.API)).isNotEmpty();
  }

  @Test
  void anEmptyMonthIsZeroOnEveryDay() throws Exception {
    server.standard();
    server.records = CloudflareServer.parse("[]");
    server.graphql(ProviderFixture.json("""
        {"data": {"viewer": {"accounts": [{"workersInvocationsAdaptive": [],
          "pagesFunctionsInvocationsAdaptiveGroups": [], "r2OperationsAdaptiveGroups": [],
          "r2StorageAdaptiveGroups": []}]}}, "errors": null}"""));
    List<Observation> rows = collect();
    for (LocalDate d = WINDOW.from(); !d.isAfter(WINDOW.to()); d = d.plusDays(1)) {
      assertThat(spendOn(rows, d, Provenance.API)).containsExactly(Map.entry("", BigDecimal.ZERO));
    }
    assertThat(usageSum(rows, "workers_requests")).isZero();
    assertThat(lastValue(rows, "workers_requests_peak_day")).isZero();
    assertThat(rows).noneMatch(o -> o.metric().equals("r2_storage"));
  }

  @Test
  void unauthorizedIsAuth() {
    server.info(ProviderFixture.respond(401, "application/json",
        "{\"success\":false,\"errors\":[{\"code\":10001,\"message\":\"Unable to authenticate request\"}],"
            + "\"messages\":[],\"result\":null}"));
    assertThat(failure().kind()).isEqualTo(Kind.AUTH);
  }

  @Test
  void forbiddenEverywhereIsANamedCondition() {
    String refused = ProviderFixture.resource("provider/cloudflare/not_enabled.json");
    server.info(ProviderFixture.respond(403, "application/json", refused));
    server.subscriptions(ProviderFixture.respond(403, "application/json", refused));
    ProviderException e = failure();
    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).contains("pay-as-you-go usage not enabled", "10000", "subscriptions unavailable");
  }

  @Test
  void payAsYouGoNotEnabledFallsBackToPlanFees() throws Exception {
    server.standard();
    server.info(ProviderFixture.respond(403, "application/json",
        ProviderFixture.resource("provider/cloudflare/not_enabled.json")));
    List<Observation> rows = collect();
    assertThat(fixture.log).anyMatch(l -> l.contains(CloudflareProvider.FALLBACK) && l.contains("HTTP 403"));
    assertThat(fixture.requests).noneMatch(r -> r.contains("billable-usage?"));
    assertThat(rows).filteredOn(o -> o.kind() == ObservationKind.SPEND).allMatch(o -> o.provenance() == Provenance.FIXED)
        .extracting(Observation::day).containsOnly(LocalDate.of(2026, 11, 1));
    assertThat(rows).filteredOn(o -> o.kind() == ObservationKind.FORECAST).singleElement()
        .satisfies(f -> assertThat(f.value()).isEqualByComparingTo("25"));
    assertThat(usageSum(rows, "workers_requests")).isEqualByComparingTo("136500");
  }

  @Test
  void errorCode10000InA200AndA404AlsoMeanNotEnabled() throws Exception {
    server.standard();
    server.info(ProviderFixture.json(ProviderFixture.resource("provider/cloudflare/not_enabled.json")));
    collect();
    assertThat(fixture.log).anyMatch(l -> l.contains(CloudflareProvider.FALLBACK) && l.contains("10000"));

    fixture.log.clear();
    server.info(ProviderFixture.json(ProviderFixture.resource("provider/cloudflare/billable_usage_info.json")));
    server.usage(ProviderFixture.respond(404, "application/json",
        "{\"success\":false,\"errors\":[{\"code\":7003,\"message\":\"No route for that URI\"}],\"messages\":[],\"result\":null}"));
    collect();
    assertThat(fixture.log).anyMatch(l -> l.contains(CloudflareProvider.FALLBACK) && l.contains("HTTP 404"));
  }

  @Test
  void anAccountNotCoveredFallsBackToPlanFees() throws Exception {
    server.standard();
    server.info(ProviderFixture.json(
        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"covered\":false,\"subscriptions\":[]}}"));
    collect();
    assertThat(fixture.log).anyMatch(l -> l.contains(CloudflareProvider.FALLBACK));
  }

  @Test
  void anotherCloudflareErrorIsNamed() {
    server.standard();
    server.usage(ProviderFixture.json("{\"success\":false,\"errors\":[{\"code\":1183,\"message\":"
        + "\"Invalid request parameters\"}],\"messages\":[],\"result\":null}"));
    ProviderException e = failure();
    assertThat(e.kind()).isEqualTo(Kind.OTHER);
    assertThat(e.getMessage()).contains("1183", "Invalid request parameters");
  }

  @Test
  void analyticsRefusedIsAuth() {
    server.standard();
    server.graphql(ProviderFixture.respond(403, "application/json",
        "{\"data\":null,\"errors\":[{\"message\":\"not authorized\"}]}"));
    assertThat(failure().kind()).isEqualTo(Kind.AUTH);
  }

  @Test
  void graphqlErrorsAreBadResponsesWithTheFirstMessage() {
    server.standard();
    server.graphql(ProviderFixture.json(ProviderFixture.resource("provider/cloudflare/graphql_error.json")));
    ProviderException e = failure();
    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("cannot request data older than 2678400s");
  }

  @Test
  void rateLimitedThenAnswered() throws Exception {
    server.standard();
    server.info(ProviderFixture.sequence(
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "7");
          ProviderFixture.send(exchange, 429, "application/json", "{\"success\":false,\"errors\":[]}");
        },
        ProviderFixture.json(ProviderFixture.resource("provider/cloudflare/billable_usage_info.json"))));
    collect();
    assertThat(fixture.sleeps).contains(Duration.ofSeconds(7));
  }

  @Test
  void serverErrorThenAnswered() throws Exception {
    server.standard();
    server.usage(ProviderFixture.sequence(
        ProviderFixture.respond(500, "text/plain", "internal error"), server.anchoredUsage()));
    assertThat(spendOn(collect(), LocalDate.of(2026, 11, 22), Provenance.API)).isNotEmpty();
    assertThat(fixture.sleeps).isNotEmpty();
  }

  @Test
  void serverErrorForeverIsUnavailable() {
    server.standard();
    server.subscriptions(ProviderFixture.respond(500, "text/plain", "internal error"));
    assertThat(failure().kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void anHtmlPageIsABadResponse() {
    server.standard();
    server.info(ProviderFixture.respond(200, "text/html", "<!DOCTYPE html><html><body>Attention Required!</body></html>"));
    assertThat(failure().kind()).isEqualTo(Kind.BAD_RESPONSE);
  }

  @Test
  void truncatedJsonIsABadResponse() {
    server.standard();
    server.usage(ProviderFixture.json("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"BilledCost\":0.3"));
    ProviderException e = failure();
    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("truncated");
  }

  @Test
  void aRecordWithoutItsChargePeriodIsABadResponseNamingTheField() {
    server.standard();
    ArrayNode records = (ArrayNode) server.records.deepCopy();
    ((ObjectNode) records.get(5)).remove("ChargePeriodStart");
    ((ObjectNode) records.get(5)).put("BillingPeriodStart", "2026-11-15T00:00:00Z");
    server.records = records;
    server.usage(exchange -> ProviderFixture.send(exchange, 200, "application/json",
        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[" + records.get(5) + "]}"));
    ProviderException e = failure();
    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("ChargePeriodStart");
  }

  @Test
  void aRecordWithoutAnyCostIsABadResponseNamingBilledCost() {
    server.standard();
    server.usage(ProviderFixture.json("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{"
        + "\"ChargePeriodStart\":\"2026-11-20T00:00:00Z\",\"ServiceName\":\"Workers Standard\","
        + "\"BillingCurrency\":\"USD\"}]}"));
    assertThat(failure().getMessage()).contains("BilledCost");
  }

  @Test
  void theOlderShapeWithOnlyContractedCostIsRead() throws Exception {
    server.standard();
    server.usage(ProviderFixture.json("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{"
        + "\"BillingCurrency\":\"USD\",\"BillingPeriodStart\":\"2026-11-15T00:00:00Z\","
        + "\"ChargePeriodStart\":\"2026-11-20T00:00:00Z\",\"ChargePeriodEnd\":\"2026-11-21T00:00:00Z\","
        + "\"ConsumedQuantity\":12.5,\"ConsumedUnit\":\"GB-months\",\"ContractedCost\":0.187500000000000001,"
        + "\"CumulatedContractedCost\":0.1875,\"PricingQuantity\":3,\"CumulatedPricingQuantity\":3,"
        + "\"ServiceName\":\"R2 Storage\"}]}"));
    assertThat(spendOn(collect(), LocalDate.of(2026, 11, 20), Provenance.API))
        .containsExactly(Map.entry("R2 Storage", new BigDecimal("0.187500000000000001")));
  }

  @Test
  void aDayRevisedBetweenTwoCollectsCarriesTheNewFigure() throws Exception {
    server.standard();
    assertThat(spendOn(collect(), LocalDate.of(2026, 11, 22), Provenance.API))
        .containsExactly(Map.entry("Workers Standard", new BigDecimal("0.30")));
    ArrayNode revised = (ArrayNode) server.records.deepCopy();
    ((ObjectNode) revised.get(5)).put("BilledCost", new BigDecimal("0.45"));
    server.records = revised;
    assertThat(spendOn(collect(), LocalDate.of(2026, 11, 22), Provenance.API))
        .containsExactly(Map.entry("Workers Standard", new BigDecimal("0.45")));
  }

  @Test
  void withoutR2NeitherQueryNorMetricsNorQuotas() throws Exception {
    server.standard();
    server.graphql(ProviderFixture.json("""
        {"data": {"viewer": {"accounts": [{"workersInvocationsAdaptive": [
          {"sum": {"requests": 10}, "dimensions": {"date": "2026-11-23"}}],
          "pagesFunctionsInvocationsAdaptiveGroups": []}]}}}"""));
    String yaml = YAML + "    r2: false\n    workers_plan: paid\n";
    List<Observation> rows = collect(yaml);
    assertThat(server.graphqlBodies.get(0)).doesNotContain("r2");
    assertThat(rows).noneMatch(o -> o.metric().startsWith("r2_"));
    assertThat(provider.defaultQuotas((CloudflareSettings) account(yaml).settings()))
        .containsOnlyKeys("workers_requests");
  }

  @Test
  void quotasAndWhereTheMonthCrossesThem() throws Exception {
    server.standard();
    Account account = account(YAML);
    Map<String, Quantity> quotas = provider.defaultQuotas((CloudflareSettings) account.settings());
    assertThat(quotas).containsOnly(
        Map.entry("workers_requests_peak_day", new Quantity(BigDecimal.valueOf(100_000), Quantity.COUNT)),
        Map.entry("r2_storage", new Quantity(new BigDecimal("10").scaleByPowerOfTen(9), "bytes")),
        Map.entry("r2_class_a_operations", new Quantity(BigDecimal.valueOf(1_000_000), Quantity.COUNT)),
        Map.entry("r2_class_b_operations", new Quantity(BigDecimal.valueOf(10_000_000), Quantity.COUNT)));
    assertThat(account.quotas()).containsAllEntriesOf(quotas);
    List<Observation> rows = collect();
    for (Map.Entry<String, Quantity> quota : quotas.entrySet()) {
      assertThat(rows).filteredOn(o -> o.metric().equals(quota.getKey()))
          .isNotEmpty().allMatch(o -> quota.getValue().fits(o.unit()));
    }
    // 95,000 of 100,000 on the busiest day: past the 80 % warning, short of critical.
    assertThat(lastValue(rows, "workers_requests_peak_day")
        .divide(quotas.get("workers_requests_peak_day").value())).isEqualByComparingTo("0.95");
    // 9.601 GB of 10 GB stored.
    assertThat(lastValue(rows, "r2_storage").divide(quotas.get("r2_storage").value()))
        .isEqualByComparingTo("0.9601");

    server.graphql(ProviderFixture.json("""
        {"data": {"viewer": {"accounts": [{"workersInvocationsAdaptive": [
          {"sum": {"requests": 100001}, "dimensions": {"date": "2026-11-21"}}],
          "pagesFunctionsInvocationsAdaptiveGroups": [], "r2OperationsAdaptiveGroups": [],
          "r2StorageAdaptiveGroups": []}]}}}"""));
    assertThat(lastValue(collect(), "workers_requests_peak_day")).isGreaterThan(BigDecimal.valueOf(100_000));
  }

  @Test
  void theSecretNeverShows() throws Exception {
    server.standard();
    collect();
    server.info(ProviderFixture.respond(403, "application/json", "{\"success\":false,\"errors\":[{\"code\":10000,"
        + "\"message\":\"Authentication error for " + SECRET + "\"}],\"messages\":[],\"result\":null}"));
    server.subscriptions(ProviderFixture.respond(403, "text/plain", "denied " + SECRET));
    ProviderException e = failure();
    assertThat(fixture.everythingVisible()).doesNotContain(SECRET).isNotEmpty();
    assertThat(e.getMessage()).doesNotContain(SECRET);
    assertThat(fixture.log).noneMatch(l -> l.contains(SECRET));
  }

  @Test
  void accountIdIsRequiredAndChecked() {
    assertThatThrownBy(() -> account("    token: ${CF_TOKEN}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("account_id");
    assertThatThrownBy(() -> account("    token: ${CF_TOKEN}\n    account_id: my-account\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("account_id");
    assertThatThrownBy(() -> account("    account_id: " + CloudflareServer.ACCOUNT + "\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("token");
  }
}
