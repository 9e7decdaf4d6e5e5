package dev.costmon.provider.openrouter;

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
import dev.costmon.config.ConfigLoader;
import dev.costmon.config.Environment;
import dev.costmon.http.ApiRequest;
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
import dev.costmon.provider.ProviderRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenRouterProviderTest {
  private static final String SECRET = "sk-or-v1-TESTsecretVALUE0123456789abcdef0123456789abcdef";
  private static final Map<String, String> ENV = Map.of("OPENROUTER_KEY", SECRET);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  /** 2026-11-01..2026-11-23; /activity answers for 11-01..11-22 (today is not completed). */
  private static final CollectWindow WINDOW = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);
  private static final String MANAGEMENT = "    api_key: ${OPENROUTER_KEY}\n";
  private static final String INFERENCE = "    api_key: ${OPENROUTER_KEY}\n    key_type: inference\n";

  private final OpenRouterProvider provider = new OpenRouterProvider();
  private final ProviderFixture fixture = new ProviderFixture();
  private final List<String> messages = new ArrayList<>();

  @AfterEach
  void close() {
    fixture.close();
  }

  private static LocalDate nov(int day) {
    return LocalDate.of(2026, 11, day);
  }

  private static String file(String name) {
    return resource("provider/openrouter/" + name);
  }

  private static HttpHandler jsonFile(String name) {
    return json(file(name));
  }

  private void serveManagement(String activity, String credits) {
    fixture.route("/activity", jsonFile(activity));
    fixture.route("/credits", jsonFile(credits));
  }

  private List<Observation> collect(String yaml) throws ProviderException {
    return collect(yaml, WINDOW);
  }

  private List<Observation> collect(String yaml, CollectWindow window) throws ProviderException {
    Account account = fixture.account(provider, yaml, ENV);
    try {
      return fixture.collect(provider, account, window, CLOCK);
    } catch (ProviderException e) {
      messages.add(e.getMessage());
      throw e;
    }
  }

  private ProviderException failure(String yaml) {
    return catchThrowableOfType(ProviderException.class, () -> collect(yaml));
  }

  /** A model's spend of a day: the model is the dimension and, for report --by model, its tag. */
  private static Observation model(LocalDate day, String model, String amount) {
    return Observation.spend(day, model, Money.of(amount, "USD"), Provenance.API).withTags(Map.of("model", model));
  }

  private static List<Observation> spend(List<Observation> result) {
    return result.stream().filter(o -> o.kind() == ObservationKind.SPEND).toList();
  }

  private static BigDecimal total(List<Observation> result) {
    return spend(result).stream().map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static Optional<Observation> find(List<Observation> result, String metric, String dimension, LocalDate day) {
    return result.stream()
        .filter(o -> o.metric().equals(metric) && o.dimension().equals(dimension) && o.day().equals(day))
        .findFirst();
  }

  private static BigDecimal value(List<Observation> result, String metric, String dimension, LocalDate day) {
    return find(result, metric, dimension, day)
        .orElseThrow(() -> new AssertionError("no " + metric + " for '" + dimension + "' on " + day))
        .value();
  }

  private static Set<LocalDate> days(List<Observation> result) {
    return spend(result).stream().map(Observation::day).collect(Collectors.toCollection(TreeSet::new));
  }

  // --- management key: /activity and /credits ---

  @Test
  void normalMonthGivesDailySpendPerModelExactly() throws Exception {
    serveManagement("activity.json", "credits.json");

    List<Observation> result = collect(MANAGEMENT);

    // Rows per endpoint are summed per model; 0.1015644762 + 0.05 stays exact.
    assertThat(spend(result)).contains(
        model(nov(2), "openai/gpt-4.1", "0.1515644762"),
        model(nov(2), "anthropic/claude-sonnet-4", "1.2345678901"),
        model(nov(15), "deepseek/deepseek-chat-v3-0324:free", "0"),
        model(nov(22), "anthropic/claude-sonnet-4", "2.5"));
    assertThat(total(result)).isEqualByComparingTo("3.8861323663");
    assertThat(total(result).toPlainString()).isEqualTo("3.8861323663");
    assertThat(spend(result)).allSatisfy(o -> {
      assertThat(o.unit()).isEqualTo("USD");
      assertThat(o.provenance()).isEqualTo(Provenance.API);
    });
  }

  @Test
  void everyCompletedDayOfTheWindowIsReportedAndTodayIsNot() throws Exception {
    serveManagement("activity.json", "credits.json");

    List<Observation> result = collect(MANAGEMENT);

    Set<LocalDate> expected = new TreeSet<>();
    for (LocalDate d = nov(1); !d.isAfter(nov(22)); d = d.plusDays(1)) {
      expected.add(d);
    }
    assertThat(days(result)).isEqualTo(expected);
    // A day without activity is an explicit zero for the whole account, not a gap.
    assertThat(spend(result)).contains(Observation.spend(nov(1), "", Money.of("0", "USD"), Provenance.API),
        Observation.spend(nov(21), "", Money.of("0", "USD"), Provenance.API));
    assertThat(value(result, "requests", "", nov(21))).isZero();
    // 2026-10-28 is outside the window: /activity returns 30 days, the window asks for November.
    assertThat(result).noneMatch(o -> o.day().isBefore(nov(1)));
    // Today (still running) comes tomorrow through the lookback; only the balance is dated today.
    assertThat(result.stream().filter(o -> o.day().equals(nov(23))).map(Observation::metric))
        .containsExactlyInAnyOrder("credits_remaining", "credits_used_total");
  }

  @Test
  void requestsAndTokensPerModelAreSummedUsage() throws Exception {
    serveManagement("activity.json", "credits.json");

    List<Observation> result = collect(MANAGEMENT);

    assertThat(value(result, "requests", "openai/gpt-4.1", nov(2))).isEqualByComparingTo("15");
    assertThat(value(result, "prompt_tokens", "openai/gpt-4.1", nov(2))).isEqualByComparingTo("14000");
    assertThat(value(result, "completion_tokens", "openai/gpt-4.1", nov(2))).isEqualByComparingTo("3900");
    assertThat(value(result, "requests", "deepseek/deepseek-chat-v3-0324:free", nov(15))).isEqualByComparingTo("40");
    Observation tokens = find(result, "prompt_tokens", "anthropic/claude-sonnet-4", nov(22)).orElseThrow();
    assertThat(tokens.unit()).isEqualTo("tokens");
    assertThat(tokens.aggregation()).isEqualTo(Aggregation.SUM);
    assertThat(find(result, "requests", "anthropic/claude-sonnet-4", nov(22)).orElseThrow().unit())
        .isEqualTo("requests");
  }

  @Test
  void creditsRemainingIsTheBalanceToday() throws Exception {
    serveManagement("activity.json", "credits.json");

    List<Observation> result = collect(MANAGEMENT);

    assertThat(result).contains(
        Observation.usage(nov(23), "credits_remaining", "", new BigDecimal("57.8765432109"), "USD",
            Aggregation.LAST, Provenance.API),
        Observation.usage(nov(23), "credits_used_total", "", new BigDecimal("42.1234567891"), "USD",
            Aggregation.LAST, Provenance.API));
  }

  @Test
  void requestsGoToTheBaseWithTheKeyAsBearer() throws Exception {
    serveManagement("activity.json", "credits.json");

    collect(MANAGEMENT);

    // One /activity call covers the window: no per-day calls, no query parameters.
    assertThat(fixture.requests).containsExactly("GET /activity", "GET /credits");
    assertThat(fixture.requestHeaders).allSatisfy(headers ->
        assertThat(headers.get("Authorization")).containsExactly("Bearer " + SECRET));
  }

  @Test
  void theDefaultBaseKeepsItsApiV1Path() throws Exception {
    // An account without endpoint: the replayed answers only match the documented URLs.
    Environment environment = new Environment(ENV, Path.of("/tmp"), Path.of("/tmp"), false);
    Account account = new ConfigLoader(new ProviderRegistry(List.of(provider)), environment)
        .parse(Path.of("/tmp/test.yaml"), "currency: USD\naccounts:\n  - id: test\n    provider: openrouter\n"
            + MANAGEMENT)
        .accounts().get(0);
    List<String> asked = new ArrayList<>();
    ReplayHttp replay = new ReplayHttp(List.of(
        recorded("https://openrouter.ai/api/v1/activity", file("activity.json")),
        recorded("https://openrouter.ai/api/v1/credits", file("credits.json"))));
    List<Observation> result = provider.collect(account, (OpenRouterSettings) account.settings(), WINDOW,
        new AccountContext(CLOCK, line -> { }, account, (ApiRequest request) -> {
          asked.add(request.uri().toString());
          return replay.send(request);
        }));

    assertThat(asked).containsExactly("https://openrouter.ai/api/v1/activity", "https://openrouter.ai/api/v1/credits");
    assertThat(total(result)).isEqualByComparingTo("3.8861323663");
  }

  private static ReplayHttp.Recorded recorded(String url, String body) {
    return new ReplayHttp.Recorded("GET", url, 200, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anEmptyMonthIsZeroOnEveryDay() throws Exception {
    fixture.route("/activity", jsonFile("activity_empty.json"));
    fixture.route("/credits", json("{\"data\":{\"total_credits\":10,\"total_usage\":0}}"));

    List<Observation> result = collect(MANAGEMENT);

    assertThat(spend(result)).hasSize(22).allSatisfy(o -> {
      assertThat(o.dimension()).isEmpty();
      assertThat(o.value()).isZero();
    });
    assertThat(value(result, "credits_remaining", "", nov(23))).isEqualByComparingTo("10");
  }

  @Test
  void aDayRevisedInALaterRunCarriesTheNewFigure() throws Exception {
    fixture.route("/activity", sequence(jsonFile("activity.json"), jsonFile("activity_revised.json")));
    fixture.route("/credits", jsonFile("credits.json"));

    List<Observation> first = collect(MANAGEMENT);
    List<Observation> second = collect(MANAGEMENT);

    assertThat(value(first, "spend", "anthropic/claude-sonnet-4", nov(22))).isEqualByComparingTo("2.5");
    assertThat(value(second, "spend", "anthropic/claude-sonnet-4", nov(22))).isEqualByComparingTo("2.75");
    assertThat(value(second, "requests", "anthropic/claude-sonnet-4", nov(22))).isEqualByComparingTo("10");
    // Days whose activity disappeared are reported as zero, so the store replaces the old rows.
    assertThat(find(second, "spend", "openai/gpt-4.1", nov(2))).isEmpty();
    assertThat(value(second, "spend", "", nov(2))).isZero();
  }

  @Test
  void amountsWithManyDecimalsAreReadExactly() throws Exception {
    fixture.route("/activity", json("""
        {"data":[
          {"date":"2026-11-20","model":"m/a","usage":0.000000123456789012345678,"requests":1,
           "prompt_tokens":1,"completion_tokens":1},
          {"date":"2026-11-20","model":"m/a","usage":1E-10,"requests":1,
           "prompt_tokens":1,"completion_tokens":1},
          {"date":"2026-11-20","model":"m/b","usage":12345678901234.10,"requests":1,
           "prompt_tokens":1,"completion_tokens":1}
        ]}"""));
    fixture.route("/credits", json("{\"data\":{\"total_credits\":0.3,\"total_usage\":0.1}}"));

    List<Observation> result = collect(MANAGEMENT);

    assertThat(value(result, "spend", "m/a", nov(20)).toPlainString()).isEqualTo("0.000000123556789012345678");
    assertThat(value(result, "spend", "m/b", nov(20)).toPlainString()).isEqualTo("12345678901234.10");
    assertThat(value(result, "credits_remaining", "", nov(23)).toPlainString()).isEqualTo("0.2");
  }

  @Test
  void aDateWithAMidnightTimeIsThatDay() throws Exception {
    fixture.route("/activity", json("""
        {"data":[{"date":"2026-11-20 00:00:00","model":"m/a","usage":0.5,"requests":1,
          "prompt_tokens":1,"completion_tokens":1}]}"""));
    fixture.route("/credits", jsonFile("credits.json"));

    assertThat(value(collect(MANAGEMENT), "spend", "m/a", nov(20))).isEqualByComparingTo("0.5");
  }

  @Test
  void daysPastWhatActivityKeepsAreLeftAlone() throws Exception {
    // lookback 40: the window starts 2026-10-14, /activity keeps 10-24..11-22.
    CollectWindow wide = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 40);
    fixture.route("/activity", json("""
        {"data":[{"date":"2026-10-30","model":"m/a","usage":0.5,"requests":1,
          "prompt_tokens":1,"completion_tokens":1}]}"""));
    fixture.route("/credits", jsonFile("credits.json"));

    List<Observation> result = collect(MANAGEMENT, wide);

    // 10-24 may be rolling out of the API's 30 days: no row is no proof of zero, so it is left out.
    assertThat(days(result)).first().isEqualTo(LocalDate.of(2026, 10, 25));
    assertThat(days(result)).last().isEqualTo(nov(22));
    assertThat(value(result, "spend", "m/a", LocalDate.of(2026, 10, 30))).isEqualByComparingTo("0.5");
    assertThat(fixture.log).anyMatch(line -> line.contains("days before 2026-10-24"));
  }

  @Test
  void completedDaysAreUtcDaysWhateverTheConfigZone() throws Exception {
    // 2026-11-22T20:00Z is already 11-23 in Tokyo, but 11-22 (UTC) is not completed yet.
    Instant now = Instant.parse("2026-11-22T20:00:00Z");
    CollectWindow tokyo = CollectWindow.of(now, ZoneId.of("Asia/Tokyo"), 3);
    serveManagement("activity.json", "credits.json");

    List<Observation> result = collect(MANAGEMENT, tokyo);

    assertThat(days(result)).last().isEqualTo(nov(21));
    assertThat(find(result, "spend", "anthropic/claude-sonnet-4", nov(22))).isEmpty();
  }

  @Test
  void silentZeroCreditsAreNotTakenForAnEmptyBalance() throws Exception {
    fixture.route("/activity", jsonFile("activity.json"));
    fixture.route("/credits", json("{\"data\":{\"total_credits\":0,\"total_usage\":0}}"));

    List<Observation> result = collect(MANAGEMENT);

    assertThat(result).noneMatch(o -> o.metric().startsWith("credits_"));
    assertThat(total(result)).isEqualByComparingTo("3.8861323663");
    assertThat(fixture.log).anyMatch(line -> line.contains("balance not recorded"));
  }

  @Test
  void anInferenceKeyOnTheManagementEndpointsIsANamedCondition() {
    fixture.route("/activity", respond(403, "application/json", file("forbidden_management.json")));

    ProviderException e = failure(MANAGEMENT);

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage())
        .startsWith("not a management key")
        .contains("key_type: inference")
        .contains("HTTP 403 from /activity: Only management keys can perform this operation")
        .doesNotContain("\n");
    assertThat(fixture.requests).containsExactly("GET /activity");
  }

  @Test
  void anotherForbiddenIsAnAuthFailure() {
    fixture.route("/activity", respond(403, "application/json",
        "{\"error\":{\"code\":403,\"message\":\"Key disabled\"}}"));

    ProviderException e = failure(MANAGEMENT);

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).isEqualTo("HTTP 403 Forbidden from /activity: Key disabled");
  }

  @Test
  void aRejectedKeyIsAnAuthFailure() {
    fixture.route("/activity", respond(401, "application/json", file("unauthorized.json")));

    ProviderException e = failure(MANAGEMENT);

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).contains("401").contains("User not found");
    assertThat(fixture.requests).hasSize(1);
  }

  @Test
  void rateLimitedThenAnsweredWaitsAsAsked() throws Exception {
    fixture.route("/activity", sequence(
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "7");
          ProviderFixture.send(exchange, 429, "application/json",
              "{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}}");
        },
        jsonFile("activity.json")));
    fixture.route("/credits", jsonFile("credits.json"));

    List<Observation> result = collect(MANAGEMENT);

    assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(total(result)).isEqualByComparingTo("3.8861323663");
  }

  @Test
  void aServerErrorThenAnAnswerIsRetried() throws Exception {
    fixture.route("/activity", jsonFile("activity.json"));
    fixture.route("/credits", sequence(
        respond(500, "application/json", "{\"error\":{\"code\":500,\"message\":\"Internal Server Error\"}}"),
        jsonFile("credits.json")));

    List<Observation> result = collect(MANAGEMENT);

    assertThat(value(result, "credits_remaining", "", nov(23))).isEqualByComparingTo("57.8765432109");
    assertThat(fixture.requests).containsExactly("GET /activity", "GET /credits", "GET /credits");
  }

  @Test
  void aServerErrorForeverIsUnavailable() {
    fixture.route("/activity", respond(500, "application/json",
        "{\"error\":{\"code\":500,\"message\":\"Internal Server Error\"}}"));

    ProviderException e = failure(MANAGEMENT);

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("500").contains("attempts");
  }

  @Test
  void anHtmlPageIsABadResponse() {
    fixture.route("/activity", respond(200, "text/html", file("error_page.html")));

    ProviderException e = failure(MANAGEMENT);

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("not JSON").contains("<!DOCTYPE html>").doesNotContain("\n");
  }

  @Test
  void truncatedJsonIsABadResponse() {
    String whole = file("activity.json");
    fixture.route("/activity", json(whole.substring(0, whole.length() / 2)));

    ProviderException e = failure(MANAGEMENT);

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("truncated");
  }

  @Test
  void aRowWithoutItsUsageIsABadResponseNamingTheField() {
    fixture.route("/activity", json("""
        {"data":[
          {"date":"2026-11-20","model":"m/a","usage":0.5,"requests":1,"prompt_tokens":1,"completion_tokens":1},
          {"date":"2026-11-21","model":"m/a","requests":1,"prompt_tokens":1,"completion_tokens":1}
        ]}"""));

    ProviderException e = failure(MANAGEMENT);

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("response field /activity.data[1].usage is missing");
  }

  @Test
  void anAnswerWithoutDataOrWithABadDateIsABadResponse() {
    fixture.route("/activity", sequence(json("{\"items\":[]}"),
        json("{\"data\":[{\"date\":\"22/11/2026\",\"model\":\"m/a\",\"usage\":1,\"requests\":1,"
            + "\"prompt_tokens\":1,\"completion_tokens\":1}]}")));

    assertThat(failure(MANAGEMENT).getMessage()).isEqualTo("response field /activity.data is missing");
    assertThat(failure(MANAGEMENT).getMessage()).contains("/activity.data[0].date").contains("not a day");
  }

  @Test
  void creditsWithoutTotalUsageIsABadResponse() {
    fixture.route("/activity", jsonFile("activity.json"));
    fixture.route("/credits", json("{\"data\":{\"total_credits\":100}}"));

    ProviderException e = failure(MANAGEMENT);

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("response field /credits.data.total_usage is missing");
  }

  // --- inference key: /key ---

  @Test
  void anInferenceKeyGivesItsMonthToDateOnTheFirstOfTheMonth() throws Exception {
    fixture.route("/key", jsonFile("key.json"));

    List<Observation> result = collect(INFERENCE);

    assertThat(spend(result)).containsExactly(
        Observation.spend(nov(1), "month to date (key sk-or-v1-0e6...1c9)", Money.of("12.2499999999", "USD"),
            Provenance.API));
    assertThat(result).contains(
        Observation.usage(nov(23), "credits_remaining", "", new BigDecimal("37.7500000001"), "USD",
            Aggregation.LAST, Provenance.API));
    assertThat(result).hasSize(3);
    assertThat(fixture.requests).containsExactly("GET /key");
    assertThat(fixture.requestHeaders.get(0).get("Authorization")).containsExactly("Bearer " + SECRET);
  }

  @Test
  void eachRunReplacesTheMonthToDateRow() throws Exception {
    fixture.route("/key", sequence(jsonFile("key.json"),
        json(file("key.json").replace("12.2499999999", "13.5"))));

    List<Observation> first = collect(INFERENCE);
    List<Observation> second = collect(INFERENCE);

    // Same day, metric and dimension: the store keeps the newer snapshot, so the month is 13.5.
    assertThat(spend(first)).singleElement().satisfies(o -> assertThat(o.value()).isEqualByComparingTo("12.2499999999"));
    assertThat(spend(second)).singleElement().satisfies(o -> {
      assertThat(o.day()).isEqualTo(nov(1));
      assertThat(o.value()).isEqualByComparingTo("13.5");
    });
  }

  @Test
  void aKeyWithoutALimitHasNoRemainingCredits() throws Exception {
    fixture.route("/key", jsonFile("key_no_limit.json"));

    List<Observation> result = collect(INFERENCE);

    assertThat(spend(result)).containsExactly(
        Observation.spend(nov(1), "month to date (key ci runner)", Money.of("1.5", "USD"), Provenance.API));
    assertThat(result).noneMatch(o -> o.metric().equals("credits_remaining"));
  }

  @Test
  void theMonthEndForecastExtrapolatesTheTimeElapsed() throws Exception {
    fixture.route("/key", jsonFile("key.json"));

    Observation forecast = forecast(collect(INFERENCE));

    // 12.2499999999 USD in 22 days 7 hours of November's 30: about 16.486 USD, not 30 x 12.25.
    assertThat(forecast.day()).isEqualTo(nov(1));
    assertThat(forecast.unit()).isEqualTo("USD");
    assertThat(forecast.provenance()).isEqualTo(Provenance.ESTIMATE);
    assertThat(forecast.value()).isBetween(new BigDecimal("16.4859"), new BigDecimal("16.4860"));
  }

  @Test
  void theFirstHoursOfAMonthForecastAsOneDay() throws Exception {
    fixture.route("/key", json(file("key.json").replace("12.2499999999", "0.1")));
    CollectWindow december = CollectWindow.of(Instant.parse("2026-12-01T00:30:00Z"), ZoneOffset.UTC, 3);

    List<Observation> result = collect(INFERENCE, december);

    assertThat(spend(result)).singleElement().satisfies(o -> assertThat(o.day()).isEqualTo(LocalDate.of(2026, 12, 1)));
    assertThat(forecast(result).value()).isEqualByComparingTo("3.1");
  }

  private static Observation forecast(List<Observation> result) {
    return result.stream().filter(o -> o.kind() == ObservationKind.FORECAST).findFirst().orElseThrow();
  }

  @Test
  void aPre2025KeyIsANamedCondition() {
    fixture.route("/key", jsonFile("key_pre2025.json"));

    ProviderException e = failure(INFERENCE);

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).isEqualTo(
        "this key reports no monthly usage (pre-2025 key): create a new key or use a management key");
  }

  @Test
  void aManagementKeyDeclaredAsInferenceIsANamedCondition() {
    fixture.route("/key", jsonFile("key_management.json"));

    ProviderException e = failure(INFERENCE);

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).contains("management key").contains("key_type: inference");
  }

  @Test
  void aKeyAnswerWithoutDataIsABadResponse() {
    fixture.route("/key", json("{\"label\":\"x\"}"));

    ProviderException e = failure(INFERENCE);

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("response field /key.data is missing");
  }

  @Test
  void aLabelShowingTheKeyIsNotUsed() throws Exception {
    fixture.route("/key", json(file("key.json").replace("sk-or-v1-0e6...1c9", SECRET)));

    List<Observation> result = collect(INFERENCE);

    assertThat(spend(result)).singleElement().satisfies(o -> assertThat(o.dimension()).isEqualTo("month to date"));
  }

  // --- settings, replay, secrets ---

  @Test
  void theApiKeyIsRequired() {
    assertThatThrownBy(() -> fixture.account(provider, "    key_type: management\n", ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("api_key");
  }

  @Test
  void anUnknownKeyTypeIsAConfigError() {
    assertThatThrownBy(() -> fixture.account(provider, MANAGEMENT + "    key_type: admin\n", ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key_type");
  }

  @Test
  void theKeyTypeDefaultsToManagement() {
    Account account = fixture.account(provider, MANAGEMENT, ENV);
    OpenRouterSettings settings = (OpenRouterSettings) account.settings();
    assertThat(settings.keyType()).isEqualTo(KeyType.MANAGEMENT);
    assertThat(provider.currencies(settings)).containsExactly(Activity.USD);
  }

  @Test
  void reprocessingTheArchiveGivesTheSameObservations() throws Exception {
    serveManagement("activity.json", "credits.json");
    Account account = fixture.account(provider, MANAGEMENT, ENV);
    List<Observation> live = fixture.collect(provider, account, WINDOW, CLOCK);

    ReplayHttp http = new ReplayHttp(fixture.archived.stream()
        .map(r -> new ReplayHttp.Recorded(r.method(), r.url(), r.status(), r.contentType(), r.body()))
        .toList());
    List<Observation> replayed = provider.collect(account, (OpenRouterSettings) account.settings(), WINDOW,
        new AccountContext(CLOCK, line -> { }, account, http));

    assertThat(replayed).isEqualTo(live);
  }

  @Test
  void theSecretAppearsNowhere() {
    fixture.route("/activity", sequence(
        jsonFile("activity.json"),
        respond(403, "application/json",
            "{\"error\":{\"code\":403,\"message\":\"Only management keys can perform this operation, not "
                + SECRET + "\"}}"),
        respond(401, "application/json", "{\"error\":{\"code\":401,\"message\":\"bad key " + SECRET + "\"}}"),
        respond(200, "text/html", "<html>" + SECRET + "</html>")));
    fixture.route("/credits", jsonFile("credits.json"));
    fixture.route("/key", sequence(
        json(file("key.json").replace("sk-or-v1-0e6...1c9", SECRET)),
        respond(500, "text/plain", "upstream said " + SECRET)));

    List<Observation> all = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      try {
        all.addAll(collect(MANAGEMENT));
      } catch (ProviderException expected) {
        // collected in messages
      }
    }
    for (int i = 0; i < 2; i++) {
      try {
        all.addAll(collect(INFERENCE));
      } catch (ProviderException expected) {
        // collected in messages
      }
    }

    assertThat(messages).hasSize(4);
    assertThat(fixture.everythingVisible()).isNotEmpty().doesNotContain(SECRET);
    assertThat(String.join("\n", messages)).doesNotContain(SECRET);
    assertThat(all).isNotEmpty().allSatisfy(o -> assertThat(o.dimension()).doesNotContain(SECRET));
  }
}
