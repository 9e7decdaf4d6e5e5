package dev.costmon.provider.openai;

import static dev.costmon.provider.ProviderFixture.json;
import static dev.costmon.provider.ProviderFixture.resource;
import static dev.costmon.provider.ProviderFixture.respond;
import static dev.costmon.provider.ProviderFixture.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpHandler;
import dev.costmon.collect.AccountContext;
import dev.costmon.config.Account;
import dev.costmon.config.ConfigException;
import dev.costmon.http.ArchivedResponse;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest {
  private static final String SECRET = "sk-admin-TESTsecretVALUE-0123456789abcdef";
  private static final Map<String, String> ENV = Map.of("OPENAI_ADMIN_KEY", SECRET);
  private static final String COSTS = "/v1/organization/costs";
  private static final String USAGE = "/v1/organization/usage/completions";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  private static final CollectWindow WINDOW = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);
  /** 2026-11-01T00:00Z and 2026-11-24T00:00Z: the window's UTC days, end exclusive. */
  private static final String START = "1793491200";
  private static final String END = "1795478400";
  private static final String YAML = """
          admin_key: ${OPENAI_ADMIN_KEY}
          projects:
            proj_abc: web app
      """;

  private final OpenAiProvider provider = new OpenAiProvider();
  private final ProviderFixture fixture = new ProviderFixture();
  private final List<String> messages = new ArrayList<>();

  @AfterEach
  void close() {
    fixture.close();
  }

  private static LocalDate nov(int day) {
    return LocalDate.of(2026, 11, day);
  }

  private static String resourceOf(String name) {
    return resource("provider/openai/" + name);
  }

  /** Answers by the {@code page} query parameter; no parameter is the first page. */
  private static HttpHandler paged(String... pages) {
    Map<String, String> byCursor = new LinkedHashMap<>();
    byCursor.put("", resourceOf(pages[0]));
    for (int i = 1; i < pages.length; i++) {
      String previous = resourceOf(pages[i - 1]);
      String cursor = previous.replaceAll("(?s).*\"next_page\": \"([^\"]+)\".*", "$1");
      byCursor.put(cursor, resourceOf(pages[i]));
    }
    return exchange -> {
      String cursor = query(exchange.getRequestURI().getRawQuery()).getOrDefault("page", List.of("")).get(0);
      String body = byCursor.get(cursor);
      if (body == null) {
        ProviderFixture.send(exchange, 400, "application/json", "{\"error\":{\"message\":\"bad page\"}}");
      } else {
        ProviderFixture.send(exchange, 200, "application/json", body);
      }
    };
  }

  private static Map<String, List<String>> query(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    return Arrays.stream(raw.split("&"))
        .map(p -> p.split("=", 2))
        .collect(Collectors.groupingBy(
            p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
            LinkedHashMap::new,
            Collectors.mapping(p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8), Collectors.toList())));
  }

  private void serveNormalMonth() {
    fixture.route(COSTS, paged("costs_page1.json", "costs_page2.json", "costs_page3.json"));
    fixture.route(USAGE, paged("usage_completions_page1.json", "usage_completions_page2.json"));
  }

  private List<Observation> collect() throws ProviderException {
    return collect(YAML);
  }

  private List<Observation> collect(String yaml) throws ProviderException {
    Account account = fixture.account(provider, yaml, ENV);
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

  private static List<Observation> usage(List<Observation> all) {
    return all.stream().filter(o -> o.kind() == ObservationKind.USAGE).toList();
  }

  private static BigDecimal total(List<Observation> spend) {
    return spend.stream().map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static Observation spendRow(int day, String dimension, String amount) {
    return Observation.spend(nov(day), dimension, Money.of(amount, "USD"), Provenance.API);
  }

  /** A project's line item: named "project / line item" and tagged with the project, for attribution rules. */
  private static Observation projectRow(int day, String project, String lineItem, String amount) {
    Map<String, String> tags = new java.util.TreeMap<>(Map.of("project", project));
    CostsReport.model(lineItem).ifPresent(m -> tags.put("model", m));
    return spendRow(day, project + " / " + lineItem, amount).withTags(tags);
  }

  @Test
  void theModelOfALineItemIsItsOwnTag() {
    assertThat(CostsReport.model("gpt-4o-2024-08-06, cached input")).contains("gpt-4o-2024-08-06");
    assertThat(CostsReport.model("web search tool calls")).isEmpty();
  }

  private static Observation usageRow(int day, String metric, String model, long value, String unit) {
    return Observation.usage(nov(day), metric, model, BigDecimal.valueOf(value), unit, Aggregation.SUM,
        Provenance.API);
  }

  @Test
  void normalMonthOverSeveralPagesGivesExactDailySpendPerProjectAndLineItem() throws Exception {
    serveNormalMonth();

    List<Observation> spend = spend(collect());

    assertThat(total(spend)).isEqualByComparingTo("16.3669125678901234567");
    assertThat(spend).contains(
        projectRow(1, "web app", "gpt-4o-2024-08-06, input", "0.06"),
        projectRow(1, "web app", "gpt-4o-2024-08-06, output", "1.50"),
        projectRow(1, "proj_xyz", "gpt-4o-mini-2024-07-18, input", "0.0312345678901234567"),
        spendRow(3, "web search tool calls", "2"),
        projectRow(15, "web app", "o3-2025-04-16, output", "12.345678"),
        projectRow(22, "web app", "gpt-4o-2024-08-06, input", "0.42"),
        projectRow(23, "web app", "gpt-4o-2024-08-06, input", "0.01"),
        spendRow(2, "", "0"),
        spendRow(21, "", "0"));
    // Every day of the window is answered: charges or an explicit zero.
    assertThat(spend.stream().map(Observation::day).distinct().toList())
        .isEqualTo(nov(1).datesUntil(nov(24)).toList());
    assertThat(spend).hasSize(7 + 23 - 5);
    assertThat(spend).allMatch(o -> o.unit().equals("USD") && o.provenance() == Provenance.API);
  }

  @Test
  void requestsAskForTheWindowsUtcDaysWithTheAdminKeyAsBearer() throws Exception {
    serveNormalMonth();

    collect();

    assertThat(fixture.requests).hasSize(5);
    List<Map<String, List<String>>> costs = fixture.requests.stream()
        .filter(r -> r.startsWith("GET " + COSTS + "?"))
        .map(r -> query(r.substring(r.indexOf('?') + 1)))
        .toList();
    assertThat(costs).hasSize(3);
    for (Map<String, List<String>> q : costs) {
      assertThat(q.get("start_time")).containsExactly(START);
      assertThat(q.get("end_time")).containsExactly(END);
      assertThat(q.get("bucket_width")).containsExactly("1d");
      assertThat(q.get("group_by[]")).containsExactly("line_item", "project_id");
      assertThat(q.get("limit")).containsExactly("31");
      assertThat(q).doesNotContainKey("project_ids[]");
    }
    assertThat(costs.get(0)).doesNotContainKey("page");
    assertThat(costs.get(1).get("page")).containsExactly("page_AAAAaGVsbG8x");
    assertThat(costs.get(2).get("page")).containsExactly("page_AAAAaGVsbG8y");
    List<Map<String, List<String>>> usage = fixture.requests.stream()
        .filter(r -> r.startsWith("GET " + USAGE + "?"))
        .map(r -> query(r.substring(r.indexOf('?') + 1)))
        .toList();
    assertThat(usage).hasSize(2);
    assertThat(usage.get(0).get("group_by[]")).containsExactly("model");
    assertThat(usage.get(0).get("start_time")).containsExactly(START);
    assertThat(usage.get(0).get("end_time")).containsExactly(END);
    assertThat(usage.get(0).get("bucket_width")).containsExactly("1d");
    assertThat(usage.get(1).get("page")).containsExactly("page_AAAAdXNhZ2Ux");
    assertThat(fixture.requestHeaders)
        .allSatisfy(h -> assertThat(h.get("Authorization")).containsExactly("Bearer " + SECRET));
  }

  @Test
  void projectIdsFilterIsSentAsARepeatedParameterToBothEndpoints() throws Exception {
    serveNormalMonth();

    collect("""
            admin_key: ${OPENAI_ADMIN_KEY}
            project_ids: [proj_abc, proj_def]
        """);

    assertThat(fixture.requests).allSatisfy(r ->
        assertThat(query(r.substring(r.indexOf('?') + 1)).get("project_ids[]"))
            .containsExactly("proj_abc", "proj_def"));
  }

  @Test
  void withoutProjectNamesTheProjectIdIsTheDimension() throws Exception {
    serveNormalMonth();

    List<Observation> spend = spend(collect("    admin_key: ${OPENAI_ADMIN_KEY}\n"));

    assertThat(spend).contains(projectRow(1, "proj_abc", "gpt-4o-2024-08-06, input", "0.06"));
  }

  @Test
  void completionsUsageIsTokensAndRequestsPerDayAndModel() throws Exception {
    serveNormalMonth();

    List<Observation> usage = usage(collect());

    assertThat(usage).contains(
        usageRow(1, "input_tokens", "gpt-4o-2024-08-06", 24000, "tokens"),
        usageRow(1, "output_tokens", "gpt-4o-2024-08-06", 150000, "tokens"),
        usageRow(1, "input_cached_tokens", "gpt-4o-2024-08-06", 2000, "tokens"),
        usageRow(1, "num_model_requests", "gpt-4o-2024-08-06", 12, "requests"),
        usageRow(1, "input_tokens", "gpt-4o-mini-2024-07-18", 208000, "tokens"),
        usageRow(15, "output_tokens", "o3-2025-04-16", 300000, "tokens"),
        usageRow(23, "num_model_requests", "gpt-4o-2024-08-06", 1, "requests"),
        usageRow(2, "input_tokens", "", 0, "tokens"),
        usageRow(2, "num_model_requests", "", 0, "requests"));
    BigDecimal requests = usage.stream().filter(o -> o.metric().equals("num_model_requests"))
        .map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(requests).isEqualByComparingTo("63");
    BigDecimal input = usage.stream().filter(o -> o.metric().equals("input_tokens"))
        .map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(input).isEqualByComparingTo("409000");
  }

  @Test
  void everyCountAResultReportsIsKeptNotOnlyTheFourTokenFields() throws Exception {
    fixture.route(COSTS, json(resourceOf("costs_empty.json")));
    fixture.route(USAGE, json(page(bucket(1793491200L,
        "{\"object\": \"organization.usage.completions.result\", \"input_tokens\": 1200, \"output_tokens\": 300,"
            + " \"input_cached_tokens\": 200, \"input_cache_write_tokens\": 400, \"input_uncached_tokens\": 600,"
            + " \"input_text_tokens\": 500, \"input_audio_tokens\": 70, \"input_image_tokens\": 30,"
            + " \"output_text_tokens\": 250, \"output_audio_tokens\": 50, \"output_image_tokens\": 0,"
            + " \"num_model_requests\": 3, \"project_id\": null, \"user_id\": null, \"api_key_id\": null,"
            + " \"model\": \"gpt-realtime\", \"batch\": false, \"service_tier\": \"default\"}"))));

    List<Observation> usage = usage(collect());

    assertThat(usage).filteredOn(o -> o.day().equals(nov(1))).containsExactlyInAnyOrder(
        usageRow(1, "input_tokens", "gpt-realtime", 1200, "tokens"),
        usageRow(1, "output_tokens", "gpt-realtime", 300, "tokens"),
        usageRow(1, "input_cached_tokens", "gpt-realtime", 200, "tokens"),
        usageRow(1, "input_cache_write_tokens", "gpt-realtime", 400, "tokens"),
        usageRow(1, "input_uncached_tokens", "gpt-realtime", 600, "tokens"),
        usageRow(1, "input_text_tokens", "gpt-realtime", 500, "tokens"),
        usageRow(1, "input_audio_tokens", "gpt-realtime", 70, "tokens"),
        usageRow(1, "input_image_tokens", "gpt-realtime", 30, "tokens"),
        usageRow(1, "output_text_tokens", "gpt-realtime", 250, "tokens"),
        usageRow(1, "output_audio_tokens", "gpt-realtime", 50, "tokens"),
        usageRow(1, "output_image_tokens", "gpt-realtime", 0, "tokens"),
        usageRow(1, "num_model_requests", "gpt-realtime", 3, "requests"));
  }

  @Test
  void aCountFieldAResultLacksIsAbsentNotZero() throws Exception {
    fixture.route(COSTS, json(resourceOf("costs_empty.json")));
    fixture.route(USAGE, json(page(bucket(1793491200L,
        "{\"object\": \"organization.usage.completions.result\", \"input_tokens\": 10, \"output_tokens\": 2,"
            + " \"num_model_requests\": 1, \"model\": \"m\"}"))));

    List<Observation> usage = usage(collect());

    assertThat(usage).filteredOn(o -> o.day().equals(nov(1))).extracting(Observation::metric)
        .containsExactlyInAnyOrder("input_tokens", "output_tokens", "num_model_requests");
  }

  @Test
  void emptyMonthIsAnExplicitZeroForEveryDay() throws Exception {
    fixture.route(COSTS, json(resourceOf("costs_empty.json")));
    fixture.route(USAGE, json(resourceOf("usage_completions_empty.json")));

    List<Observation> all = collect();

    List<Observation> spend = spend(all);
    assertThat(spend).hasSize(23);
    assertThat(spend).allSatisfy(o -> {
      assertThat(o.dimension()).isEmpty();
      assertThat(o.money()).isEqualTo(Money.zero(CostsReport.USD));
    });
    assertThat(usage(all)).hasSize(23 * 4).allMatch(o -> o.value().signum() == 0);
  }

  @Test
  void aKeyWithoutAdminAccessIsANamedCondition() {
    fixture.route(COSTS, respond(401, "application/json", resourceOf("error_insufficient_permissions.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).isEqualTo("no admin access: the Costs API needs an organization Admin key"
        + " (sk-admin-…) (HTTP 401 from /v1/organization/costs: Missing scopes: api.usage.read)");
    assertThat(fixture.requests).hasSize(1);
  }

  @Test
  void forbiddenIsTheSameCondition() {
    fixture.route(COSTS, respond(403, "application/json", "{\"error\": {\"message\": \"You are not allowed"
        + " to access this endpoint. Ask an organization owner.\", \"type\": \"invalid_request_error\"}}"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).isEqualTo(OrganizationApi.NO_ADMIN_ACCESS
        + " (HTTP 403 from /v1/organization/costs: You are not allowed to access this endpoint)");
    assertThat(fixture.requests).hasSize(1);
    assertThat(fixture.sleeps).isEmpty();
  }

  @Test
  void aForbiddenHtmlPageIsStillTheCondition() {
    fixture.route(COSTS, respond(403, "text/html", "<html><body>Forbidden</body></html>"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).isEqualTo(OrganizationApi.NO_ADMIN_ACCESS + " (HTTP 403 from /v1/organization/costs)");
  }

  @Test
  void aRejectedKeyIsAnAuthFailureThatDoesNotQuoteTheKey() {
    fixture.route(COSTS, respond(401, "application/json", resourceOf("error_invalid_api_key.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).contains("HTTP 401", "invalid_api_key", "admin_key").doesNotContain("sk-admin");
    assertThat(fixture.requests).hasSize(1);
  }

  @Test
  void rateLimitedThenSuccessWaitsAsAsked() throws Exception {
    HttpHandler limited = exchange -> {
      exchange.getResponseHeaders().set("Retry-After", "7");
      ProviderFixture.send(exchange, 429, "application/json",
          "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");
    };
    fixture.route(COSTS, sequence(limited, json(resourceOf("costs_empty.json"))));
    fixture.route(USAGE, json(resourceOf("usage_completions_empty.json")));

    List<Observation> spend = spend(collect());

    assertThat(spend).hasSize(23);
    assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void serverErrorThenSuccessIsRetried() throws Exception {
    fixture.route(COSTS, sequence(
        respond(500, "application/json", "{\"error\":{\"message\":\"The server had an error\"}}"),
        paged("costs_page1.json", "costs_page2.json", "costs_page3.json")));
    fixture.route(USAGE, json(resourceOf("usage_completions_empty.json")));

    assertThat(total(spend(collect()))).isEqualByComparingTo("16.3669125678901234567");
    assertThat(fixture.sleeps).hasSize(1);
  }

  @Test
  void serverErrorForeverIsUnavailable() {
    fixture.route(COSTS, respond(500, "application/json", "{\"error\":{\"message\":\"The server had an error\"}}"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("HTTP 500");
    assertThat(fixture.requests.size()).isGreaterThan(1);
  }

  @Test
  void htmlErrorPageIsABadResponse() {
    fixture.route(COSTS, respond(200, "text/html", "<!DOCTYPE html>\n<html><title>Maintenance</title></html>"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("not JSON", "<!DOCTYPE html>");
  }

  @Test
  void truncatedJsonIsABadResponse() {
    String page = resourceOf("costs_page1.json");
    fixture.route(COSTS, json(page.substring(0, page.length() / 2)));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("truncated");
  }

  @Test
  void pageWithoutDataIsABadResponseNamingIt() {
    fixture.route(COSTS, json("{\"object\": \"page\", \"has_more\": false, \"next_page\": null}"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("response field /v1/organization/costs.data is missing");
  }

  @Test
  void pageWithoutHasMoreIsABadResponseNamingIt() {
    fixture.route(COSTS, json("{\"object\": \"page\", \"data\": [], \"next_page\": null}"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("has_more is missing");
  }

  @Test
  void moreWithoutACursorIsABadResponse() {
    fixture.route(COSTS, json("{\"object\": \"page\", \"data\": [], \"has_more\": true, \"next_page\": null}"));

    assertThat(failure().getMessage()).contains("next_page is missing although has_more is true");
  }

  @Test
  void aRepeatedCursorStopsThePaging() {
    fixture.route(COSTS, json(resourceOf("costs_page1.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("pagination cursor repeated");
    assertThat(fixture.requests).hasSize(2);
  }

  @Test
  void resultsWithoutAnAmountOrCurrencyAreBadResponses() {
    fixture.route(COSTS, sequence(
        json(page(bucket(1793491200L, "{\"object\": \"organization.costs.result\", \"line_item\": \"x\"}"))),
        json(page(bucket(1793491200L, "{\"amount\": {\"currency\": \"usd\"}, \"line_item\": \"x\"}"))),
        json(page(bucket(1793491200L, "{\"amount\": {\"value\": 1.0}, \"line_item\": \"x\"}"))),
        json(page(bucket(1793491200L, "{\"amount\": {\"value\": 1.0, \"currency\": \"dollars\"}}"))),
        json(page("{\"object\": \"bucket\", \"start_time\": 1793491200}")),
        json(page("{\"object\": \"bucket\", \"results\": []}"))));

    assertThat(failure().getMessage()).isEqualTo("response field /v1/organization/costs result.amount is missing");
    assertThat(failure().getMessage()).isEqualTo("response field /v1/organization/costs result.amount.value is missing");
    assertThat(failure().getMessage()).isEqualTo("response field /v1/organization/costs result.amount.currency is missing");
    assertThat(failure().getMessage()).contains("is not a currency: 'dollars'");
    assertThat(failure().getMessage()).isEqualTo("response field /v1/organization/costs bucket.results is missing");
    assertThat(failure().getMessage()).isEqualTo("response field /v1/organization/costs bucket.start_time is missing");
    assertThat(messages).hasSize(6);
  }

  @Test
  void usageResultWithoutRequiredCountIsABadResponse() {
    fixture.route(COSTS, json(resourceOf("costs_empty.json")));
    fixture.route(USAGE, json(page(bucket(1793491200L,
        "{\"object\": \"organization.usage.completions.result\", \"input_tokens\": 1, \"output_tokens\": 2, \"model\": \"m\"}"))));

    assertThat(failure().getMessage())
        .isEqualTo("response field /v1/organization/usage/completions result.num_model_requests is missing");
  }

  @Test
  void amountsWithManyDecimalsExponentsAndStringsAreReadExactly() throws Exception {
    fixture.route(COSTS, json(page(
        bucket(1793491200L,
            result("0.1234567890123456789012345", "a", "proj_abc"),
            result("1.5E-7", "b", null),
            result("\"0.000000000000000000000001\"", "c", null),
            result("100.10", "d", null)))));
    fixture.route(USAGE, json(resourceOf("usage_completions_empty.json")));

    List<Observation> spend = spend(collect());

    assertThat(spend).extracting(Observation::value).containsExactly(
        new BigDecimal("0.1234567890123456789012345"),
        new BigDecimal("1.5E-7"),
        new BigDecimal("0.000000000000000000000001"),
        new BigDecimal("100.10"));
    assertThat(total(spend)).isEqualTo(new BigDecimal("100.2234569390123456789012355"));
  }

  @Test
  void equalDimensionsOfADayAreSummed() throws Exception {
    fixture.route(COSTS, json(page(
        bucket(1793491200L, result("0.10", "a", "proj_abc"), result("0.25", "a", "proj_abc")))));
    fixture.route(USAGE, json(resourceOf("usage_completions_empty.json")));

    assertThat(spend(collect())).containsExactly(projectRow(1, "web app", "a", "0.35"));
  }

  @Test
  void aClippedBucketCountsForItsUtcDayAndBucketsOutsideTheWindowAreIgnored() throws Exception {
    fixture.route(COSTS, json(page(
        bucket(1793404800L, result("9.99", "a", null)),
        bucket(1793491200L + 3600, result("0.50", "a", null)),
        bucket(1795478400L, result("9.99", "a", null)))));
    fixture.route(USAGE, json(resourceOf("usage_completions_empty.json")));

    assertThat(spend(collect())).containsExactly(spendRow(1, "a", "0.50"));
    assertThat(fixture.log).anyMatch(l -> l.contains("ignoring bucket of 2026-10-31"));
  }

  @Test
  void aDayRevisedBetweenTwoCollectsCarriesTheNewFigure() throws Exception {
    String first = page(bucket(1795219200L), bucket(1795305600L, result("0.42", "a", "proj_abc")),
        bucket(1795392000L, result("0.01", "a", "proj_abc")));
    String revised = page(bucket(1795219200L), bucket(1795305600L, result("0.57", "a", "proj_abc")),
        bucket(1795392000L, result("0.20", "a", "proj_abc")));
    fixture.route(COSTS, sequence(json(first), json(revised)));
    fixture.route(USAGE, json(resourceOf("usage_completions_empty.json")));

    List<Observation> before = spend(collect());
    List<Observation> after = spend(collect());

    assertThat(before).contains(projectRow(22, "web app", "a", "0.42"));
    assertThat(after).containsExactly(
        spendRow(21, "", "0"), projectRow(22, "web app", "a", "0.57"), projectRow(23, "web app", "a", "0.20"));
  }

  @Test
  void theSecretAppearsNowhere() throws Exception {
    serveNormalMonth();
    collect();
    for (String failing : List.of("error_invalid_api_key.json", "error_insufficient_permissions.json")) {
      try (ProviderFixture other = new ProviderFixture()) {
        other.route(COSTS, respond(401, "application/json", resourceOf(failing)));
        Account account = other.account(provider, YAML, ENV);
        ProviderException e = catchThrowableOfType(ProviderException.class,
            () -> other.collect(provider, account, WINDOW, CLOCK));
        messages.add(e.getMessage());
        messages.add(e.toString());
        messages.add(other.everythingVisible());
        messages.add(account.settings().toString());
      }
    }

    assertThat(fixture.archived).isNotEmpty();
    assertThat(fixture.everythingVisible()).isNotEmpty().doesNotContain(SECRET);
    assertThat(messages).hasSize(8).allSatisfy(m -> assertThat(m).doesNotContain(SECRET));
  }

  @Test
  void reprocessingTheArchiveGivesTheSameObservationsAndConditions() throws Exception {
    serveNormalMonth();
    Account account = fixture.account(provider, YAML, ENV);
    List<Observation> live = fixture.collect(provider, account, WINDOW, CLOCK);

    assertThat(replay(account, fixture.archived)).isEqualTo(live);

    try (ProviderFixture refused = new ProviderFixture()) {
      refused.route(COSTS, respond(401, "application/json", resourceOf("error_insufficient_permissions.json")));
      Account other = refused.account(provider, YAML, ENV);
      ProviderException liveError = catchThrowableOfType(ProviderException.class,
          () -> refused.collect(provider, other, WINDOW, CLOCK));
      ProviderException replayed = catchThrowableOfType(ProviderException.class,
          () -> replay(other, refused.archived));
      assertThat(replayed.kind()).isEqualTo(Kind.CONDITION);
      assertThat(replayed.getMessage()).isEqualTo(liveError.getMessage());
    }
  }

  private List<Observation> replay(Account account, List<ArchivedResponse> archived) throws ProviderException {
    ReplayHttp http = new ReplayHttp(archived.stream()
        .map(r -> new ReplayHttp.Recorded(r.method(), r.url(), r.status(), r.contentType(), r.body()))
        .toList());
    return provider.collect(account, (OpenAiSettings) account.settings(), WINDOW,
        new AccountContext(CLOCK, line -> { }, account, http));
  }

  @Test
  void theAdminKeyIsRequired() {
    assertThatThrownBy(() -> fixture.account(provider, "    project_ids: [proj_abc]\n", ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("admin_key");
  }

  @Test
  void spendIsInUsd() {
    Account account = fixture.account(provider, YAML, ENV);
    assertThat(provider.currencies((OpenAiSettings) account.settings())).containsExactly(CostsReport.USD);
  }

  private static String page(String... buckets) {
    return "{\"object\": \"page\", \"data\": [" + String.join(",", buckets)
        + "], \"has_more\": false, \"next_page\": null}";
  }

  private static String bucket(long start, String... results) {
    return "{\"object\": \"bucket\", \"start_time\": " + start + ", \"end_time\": " + (start + 86400)
        + ", \"results\": [" + String.join(",", results) + "]}";
  }

  private static String result(String value, String lineItem, String project) {
    return "{\"object\": \"organization.costs.result\", \"amount\": {\"value\": " + value
        + ", \"currency\": \"usd\"}, \"line_item\": \"" + lineItem + "\", \"project_id\": "
        + (project == null ? "null" : "\"" + project + "\"") + "}";
  }
}
