package dev.costmon.provider.vercel;

import static dev.costmon.provider.ProviderFixture.resource;
import static dev.costmon.provider.ProviderFixture.respond;
import static dev.costmon.provider.ProviderFixture.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VercelProviderTest {
  private static final String SECRET = "vcp_Zq8sECRETtoken4711xyz";
  private static final String PATH = "/v1/billing/charges";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  private static final CollectWindow WINDOW = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);
  private static final String PRO_TEAM = "    token: ${VERCEL_TOKEN}\n    team_id: team_k3Lm9\n    plan: pro\n";
  private static final String HOBBY = "    token: ${VERCEL_TOKEN}\n";

  private final VercelProvider provider = new VercelProvider();
  private final ProviderFixture fixture = new ProviderFixture();
  private final List<String> messages = new ArrayList<>();

  @AfterEach
  void noSecretAnywhere() {
    fixture.close();
    assertThat(fixture.everythingVisible()).doesNotContain(SECRET);
    assertThat(String.join("\n", messages)).doesNotContain(SECRET);
  }

  private Account account(String yaml) {
    return fixture.account(provider, yaml, Map.of("VERCEL_TOKEN", SECRET));
  }

  private List<Observation> collect(String yaml, CollectWindow window, Clock clock) throws ProviderException {
    return fixture.collect(provider, account(yaml), window, clock);
  }

  private List<Observation> collect() throws ProviderException {
    return collect(PRO_TEAM, WINDOW, CLOCK);
  }

  private ProviderException failure() {
    ProviderException e = catchThrowableOfType(ProviderException.class, this::collect);
    assertThat(e).as("collect must fail").isNotNull();
    messages.add(e.getMessage());
    return e;
  }

  private static HttpHandler jsonl(String body) {
    return respond(200, "application/jsonl", body);
  }

  private static Map<String, BigDecimal> spendByDay(List<Observation> result, Predicate<Observation> which) {
    Map<String, BigDecimal> out = new TreeMap<>();
    result.stream().filter(o -> o.kind() == ObservationKind.SPEND).filter(which)
        .forEach(o -> out.merge(o.day().toString(), o.value(), BigDecimal::add));
    return out;
  }

  private static BigDecimal usage(List<Observation> result, String metric) {
    return result.stream().filter(o -> o.kind() == ObservationKind.USAGE && o.metric().equals(metric))
        .map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** One usage charge line in the documented FOCUS shape. */
  private static String line(String start, String service, String billed, String quantity, String unit) {
    return "{\"BilledCost\":" + billed + ",\"BillingCurrency\":\"USD\",\"ChargeCategory\":\"Usage\","
        + "\"ChargePeriodStart\":\"" + start + "\",\"ConsumedQuantity\":" + quantity + ",\"ConsumedUnit\":\""
        + unit + "\",\"PricingQuantity\":" + quantity + ",\"PricingUnit\":\"MIUs\",\"ServiceName\":\""
        + service + "\",\"ServiceProviderName\":\"Vercel\"}\n";
  }

  private static Map<String, String> query(String request) {
    Map<String, String> out = new TreeMap<>();
    String q = request.substring(request.indexOf('?') + 1);
    for (String pair : q.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void normalMonthSumsSpendPerPacificDayAndServiceExactly() throws ProviderException {
    fixture.route(PATH, jsonl(resource("provider/vercel/charges_november.jsonl")));

    List<Observation> result = collect();

    assertThat(fixture.requests).hasSize(1);
    assertThat(fixture.requests.get(0)).startsWith("GET " + PATH + "?");
    // 1..23 November as Vercel's billing days: Los Angeles midnights, PDT (UTC-7) then PST (UTC-8).
    assertThat(query(fixture.requests.get(0))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "from", "2026-11-01T07:00:00Z", "to", "2026-11-24T08:00:00Z", "teamId", "team_k3Lm9"));
    assertThat(fixture.requestHeaders.get(0).get("Authorization")).containsExactly("Bearer " + SECRET);
    assertThat(fixture.requestHeaders.get(0).get("Accept-encoding")).containsExactly("gzip");

    List<Observation> firstDay = result.stream()
        .filter(o -> o.kind() == ObservationKind.SPEND && o.day().equals(LocalDate.of(2026, 11, 1))).toList();
    assertThat(firstDay).extracting(Observation::dimension, o -> o.value().toPlainString())
        .containsExactlyInAnyOrder(
            tuple("Function Invocations", "0.0006"),
            tuple("Fluid Active CPU", "0.192"),
            tuple("Fluid Provisioned Memory", "1.9053"),
            tuple("Fast Data Transfer", "0"),
            tuple("Edge Requests", "0"),
            tuple("Edge Middleware Invocations", "0.123456789012345678"));
    assertThat(result).filteredOn(o -> o.kind() == ObservationKind.SPEND)
        .allSatisfy(o -> {
          assertThat(o.unit()).isEqualTo("USD");
          assertThat(o.provenance()).isEqualTo(Provenance.API);
        });
    // The credit cancels the transfer charge; the seat is a purchase.
    assertThat(result).filteredOn(o -> o.kind() == ObservationKind.SPEND && o.day().equals(LocalDate.of(2026, 11, 2)))
        .extracting(Observation::dimension, o -> o.value().toPlainString())
        .containsExactlyInAnyOrder(
            tuple("Fast Data Transfer", "0.00"),
            tuple("Pro Plan", "20"));
    BigDecimal total = spendByDay(result, o -> true).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(total.toPlainString()).isEqualTo("22.221356789012345678");
    // Every day of the window has spend rows; quiet days an explicit zero for the account.
    assertThat(spendByDay(result, o -> true)).hasSize(23);
    assertThat(result).filteredOn(o -> o.kind() == ObservationKind.SPEND && o.day().equals(LocalDate.of(2026, 11, 15)))
        .singleElement().satisfies(o -> {
          assertThat(o.dimension()).isEmpty();
          assertThat(o.money()).isEqualTo(Money.zero(Currency.getInstance("USD")));
        });

    assertThat(usage(result, "function_invocations")).isEqualByComparingTo("251007");
    assertThat(usage(result, "active_cpu")).isEqualByComparingTo("5400");
    assertThat(usage(result, "provisioned_memory")).isEqualByComparingTo("180");
    assertThat(usage(result, "fast_data_transfer")).isEqualByComparingTo("32500000000");
    assertThat(usage(result, "edge_requests")).isEqualByComparingTo("300000");
    assertThat(result).filteredOn(o -> o.kind() == ObservationKind.USAGE).allSatisfy(o ->
        assertThat(o.aggregation()).isEqualTo(Aggregation.SUM));
    assertThat(result).filteredOn(o -> o.kind() == ObservationKind.USAGE && o.dimension().isEmpty())
        .extracting(Observation::metric, Observation::unit).containsOnly(
            tuple("function_invocations", "count"),
            tuple("active_cpu", "seconds"),
            tuple("provisioned_memory", "gb_hours"),
            tuple("fast_data_transfer", "bytes"),
            tuple("edge_requests", "count"));
    // Services without a costmon metric keep their quantity under their unit, the service as dimension.
    assertThat(result).filteredOn(o -> o.kind() == ObservationKind.USAGE && !o.dimension().isEmpty())
        .extracting(Observation::day, Observation::metric, Observation::dimension, o -> o.value().toPlainString(),
            Observation::unit)
        .containsExactlyInAnyOrder(
            tuple(LocalDate.of(2026, 11, 1), "invocations", "Edge Middleware Invocations", "40000", "invocations"),
            tuple(LocalDate.of(2026, 11, 2), "seats", "Pro Plan", "1", "seats"));
    // Zero usage on a quiet day, so a re-fetched day that lost its usage replaces the old figure.
    assertThat(result).filteredOn(o -> o.kind() == ObservationKind.USAGE && o.day().equals(LocalDate.of(2026, 11, 15)))
        .hasSize(5).allSatisfy(o -> assertThat(o.value()).isZero());
  }

  @Test
  void usageOfServicesWithoutACostmonMetricIsKeptUnderItsUnit() throws ProviderException {
    // Legacy (pre-Fluid) meters: function duration in GB-seconds, middleware invocations.
    fixture.route(PATH, jsonl(line("2026-11-05T08:00:00.000Z", "Serverless Function Execution", "0.36", "7200",
        "GB-Seconds") + line("2026-11-05T08:00:00.000Z", "Serverless Function Execution", "0.18", "3600",
        "GB-Seconds") + line("2026-11-05T08:00:00.000Z", "Edge Middleware Invocations", "0", "12000",
        "Invocations") + line("2026-11-06T08:00:00.000Z", "Image Optimization", "0", "5", "1K Source Images")));

    List<Observation> result = collect();

    assertThat(result).filteredOn(o -> o.kind() == ObservationKind.USAGE && !o.dimension().isEmpty())
        .extracting(Observation::day, Observation::metric, Observation::dimension, o -> o.value().toPlainString())
        .containsExactlyInAnyOrder(
            tuple(LocalDate.of(2026, 11, 5), "gb_seconds", "Serverless Function Execution", "10800"),
            tuple(LocalDate.of(2026, 11, 5), "invocations", "Edge Middleware Invocations", "12000"),
            tuple(LocalDate.of(2026, 11, 6), "unit_1k_source_images", "Image Optimization", "5"));
    // No zero rows for these meters on the days without them: absence stays absence.
    assertThat(result).filteredOn(o -> o.metric().equals("gb_seconds")).hasSize(1);
  }

  @Test
  void theOtherUsageSeriesAreBounded() throws ProviderException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < OtherUsage.MAX_SERIES + 5; i++) {
      lines.append(line("2026-11-05T08:00:00.000Z", "Service " + i, "0", "1", "Units"));
    }
    fixture.route(PATH, jsonl(lines.toString()));

    List<Observation> result = collect();

    assertThat(result).filteredOn(o -> o.metric().equals("units")).hasSize(OtherUsage.MAX_SERIES);
    assertThat(fixture.log).anyMatch(l -> l.contains("more than " + OtherUsage.MAX_SERIES + " other usage series"));
  }

  @Test
  void chargesBelongToTheLosAngelesDateTheirPeriodStartsOn() throws ProviderException {
    // 31 October to 3 November 2026: daylight saving time ends in Los Angeles on 1 November.
    Clock clock = Clock.fixed(Instant.parse("2026-11-03T12:00:00Z"), ZoneOffset.UTC);
    CollectWindow window = CollectWindow.of(clock.instant(), ZoneOffset.UTC, 3);
    fixture.route(PATH, jsonl(resource("provider/vercel/charges_la_boundary.jsonl")));

    List<Observation> result = collect(PRO_TEAM, window, clock);

    assertThat(query(fixture.requests.get(0))).containsEntry("from", "2026-10-31T07:00:00Z")
        .containsEntry("to", "2026-11-04T08:00:00Z");
    // 07:00Z and 06:30Z the next morning are 31 October (PDT); 07:30Z on 1 November is already
    // 00:30 PDT on 1 November, while 07:30Z on 2 November is 23:30 PST on 1 November.
    assertThat(spendByDay(result, o -> true)).containsExactly(
        Map.entry("2026-10-31", new BigDecimal("3")),
        Map.entry("2026-11-01", new BigDecimal("44")),
        Map.entry("2026-11-02", new BigDecimal("80")),
        Map.entry("2026-11-03", BigDecimal.ZERO));
    assertThat(usage(result, "function_invocations")).isEqualByComparingTo("1270");
    // A line starting before the first day asked for would overwrite 30 October with a part of it.
    assertThat(fixture.log).anyMatch(l -> l.contains("falls on billing day 2026-10-30") && l.contains("ignored"));
  }

  @Test
  void gzipEncodedBodyIsDecoded() throws ProviderException {
    byte[] gzipped = gzip(resource("provider/vercel/charges_november.jsonl"));
    fixture.route(PATH, exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/jsonl");
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      exchange.sendResponseHeaders(200, gzipped.length);
      exchange.getResponseBody().write(gzipped);
      exchange.close();
    });

    List<Observation> result = collect();

    BigDecimal total = spendByDay(result, o -> true).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(total.toPlainString()).isEqualTo("22.221356789012345678");
    assertThat(usage(result, "function_invocations")).isEqualByComparingTo("251007");
  }

  @Test
  void emptyPeriodIsZeroSpendAndUsageOnEveryDay() throws ProviderException {
    fixture.route(PATH, jsonl(""));

    List<Observation> result = collect();

    assertThat(result).filteredOn(o -> o.kind() == ObservationKind.SPEND).hasSize(23)
        .allSatisfy(o -> {
          assertThat(o.value()).isZero();
          assertThat(o.dimension()).isEmpty();
          assertThat(o.unit()).isEqualTo("USD");
        });
    assertThat(result).filteredOn(o -> o.kind() == ObservationKind.USAGE).hasSize(23 * 5)
        .allSatisfy(o -> assertThat(o.value()).isZero());
  }

  @Test
  void longLookbackIsSplitIntoRequestsUnderAYear() throws ProviderException {
    CollectWindow window = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 400);
    String old = "{\"BilledCost\":1.10,\"BillingCurrency\":\"USD\",\"ChargePeriodStart\":\"2025-12-01T08:00:00.000Z\","
        + "\"ServiceName\":\"Fast Data Transfer\",\"ConsumedQuantity\":1,\"ConsumedUnit\":\"GB\"}\n";
    fixture.route(PATH, sequence(jsonl(old), jsonl(resource("provider/vercel/charges_november.jsonl"))));

    List<Observation> result = collect(PRO_TEAM, window, CLOCK);

    assertThat(window.from()).isEqualTo(LocalDate.of(2025, 10, 19));
    assertThat(fixture.requests).hasSize(2);
    assertThat(query(fixture.requests.get(0))).containsEntry("from", "2025-10-19T07:00:00Z")
        .containsEntry("to", "2026-10-14T07:00:00Z");
    assertThat(query(fixture.requests.get(1))).containsEntry("from", "2026-10-14T07:00:00Z")
        .containsEntry("to", "2026-11-24T08:00:00Z");
    Map<String, BigDecimal> days = spendByDay(result, o -> true);
    assertThat(days).hasSize(401);
    assertThat(days.get("2025-12-01")).isEqualTo(new BigDecimal("1.10"));
    assertThat(usage(result, "fast_data_transfer")).isEqualByComparingTo("33500000000");
  }

  @Test
  void revisedDayCarriesTheNewFigure() throws ProviderException {
    String day = "{\"BilledCost\":%s,\"BillingCurrency\":\"USD\",\"ChargePeriodStart\":\"2026-11-22T08:00:00.000Z\","
        + "\"ServiceName\":\"Fluid Active CPU\",\"ConsumedQuantity\":%s,\"ConsumedUnit\":\"Hours\"}\n";
    fixture.route(PATH, sequence(jsonl(day.formatted("1.00", "0.5")), jsonl(day.formatted("1.25", "0.75"))));

    List<Observation> first = collect();
    List<Observation> second = collect();

    LocalDate revised = LocalDate.of(2026, 11, 22);
    assertThat(spendByDay(first, o -> o.day().equals(revised))).containsEntry("2026-11-22", new BigDecimal("1.00"));
    assertThat(spendByDay(second, o -> o.day().equals(revised))).containsEntry("2026-11-22", new BigDecimal("1.25"));
    assertThat(usage(second, "active_cpu")).isEqualByComparingTo("2700");
  }

  @Test
  void eachProjectsChargesAreAFigureTaggedWithTheProject() throws ProviderException {
    String line = "{\"BilledCost\":%s,\"BillingCurrency\":\"USD\",\"ChargePeriodStart\":\"2026-11-22T08:00:00.000Z\","
        + "\"ServiceName\":\"%s\",\"Tags\":%s}\n";
    fixture.route(PATH, jsonl(
        line.formatted("1.10", "Fluid Active CPU", "{\"ProjectId\":\"prj_1\",\"ProjectName\":\"storefront\"}")
            + line.formatted("0.15", "Fluid Active CPU", "{\"ProjectId\":\"prj_1\",\"ProjectName\":\"storefront\"}")
            + line.formatted("2.00", "Fluid Active CPU", "{\"ProjectId\":\"prj_2\",\"ProjectName\":\"docs\"}")
            + line.formatted("0.50", "Fluid Active CPU", "{\"ProjectId\":\"prj_3\"}")
            + line.formatted("20", "Pro Plan", "{}")));

    List<Observation> result = collect();

    assertThat(result).filteredOn(o -> o.kind() == ObservationKind.SPEND && o.day().equals(LocalDate.of(2026, 11, 22)))
        .extracting(Observation::dimension, o -> o.value().toPlainString(), Observation::tags)
        .containsExactlyInAnyOrder(
            tuple("Fluid Active CPU", "1.25", Map.of("project", "storefront")),
            tuple("Fluid Active CPU", "2.00", Map.of("project", "docs")),
            // Without a name the id stands in; a team-wide charge has no project.
            tuple("Fluid Active CPU", "0.50", Map.of("project", "prj_3")),
            tuple("Pro Plan", "20", Map.of()));
  }

  @Test
  void hobbyQuotasAreCrossedAtEightyAndHundredPercent() throws ProviderException {
    Account account = account(HOBBY);
    fixture.route(PATH, jsonl(resource("provider/vercel/charges_hobby_quota.jsonl")));

    List<Observation> result = fixture.collect(provider, account, WINDOW, CLOCK);

    assertThat(query(fixture.requests.get(0))).doesNotContainKeys("teamId", "slug");
    Map<String, BigDecimal> ratio = new TreeMap<>();
    account.quotas().forEach((metric, quota) -> {
      String unit = result.stream().filter(o -> o.metric().equals(metric)).findFirst().orElseThrow().unit();
      assertThat(quota.fits(unit)).as(metric).isTrue();
      ratio.put(metric, usage(result, metric).divide(quota.value(), MathContext.DECIMAL64));
    });
    assertThat(ratio).containsOnlyKeys(
        "function_invocations", "active_cpu", "provisioned_memory", "fast_data_transfer", "edge_requests");
    assertThat(ratio.get("function_invocations")).isEqualByComparingTo("0.85");    // warning
    assertThat(ratio.get("active_cpu")).isEqualByComparingTo("1.125");             // 4.5 h of 4 h
    assertThat(ratio.get("provisioned_memory")).isEqualByComparingTo("0.2777777777777778");
    assertThat(ratio.get("fast_data_transfer")).isEqualByComparingTo("1.073741824"); // 100 GiB of 100 GB
    assertThat(ratio.get("edge_requests")).isEqualByComparingTo("1");              // exactly at the limit
  }

  @Test
  void quotasFromTheConfigOverrideTheHobbyDefaults() {
    Account account = account(HOBBY + "    quotas:\n      function_invocations: 2M\n      active_cpu: 10h\n");
    assertThat(account.quotas().get("function_invocations").value()).isEqualByComparingTo("2000000");
    assertThat(account.quotas()).containsEntry("active_cpu", new Quantity(new BigDecimal("36000"), "seconds"))
        .containsEntry("provisioned_memory", new Quantity(new BigDecimal("360"), "gb_hours"))
        .containsEntry("fast_data_transfer", new Quantity(new BigDecimal("100000000000"), "bytes"))
        .containsEntry("edge_requests", new Quantity(new BigDecimal("1000000"), "count"));
    assertThat(account(PRO_TEAM).quotas()).isEmpty();
    assertThat(account.currency().getCurrencyCode()).isEqualTo("USD");
  }

  @Test
  void unconvertibleUnitLeavesTheMetricOutForThatDay() throws ProviderException {
    fixture.route(PATH, jsonl("{\"BilledCost\":0.4,\"BillingCurrency\":\"USD\",\"ChargePeriodStart\":"
        + "\"2026-11-05T08:00:00.000Z\",\"ServiceName\":\"Fast Data Transfer\",\"ConsumedQuantity\":3,"
        + "\"ConsumedUnit\":\"MIUs\"}\n"));

    List<Observation> result = collect();

    LocalDate day = LocalDate.of(2026, 11, 5);
    assertThat(result).filteredOn(o -> o.day().equals(day) && o.kind() == ObservationKind.USAGE)
        .extracting(Observation::metric).doesNotContain("fast_data_transfer").hasSize(5).contains("mius");
    assertThat(spendByDay(result, o -> o.day().equals(day))).containsEntry("2026-11-05", new BigDecimal("0.4"));
    assertThat(fixture.log).anyMatch(l -> l.contains("'MIUs'") && l.contains("fast_data_transfer"));
  }

  @Test
  void forbiddenIsTheNotEntitledCondition() {
    fixture.route(PATH, respond(403, "application/json",
        "{\"error\":{\"code\":\"forbidden\",\"message\":\"You don't have permission to access this resource.\"}}"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).startsWith(VercelProvider.NOT_ENTITLED).contains("403");
    assertThat(fixture.requests).hasSize(1);
  }

  @Test
  void notFoundIsTheNotEntitledCondition() {
    fixture.route(PATH, respond(404, "application/json", "{\"error\":{\"code\":\"not_found\"}}"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).startsWith("not entitled: the billing charges API needs a team token");
  }

  @Test
  void unauthorizedIsAnAuthFailure() {
    fixture.route(PATH, respond(401, "application/json",
        "{\"error\":{\"code\":\"forbidden\",\"message\":\"Not authorized\",\"invalidToken\":true}}"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).contains("401");
  }

  @Test
  void rateLimitedWaitsAsToldThenSucceeds() throws ProviderException {
    fixture.route(PATH, sequence(
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "7");
          ProviderFixture.send(exchange, 429, "application/json", "{\"error\":{\"code\":\"rate_limited\"}}");
        },
        jsonl(resource("provider/vercel/charges_november.jsonl"))));

    List<Observation> result = collect();

    assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(usage(result, "edge_requests")).isEqualByComparingTo("300000");
  }

  @Test
  void serverErrorIsRetried() throws ProviderException {
    fixture.route(PATH, sequence(respond(500, "text/plain", "internal error"),
        jsonl(resource("provider/vercel/charges_november.jsonl"))));

    List<Observation> result = collect();

    assertThat(fixture.requests).hasSize(2);
    assertThat(fixture.sleeps).hasSize(1);
    assertThat(usage(result, "provisioned_memory")).isEqualByComparingTo("180");
  }

  @Test
  void serverErrorForeverIsUnavailable() {
    fixture.route(PATH, respond(500, "text/plain", "internal error"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(fixture.requests.size()).isGreaterThan(1);
  }

  @Test
  void htmlPageIsABadResponse() {
    fixture.route(PATH, respond(200, "text/html", "<!DOCTYPE html>\n<html><body>Sign in to Vercel</body></html>"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("line 1").contains("not JSON");
  }

  @Test
  void badLineIsABadResponseNamingTheLine() {
    String[] lines = resource("provider/vercel/charges_november.jsonl").split("\n");
    fixture.route(PATH, jsonl(lines[0] + "\n" + lines[1] + "\n{\"BilledCost\": 1,, }\n" + lines[2] + "\n"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).startsWith("line 3 of ").contains("malformed");
  }

  @Test
  void truncatedStreamIsABadResponse() {
    String body = resource("provider/vercel/charges_november.jsonl");
    fixture.route(PATH, jsonl(body.substring(0, body.length() - 60)));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).startsWith("line 11 of ").contains("truncated");
  }

  @Test
  void missingRequiredFieldIsABadResponseNamingIt() {
    fixture.route(PATH, jsonl("{\"BilledCost\":1,\"BillingCurrency\":\"USD\",\"ChargePeriodStart\":\"2026-11-05T08:00:00Z\","
        + "\"ServiceName\":\"Edge Requests\"}\n{\"BillingCurrency\":\"USD\",\"ChargePeriodStart\":"
        + "\"2026-11-05T08:00:00Z\",\"ServiceName\":\"Edge Requests\"}\n"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("billing charge 2 has no BilledCost");
  }

  @Test
  void unreadableFieldValuesAreBadResponses() {
    fixture.route(PATH, sequence(
        jsonl("{\"BilledCost\":\"n/a\",\"BillingCurrency\":\"USD\",\"ChargePeriodStart\":\"2026-11-05T08:00:00Z\","
            + "\"ServiceName\":\"Edge Requests\"}\n"),
        jsonl("{\"BilledCost\":1,\"BillingCurrency\":\"USD\",\"ChargePeriodStart\":\"5 Nov 2026\","
            + "\"ServiceName\":\"Edge Requests\"}\n"),
        jsonl("[1,2]\n")));

    assertThat(failure().getMessage()).isEqualTo("billing charge 1 has BilledCost '\"n/a\"', not a number");
    assertThat(failure().getMessage()).isEqualTo(
        "billing charge 1 has ChargePeriodStart '5 Nov 2026', not an ISO 8601 date-time");
    assertThat(failure().getMessage()).isEqualTo("billing charge 1 is not a JSON object");
  }

  @Test
  void teamSlugIsSentAsSlug() throws ProviderException {
    fixture.route(PATH, jsonl(""));

    collect("    token: ${VERCEL_TOKEN}\n    team_slug: acme-web\n", WINDOW, CLOCK);

    assertThat(query(fixture.requests.get(0))).containsEntry("slug", "acme-web").doesNotContainKey("teamId");
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> account("    plan: hobby\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("token");
    assertThatThrownBy(() -> account(HOBBY + "    team_id: team_1\n    team_slug: acme\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("team_id and team_slug");
    assertThatThrownBy(() -> account(HOBBY + "    plan: enterprise\n")).isInstanceOf(ConfigException.class);
    assertThat(((VercelSettings) account(HOBBY).settings()).plan()).isEqualTo(VercelPlan.HOBBY);
    assertThat(((VercelSettings) account(HOBBY + "    plan: Pro\n").settings()).plan()).isEqualTo(VercelPlan.PRO);
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
