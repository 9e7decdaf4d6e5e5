package dev.costmon.provider.aws;

import static dev.costmon.provider.ProviderFixture.respond;
import static dev.costmon.provider.ProviderFixture.sequence;
import static dev.costmon.provider.aws.FakeCostExplorer.error;
import static dev.costmon.provider.aws.FakeCostExplorer.ok;
import static dev.costmon.provider.aws.FakeCostExplorer.okResource;
import static dev.costmon.provider.aws.FakeCostExplorer.pages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpHandler;
import dev.costmon.collect.AccountContext;
import dev.costmon.collect.AccountOutcome;
import dev.costmon.collect.Collector;
import dev.costmon.config.Account;
import dev.costmon.config.ConfigException;
import dev.costmon.http.ArchivedResponse;
import dev.costmon.http.ReplayHttp;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Provenance;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.ProviderFixture;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_PROPERTIES)
class AwsProviderTest {
  private static final String KEY_ID = "AKIATESTKEYID0000042";
  private static final String SECRET = "tEsTsEcReT/AccessKey+0123456789abcdefghijKL";
  private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN/abc+def==";
  private static final Map<String, String> ENV = Map.of("AWS_KEY", KEY_ID, "AWS_SECRET", SECRET, "AWS_TOKEN", TOKEN);
  private static final String YAML = "    access_key_id: ${AWS_KEY}\n    secret_access_key: ${AWS_SECRET}\n";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  private static final CollectWindow WINDOW = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);
  private static final String EC2 = "Amazon Elastic Compute Cloud - Compute";
  private static final String S3 = "Amazon Simple Storage Service";

  @TempDir
  Path home;

  private final ProviderFixture fixture = new ProviderFixture();
  private final FakeCostExplorer ce = new FakeCostExplorer(fixture, SECRET);
  private final List<String> messages = new ArrayList<>();
  private AwsSdkSettings sdk;

  @BeforeEach
  void isolateTheSdk() {
    sdk = new AwsSdkSettings(home);
  }

  @AfterEach
  void close() {
    fixture.close();
    sdk.close();
  }

  private AwsProvider provider() {
    return new AwsProvider();
  }

  private static LocalDate nov(int day) {
    return LocalDate.of(2026, 11, day);
  }

  private void serveNormalMonth() {
    ce.on("GetCostAndUsage", pages("cost_and_usage_page1.json", "cost_and_usage_page2.json",
        "cost_and_usage_page3.json"));
    ce.on("GetCostForecast", okResource("cost_forecast.json"));
  }

  private List<Observation> collect() throws ProviderException {
    return collect(YAML, ENV, WINDOW);
  }

  private List<Observation> collect(String yaml, Map<String, String> env, CollectWindow window)
      throws ProviderException {
    AwsProvider provider = provider();
    Account account = fixture.account(provider, yaml, env);
    try {
      return fixture.collect(provider, account, window, CLOCK);
    } catch (ProviderException e) {
      messages.add(e.getMessage());
      throw e;
    }
  }

  /** Collects as {@code costmon collect} does, which prints {@code account 'test': <error>}. */
  private AccountOutcome collectThroughTheCollector(String yaml, Map<String, String> env) {
    AwsProvider provider = provider();
    Account account = fixture.account(provider, yaml, env);
    Collector collector = new Collector(CLOCK, 1, Duration.ofSeconds(60), a -> fixture.context(a, CLOCK));
    return collector.collect(List.of(account), WINDOW, null, 0, o -> {}).outcomes().get(0);
  }

  private ProviderException failure() {
    return catchThrowableOfType(ProviderException.class, this::collect);
  }

  private static List<Observation> spend(List<Observation> all) {
    return all.stream().filter(o -> o.kind() == ObservationKind.SPEND).toList();
  }

  private static BigDecimal total(List<Observation> all) {
    return spend(all).stream().map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static Map<String, BigDecimal> onDay(List<Observation> all, LocalDate day) {
    return spend(all).stream().filter(o -> o.day().equals(day))
        .collect(Collectors.toMap(Observation::dimension, Observation::value));
  }

  private static List<Observation> forecasts(List<Observation> all) {
    return all.stream().filter(o -> o.kind() == ObservationKind.FORECAST).toList();
  }

  @Test
  void normalMonthOverSeveralPagesGivesExactDailySpendPerServiceAndAwsForecast() throws Exception {
    serveNormalMonth();

    List<Observation> result = collect();

    assertThat(total(result)).isEqualByComparingTo("24.8175845568234567890123");
    assertThat(spend(result)).allSatisfy(o -> {
      assertThat(o.unit()).isEqualTo("USD");
      assertThat(o.provenance()).isEqualTo(Provenance.API);
    });
    assertThat(onDay(result, nov(1))).containsOnly(
        Map.entry(EC2, new BigDecimal("1.10")), Map.entry(S3, new BigDecimal("0.023")),
        Map.entry("Tax", new BigDecimal("0.50")));
    // Nov 12's groups are split over pages 1 and 2.
    assertThat(onDay(result, nov(12))).containsOnly(
        Map.entry(EC2, new BigDecimal("1.10")), Map.entry(S3, new BigDecimal("0.023")));
    assertThat(onDay(result, nov(15))).containsEntry("AWS Lambda", new BigDecimal("0.0000166667"));
    assertThat(onDay(result, nov(22))).containsOnly(Map.entry(EC2, new BigDecimal("0.7345678901234567890123")));
    // AWS answered for today without any charge yet: an explicit zero, not a gap.
    assertThat(onDay(result, nov(23))).containsOnly(Map.entry("", BigDecimal.ZERO));
    assertThat(spend(result).stream().map(Observation::day).distinct()).hasSize(23);
    // Month-end = actuals Nov 1-22 + AWS's forecast for Nov 23 to Dec 1 (exclusive).
    assertThat(forecasts(result)).singleElement().satisfies(f -> {
      assertThat(f.day()).isEqualTo(nov(1));
      assertThat(f.money()).isEqualTo(Money.of("33.3298845568234567890123", "USD"));
      assertThat(f.provenance()).isEqualTo(Provenance.API);
    });
    assertThat(fixture.log).contains("AWS Cost Explorer: 4 requests, 0.04 USD");
    assertThat(fixture.log).anyMatch(l -> l.contains("2 day(s) still estimated"));
  }

  @Test
  void requestsAreSignedJson11CallsWithTheWindowsUtcDays() throws Exception {
    serveNormalMonth();

    collect();

    assertThat(fixture.requests).hasSize(4).allMatch(r -> r.equals("POST /"));
    assertThat(ce.received).allSatisfy(r -> {
      assertThat(r.signatureProblem()).isNull();
      assertThat(r.headers().get("Content-type")).containsExactly("application/x-amz-json-1.1");
      assertThat(r.headers().get("X-amz-date")).containsExactly("20261123T070000Z");
      assertThat(r.headers().get("Authorization")).singleElement().asString()
          .startsWith("AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/20261123/us-east-1/ce/aws4_request, "
              + "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target, Signature=");
      assertThat(r.headers()).doesNotContainKey("X-amz-security-token");
    });
    List<FakeCostExplorer.Received> usage = ce.calls("GetCostAndUsage");
    assertThat(usage).hasSize(3);
    assertThat(usage.get(0).body().toString()).isEqualTo("{\"TimePeriod\":{\"Start\":\"2026-11-01\","
        + "\"End\":\"2026-11-24\"},\"Granularity\":\"DAILY\",\"Metrics\":[\"UnblendedCost\"],"
        + "\"GroupBy\":[{\"Type\":\"DIMENSION\",\"Key\":\"SERVICE\"}]}");
    assertThat(usage.get(1).body().path("NextPageToken").asText()).isEqualTo("page-2-token");
    assertThat(usage.get(2).body().path("NextPageToken").asText()).isEqualTo("page-3-token");
    assertThat(ce.calls("GetCostForecast")).singleElement().satisfies(r -> assertThat(r.body().toString())
        .isEqualTo("{\"TimePeriod\":{\"Start\":\"2026-11-23\",\"End\":\"2026-12-01\"},"
            + "\"Metric\":\"UNBLENDED_COST\",\"Granularity\":\"MONTHLY\"}"));
  }

  @Test
  void metricSettingPicksTheFigureInBothCalls() throws Exception {
    String amortized = ProviderFixture.resource("provider/aws/cost_and_usage_page3.json")
        .replace("UnblendedCost", "AmortizedCost").replace("\"NextPageToken\"", "\"x\"");
    ce.on("GetCostAndUsage", ok(amortized));
    ce.on("GetCostForecast", okResource("cost_forecast.json"));
    CollectWindow window = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);

    List<Observation> result = collect(YAML + "    metric: AmortizedCost\n", ENV, window);

    assertThat(ce.calls("GetCostAndUsage").get(0).body().path("Metrics").toString()).isEqualTo("[\"AmortizedCost\"]");
    assertThat(onDay(result, nov(22))).containsEntry(EC2, new BigDecimal("0.7345678901234567890123"));
    // The month's first days are missing from this answer, so no month-end figure can be made.
    assertThat(forecasts(result)).isEmpty();
    assertThat(fixture.log).anyMatch(l -> l.contains("no forecast, 2026-11-01 is not in the result"));
  }

  @Test
  void forecastOnTheMonthsFirstDayIsAwsForecastAlone() throws Exception {
    ce.on("GetCostAndUsage", ok("{\"ResultsByTime\":[{\"TimePeriod\":{\"Start\":\"2026-12-01\",\"End\":"
        + "\"2026-12-02\"},\"Total\":{},\"Groups\":[],\"Estimated\":true}]}"));
    ce.on("GetCostForecast", ok("{\"Total\":{\"Amount\":\"41.5\",\"Unit\":\"USD\"}}"));
    Instant first = Instant.parse("2026-12-01T05:00:00Z");

    List<Observation> result = collect(YAML, ENV, CollectWindow.of(first, ZoneOffset.UTC, 0));

    assertThat(forecasts(result)).singleElement().satisfies(f -> {
      assertThat(f.day()).isEqualTo(LocalDate.of(2026, 12, 1));
      assertThat(f.value()).isEqualByComparingTo("41.5");
    });
  }

  @Test
  void emptyMonthGivesExplicitZerosAndNoForecastWhenAwsHasTooLittleHistory() throws Exception {
    ce.on("GetCostAndUsage", okResource("cost_and_usage_empty.json"));
    ce.on("GetCostForecast", error(400, "DataUnavailableException", "Insufficient amount of historical data"));

    List<Observation> result = collect();

    assertThat(spend(result)).hasSize(23).allSatisfy(o -> {
      assertThat(o.dimension()).isEmpty();
      assertThat(o.value()).isEqualByComparingTo("0");
      assertThat(o.unit()).isEqualTo("USD");
    });
    assertThat(forecasts(result)).isEmpty();
    assertThat(fixture.log).anyMatch(l -> l.contains("no forecast (DataUnavailableException"));
    assertThat(fixture.log).contains("AWS Cost Explorer: 2 requests, 0.02 USD");
  }

  @Test
  void forecastDeniedIsNoForecastButSpendIsKept() throws Exception {
    ce.on("GetCostAndUsage", pages("cost_and_usage_page1.json", "cost_and_usage_page2.json",
        "cost_and_usage_page3.json"));
    ce.on("GetCostForecast", error(400, "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/costmon is not authorized to perform: ce:GetCostForecast"));

    List<Observation> result = collect();

    assertThat(total(result)).isEqualByComparingTo("24.8175845568234567890123");
    assertThat(forecasts(result)).isEmpty();
  }

  @Test
  void accessDeniedIsANamedCondition() {
    ce.on("GetCostAndUsage", error(400, "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/costmon is not authorized to perform: ce:GetCostAndUsage"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).startsWith("credentials lack ce:GetCostAndUsage (AccessDeniedException: User: arn:");
  }

  @Test
  void costExplorerNotEnabledIsANamedCondition() {
    ce.on("GetCostAndUsage", error(400, "DataUnavailableException", "Data is not available."));

    assertThat(failure().kind()).isEqualTo(Kind.CONDITION);
  }

  @Test
  void unknownKeyAndBadSignatureAreAuthFailures() {
    ce.on("GetCostAndUsage", sequence(
        error(400, "UnrecognizedClientException", "The security token included in the request is invalid."),
        error(403, "InvalidSignatureException", "The request signature we calculated does not match.")));

    ProviderException first = failure();
    ProviderException second = failure();

    assertThat(first.kind()).isEqualTo(Kind.AUTH);
    assertThat(first.getMessage()).isEqualTo("GetCostAndUsage failed: UnrecognizedClientException: "
        + "The security token included in the request is invalid.");
    assertThat(second.kind()).isEqualTo(Kind.AUTH);
    assertThat(second.getMessage()).startsWith("GetCostAndUsage failed: InvalidSignatureException");
  }

  @Test
  void plain401And403AreAuthFailures() {
    ce.on("GetCostAndUsage", sequence(respond(401, "text/plain", "Unauthorized"),
        respond(403, "text/html", "<html><body>Forbidden</body></html>")));

    assertThat(failure().kind()).isEqualTo(Kind.AUTH);
    ProviderException forbidden = failure();
    assertThat(forbidden.kind()).isEqualTo(Kind.AUTH);
    assertThat(forbidden.getMessage()).isEqualTo("GetCostAndUsage failed: HTTP 403");
  }

  @Test
  void throttlingAsA400IsRetriedWithBackoffThenSucceeds() throws Exception {
    ce.on("GetCostAndUsage", sequence(error(400, "ThrottlingException", "Rate exceeded"),
        error(400, "Throttling", "Rate exceeded"), pages("cost_and_usage_empty.json")));
    ce.on("GetCostForecast", sequence(error(400, "LimitExceededException", "Too many calls"),
        okResource("cost_forecast.json")));

    List<Observation> result = collect();

    assertThat(spend(result)).hasSize(23);
    assertThat(forecasts(result)).hasSize(1);
    assertThat(fixture.sleeps).hasSize(3);
    assertThat(ce.received).hasSize(5).allSatisfy(r -> assertThat(r.signatureProblem()).isNull());
    // Only the answers that ended a call are archived (and replayed by reprocess).
    assertThat(fixture.archived).extracting(ArchivedResponse::status).containsExactly(200, 200);
  }

  @Test
  void throttlingThatPersistsIsRateLimitedNamingTheAccount() {
    ce.on("GetCostAndUsage", error(400, "ThrottlingException", "Rate exceeded"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.getMessage()).startsWith("rate limited after 4 attempts: HTTP 400 Bad Request from 127.0.0.1:")
        .contains("ThrottlingException");
    assertThat(fixture.requests).hasSize(4);
    assertThat(fixture.sleeps).hasSize(3);
    AccountOutcome outcome = collectThroughTheCollector(YAML, ENV);
    assertThat(outcome.account().id()).isEqualTo("test");
    assertThat(outcome.error()).startsWith("rate limited after 4 attempts");
  }

  @Test
  void otherBadRequestsAreNotRetried() {
    ce.on("GetCostAndUsage", error(400, "ValidationException", "Start date is after end date"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.OTHER);
    assertThat(e.getMessage()).isEqualTo("GetCostAndUsage failed: ValidationException: Start date is after end date");
    assertThat(fixture.requests).hasSize(1);
    assertThat(fixture.sleeps).isEmpty();
  }

  @Test
  void http429WithRetryAfterIsRetriedByTheEngine() throws Exception {
    HttpHandler limited = exchange -> {
      exchange.getResponseHeaders().set("Retry-After", "2");
      error(429, "ThrottlingException", "Rate exceeded").handle(exchange);
    };
    ce.on("GetCostAndUsage", sequence(limited, pages("cost_and_usage_empty.json")));
    ce.on("GetCostForecast", okResource("cost_forecast.json"));

    List<Observation> result = collect();

    assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(2));
    assertThat(spend(result)).hasSize(23);
    assertThat(ce.calls("GetCostAndUsage")).hasSize(2).allSatisfy(r -> assertThat(r.signatureProblem()).isNull());
  }

  @Test
  void serverErrorThenSuccess() throws Exception {
    ce.on("GetCostAndUsage", sequence(respond(500, "application/x-amz-json-1.1",
        "{\"__type\":\"InternalServerError\"}"), pages("cost_and_usage_empty.json")));
    ce.on("GetCostForecast", okResource("cost_forecast.json"));

    assertThat(spend(collect())).hasSize(23);
    assertThat(fixture.sleeps).hasSize(1);
  }

  @Test
  void serverErrorForeverIsUnavailable() {
    ce.on("GetCostAndUsage", respond(503, "text/plain", "Service Unavailable"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(fixture.sleeps).hasSize(3);
  }

  @Test
  void htmlPageIsABadResponse() {
    ce.on("GetCostAndUsage", respond(200, "text/html", "<!DOCTYPE html><html><body>Captive portal</body></html>"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("is not JSON");
  }

  @Test
  void truncatedJsonIsABadResponse() {
    String whole = ProviderFixture.resource("provider/aws/cost_and_usage_page1.json");
    ce.on("GetCostAndUsage", ok(whole.substring(0, whole.length() / 2)));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("truncated");
  }

  @Test
  void missingRequiredFieldsAreBadResponsesNamingTheField() {
    ce.on("GetCostAndUsage", sequence(
        ok("{\"GroupDefinitions\":[]}"),
        ok("{\"ResultsByTime\":[{\"TimePeriod\":{\"Start\":\"2026-11-01\",\"End\":\"2026-11-02\"},\"Groups\":"
            + "[{\"Keys\":[\"Tax\"],\"Metrics\":{\"UnblendedCost\":{\"Unit\":\"USD\"}}}]}]}"),
        ok("{\"ResultsByTime\":[{\"Groups\":[]}]}")));

    assertThat(failure()).hasMessage("Cost Explorer response has no ResultsByTime")
        .extracting(ProviderException::kind).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(failure()).hasMessage(
        "Cost Explorer response has no ResultsByTime[0].Groups[0].Metrics.UnblendedCost.Amount");
    assertThat(failure()).hasMessage("Cost Explorer response has no ResultsByTime[0].TimePeriod.Start");
  }

  @Test
  void aResultLongerThanADayIsSpreadOverItsDaysNotBookedOnTheFirst() throws Exception {
    // TimePeriod.End is exclusive: 2026-11-20 to 2026-11-23 is three days.
    ce.on("GetCostAndUsage", ok("{\"ResultsByTime\":[{\"TimePeriod\":{\"Start\":\"2026-11-20\",\"End\":"
        + "\"2026-11-23\"},\"Total\":{},\"Groups\":[{\"Keys\":[\"" + S3 + "\"],\"Metrics\":{\"UnblendedCost\":"
        + "{\"Amount\":\"1.00\",\"Unit\":\"USD\"}}},{\"Keys\":[\"Tax\"],\"Metrics\":{\"UnblendedCost\":"
        + "{\"Amount\":\"0.30\",\"Unit\":\"USD\"}}}],\"Estimated\":false},"
        + "{\"TimePeriod\":{\"Start\":\"2026-11-23\",\"End\":\"2026-11-24\"},\"Total\":{},\"Groups\":"
        + "[{\"Keys\":[\"" + S3 + "\"],\"Metrics\":{\"UnblendedCost\":{\"Amount\":\"0.05\",\"Unit\":\"USD\"}}}],"
        + "\"Estimated\":true}]}"));
    ce.on("GetCostForecast", error(400, "DataUnavailableException", "Insufficient amount of historical data"));

    List<Observation> result = collect();

    assertThat(onDay(result, nov(20))).containsOnly(
        Map.entry(S3, new BigDecimal("0.33333333")), Map.entry("Tax", new BigDecimal("0.10000000")));
    assertThat(onDay(result, nov(21))).containsOnly(
        Map.entry(S3, new BigDecimal("0.33333333")), Map.entry("Tax", new BigDecimal("0.10000000")));
    assertThat(onDay(result, nov(22))).containsOnly(
        Map.entry(S3, new BigDecimal("0.33333334")), Map.entry("Tax", new BigDecimal("0.10000000")));
    assertThat(onDay(result, nov(23))).containsOnly(Map.entry(S3, new BigDecimal("0.05")));
    assertThat(total(result)).isEqualByComparingTo("1.35");
    assertThat(fixture.log).anyMatch(l -> l.contains("spread evenly over 3 day(s)"));
  }

  @Test
  void aTimePeriodEndingBeforeItStartsIsABadResponse() {
    ce.on("GetCostAndUsage", ok("{\"ResultsByTime\":[{\"TimePeriod\":{\"Start\":\"2026-11-20\",\"End\":"
        + "\"2026-11-20\"},\"Total\":{},\"Groups\":[],\"Estimated\":false}]}"));

    assertThat(failure()).hasMessage("Cost Explorer response has ResultsByTime[0].TimePeriod 2026-11-20 to "
        + "2026-11-20, not a period of 1 to 367 days")
        .extracting(ProviderException::kind).isEqualTo(Kind.BAD_RESPONSE);
  }

  @Test
  void aRevisedDayCarriesItsNewFigure() throws Exception {
    String first = "{\"ResultsByTime\":[{\"TimePeriod\":{\"Start\":\"2026-11-22\",\"End\":\"2026-11-23\"},"
        + "\"Groups\":[{\"Keys\":[\"Amazon Simple Storage Service\"],\"Metrics\":{\"UnblendedCost\":"
        + "{\"Amount\":\"%s\",\"Unit\":\"USD\"}}}],\"Estimated\":%s}]}";
    ce.on("GetCostAndUsage", sequence(ok(first.formatted("0.41", "true")), ok(first.formatted("0.4377", "false"))));
    ce.on("GetCostForecast", okResource("cost_forecast.json"));

    List<Observation> before = collect();
    List<Observation> after = collect();

    assertThat(onDay(before, nov(22))).containsOnly(Map.entry(S3, new BigDecimal("0.41")));
    assertThat(onDay(after, nov(22))).containsOnly(Map.entry(S3, new BigDecimal("0.4377")));
  }

  @Test
  void maxRequestsBoundsWhatOneCollectionCosts() {
    serveNormalMonth();

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> collect(YAML + "    max_requests: 2\n", ENV, WINDOW));

    assertThat(e.kind()).isEqualTo(Kind.OTHER);
    assertThat(e.getMessage()).isEqualTo(
        "GetCostAndUsage needs more than max_requests: 2 requests (each costs 0.01 USD); raise max_requests");
    assertThat(fixture.requests).hasSize(2);
    assertThat(fixture.log).contains("AWS Cost Explorer: 2 requests, 0.02 USD");
  }

  @Test
  void theForecastIsLeftOutWhenTheBudgetIsSpent() throws Exception {
    serveNormalMonth();

    List<Observation> result = collect(YAML + "    max_requests: 3\n", ENV, WINDOW);

    assertThat(total(result)).isEqualByComparingTo("24.8175845568234567890123");
    assertThat(forecasts(result)).isEmpty();
    assertThat(ce.calls("GetCostForecast")).isEmpty();
    assertThat(fixture.log).contains("AWS Cost Explorer: no forecast, max_requests: 3 reached");
  }

  @Test
  void sessionTokenIsSentSignedAndNeverVisible() throws Exception {
    // AWS echoes the canonical request, session token included, when a signature does not match.
    ce.on("GetCostAndUsage", sequence(pages("cost_and_usage_empty.json"),
        error(400, "InvalidSignatureException", "x-amz-security-token:" + TOKEN
            + " The request signature we calculated does not match the signature you provided.\n"
            + "The Canonical String for this request should have been\n'POST\n/\n\nx-amz-security-token:"
            + TOKEN + "'")));
    ce.on("GetCostForecast", okResource("cost_forecast.json"));
    String yaml = YAML + "    session_token: ${AWS_TOKEN}\n";

    collect(yaml, ENV, WINDOW);
    ProviderException e = catchThrowableOfType(ProviderException.class, () -> collect(yaml, ENV, WINDOW));

    assertThat(ce.received.get(0).headers().get("X-amz-security-token")).containsExactly(TOKEN);
    assertThat(ce.received.get(0).headers().get("Authorization").get(0))
        .contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target");
    assertThat(ce.received.get(0).signatureProblem()).isNull();
    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).contains("x-amz-security-token:***");
    assertNothingSecretVisible();
  }

  @Test
  void secretsAppearNowhere() {
    serveNormalMonth();
    ce.on("GetCostForecast", error(400, "ValidationException", "bad key " + SECRET + " " + KEY_ID));
    // Every kind of answer once, so every path that prints something is covered.
    try {
      collect();
    } catch (ProviderException e) {
      throw new AssertionError(e);
    }
    ce.on("GetCostAndUsage", error(400, "UnrecognizedClientException", "key " + KEY_ID + " secret " + SECRET));
    failure();
    ce.on("GetCostAndUsage", respond(500, "text/plain", "oops " + SECRET));
    failure();

    assertThat(fixture.log).anyMatch(l -> l.contains("no forecast (ValidationException: bad key *** ***)"));
    assertThat(messages).hasSize(2);
    assertNothingSecretVisible();
  }

  private void assertNothingSecretVisible() {
    String visible = fixture.everythingVisible() + String.join("\n", messages);
    for (String secret : List.of(SECRET, KEY_ID, TOKEN)) {
      assertThat(visible).doesNotContain(secret);
    }
    assertThat(fixture.archived).isNotEmpty();
  }

  @Test
  void archivedResponsesReplayToTheSameFigures() throws Exception {
    serveNormalMonth();
    List<Observation> live = collect();
    List<ReplayHttp.Recorded> recorded = new ArrayList<>();
    for (ArchivedResponse r : fixture.archived) {
      recorded.add(new ReplayHttp.Recorded(r.method(), r.url(), r.status(), r.contentType(), r.body(),
          r.requestSha256()));
    }
    AwsProvider provider = provider();
    Account account = fixture.account(provider, YAML, ENV);
    List<String> log = new ArrayList<>();

    List<Observation> replayed = provider.collect(account, (AwsSettings) account.settings(), WINDOW,
        new AccountContext(CLOCK, log::add, account, new ReplayHttp(recorded)));

    assertThat(replayed).isEqualTo(live);
  }

  @Test
  void replayMatchesEachRequestByItsBodyWhateverTheArchiveOrder() throws Exception {
    serveNormalMonth();
    List<Observation> live = collect();
    assertThat(fixture.archived).hasSize(4).allSatisfy(r -> assertThat(r.requestSha256()).matches("[0-9a-f]{64}"));
    assertThat(fixture.archived).extracting(ArchivedResponse::requestSha256).doesNotHaveDuplicates();
    List<ArchivedResponse> reversed = new ArrayList<>(fixture.archived);
    java.util.Collections.reverse(reversed);
    AwsProvider provider = provider();
    Account account = fixture.account(provider, YAML, ENV);

    List<Observation> withDigests = replay(provider, account, reversed, true);

    assertThat(withDigests).isEqualTo(live);
    // Without the digests (rows archived before they were kept) only the order is left, and the
    // reversed archive answers the first page with the forecast: the digest is what matches.
    assertThatThrownBy(() -> replay(provider, account, reversed, false))
        .isInstanceOf(ProviderException.class);
  }

  private static List<Observation> replay(AwsProvider provider, Account account, List<ArchivedResponse> archived,
      boolean withDigests) throws ProviderException {
    List<ReplayHttp.Recorded> recorded = archived.stream().map(r -> new ReplayHttp.Recorded(r.method(), r.url(),
        r.status(), r.contentType(), r.body(), withDigests ? r.requestSha256() : null)).toList();
    return provider.collect(account, (AwsSettings) account.settings(), WINDOW,
        new AccountContext(CLOCK, line -> {}, account, new ReplayHttp(recorded)));
  }

  @Test
  void credentialsComeFromTheSdkChainWhenTheAccountNamesNone() throws Exception {
    // The SDK reads aws.accessKeyId before AWS_ACCESS_KEY_ID: the same provider, testable.
    sdk.set("aws.accessKeyId", KEY_ID).set("aws.secretAccessKey", SECRET).set("aws.sessionToken", TOKEN);
    serveNormalMonth();

    collect("", Map.of(), WINDOW);

    assertThat(ce.received).allSatisfy(r -> assertThat(r.signatureProblem()).isNull());
    assertThat(ce.received.get(0).headers().get("X-amz-security-token")).containsExactly(TOKEN);
    assertThat(ce.received.get(0).headers().get("Authorization").get(0)).contains("Credential=" + KEY_ID + "/");
    assertNothingSecretVisible();
  }

  @Test
  void credentialsComeFromTheNamedProfileAloneEvenWithKeysInTheEnvironment() throws Exception {
    Path file = home.resolve("creds");
    Files.writeString(file, """
        [default]
        aws_access_key_id = AKIAOTHERKEY00000000
        aws_secret_access_key = not-this-one

        # costmon's own read-only key
        [billing]
        aws_access_key_id = %s
        aws_secret_access_key = %s
        """.formatted(KEY_ID, SECRET));
    sdk.set("aws.accessKeyId", "AKIAIGNOREDBECAUSEAPROFILEISNAMED").set("aws.secretAccessKey", "ignored");
    serveNormalMonth();

    collect("    credentials_file: " + file + "\n    profile: billing\n", Map.of(), WINDOW);

    assertThat(ce.received).allSatisfy(r -> assertThat(r.signatureProblem()).isNull());
    assertThat(ce.received.get(0).headers().get("Authorization").get(0)).contains("Credential=" + KEY_ID + "/");
  }

  @Test
  void profileOfTheDefaultSharedFilesByName() throws Exception {
    Path credentials = home.resolve("credentials");
    Files.writeString(credentials, "[ops]\naws_access_key_id=" + KEY_ID + "\naws_secret_access_key=" + SECRET + "\n");
    sdk.set("aws.sharedCredentialsFile", credentials.toString());
    serveNormalMonth();

    collect("    profile: ops\n", Map.of(), WINDOW);

    assertThat(ce.received).isNotEmpty().allSatisfy(r -> assertThat(r.signatureProblem()).isNull());
  }

  @Test
  void missingCredentialsAreOneAuthLineAndTheOtherAccountsStillCollect() throws IOException {
    serveNormalMonth();
    AwsProvider provider = provider();
    Account without = fixture.account(provider, "", Map.of());
    Account with = fixture.account(provider, YAML, ENV);
    Collector collector = new Collector(CLOCK, 1, Duration.ofSeconds(60), a -> fixture.context(a, CLOCK));
    List<AccountOutcome> outcomes = collector.collect(List.of(without, with), WINDOW, null, 0, o -> {}).outcomes();
    assertThat(outcomes).hasSize(2);
    assertThat(outcomes.get(1).ok()).isTrue();
    assertThat(outcomes.get(1).observations()).isNotEmpty();
    AccountOutcome none = outcomes.get(0);
    assertThat(none.ok()).isFalse();
    assertThat(none.error()).startsWith("no AWS credentials found in the environment, web identity, shared"
        + " profile, container or instance metadata: set access_key_id/secret_access_key or profile")
        .doesNotContain("\n");

    Path file = home.resolve("roles");
    Files.writeString(file, "[half]\naws_access_key_id = " + KEY_ID + "\n");
    ProviderException half = catchThrowableOfType(ProviderException.class,
        () -> collect("    credentials_file: " + file + "\n    profile: half\n", Map.of(), WINDOW));
    assertThat(half.kind()).isEqualTo(Kind.AUTH);
    assertThat(half.getMessage()).isEqualTo("no AWS credentials from profile 'half': Profile property"
        + " 'aws_secret_access_key' was not configured for 'half'");
    ProviderException absent = catchThrowableOfType(ProviderException.class,
        () -> collect("    credentials_file: " + file + "\n    profile: nope\n", Map.of(), WINDOW));
    assertThat(absent.getMessage()).isEqualTo("no AWS credentials from profile 'nope': Profile file contained"
        + " no credentials for profile 'nope'");
    ProviderException noFile = catchThrowableOfType(ProviderException.class,
        () -> collect("    credentials_file: " + home.resolve("nothing") + "\n", Map.of(), WINDOW));
    assertThat(noFile.getMessage()).startsWith("credentials file ").endsWith(" not found or not readable");
    assertThat(messages).noneMatch(m -> m.contains(KEY_ID));
  }

  @Test
  void settingsAreCheckedWhenTheConfigLoads() {
    AwsProvider provider = provider();
    assertThatThrownBy(() -> fixture.account(provider, "    access_key_id: ${AWS_KEY}\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("secret_access_key");
    assertThatThrownBy(() -> fixture.account(provider, YAML + "    metric: UsageQuantity\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("metric");
    assertThatThrownBy(() -> fixture.account(provider, YAML + "    max_requests: 0\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("max_requests");
    assertThatThrownBy(() -> fixture.account(provider, YAML + "    region: Virginia\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("region");
    assertThatThrownBy(() -> fixture.account(provider, YAML + "    profile: x\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("credentials_file/profile");
  }

  @Test
  void probeMakesOneSignedRequest() throws Exception {
    ce.on("GetCostAndUsage", okResource("cost_and_usage_empty.json"));
    AwsProvider provider = provider();
    Account account = fixture.account(provider, YAML, ENV);

    var answer = provider.probe(account, (AwsSettings) account.settings(), fixture.context(account, CLOCK));

    assertThat(answer).hasValueSatisfying(s -> assertThat(s).contains("1 request, 0.01 USD"));
    assertThat(ce.received).singleElement().satisfies(r -> {
      assertThat(r.signatureProblem()).isNull();
      assertThat(r.body().path("TimePeriod").toString()).isEqualTo("{\"Start\":\"2026-11-22\",\"End\":\"2026-11-23\"}");
    });
  }
}
