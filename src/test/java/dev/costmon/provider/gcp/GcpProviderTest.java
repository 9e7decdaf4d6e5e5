package dev.costmon.provider.gcp;

import static dev.costmon.provider.ProviderFixture.json;
import static dev.costmon.provider.ProviderFixture.respond;
import static dev.costmon.provider.ProviderFixture.sequence;
import static dev.costmon.provider.gcp.GcpServer.gcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpHandler;
import dev.costmon.config.Account;
import dev.costmon.config.ConfigException;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Provenance;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.ProviderFixture;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GcpProviderTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  private static final CollectWindow WINDOW = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);
  private static final String TABLE = "costmon-test.billing.gcp_billing_export_resource_v1_01A2B3_C4D5E6_F7G8H9";
  private static final String KEY_JSON = gcp("service_account_key.json");
  private static final String ACCESS_TOKEN = "ya29.c.c0ASRK0GaTESTaccessTOKENvalue_0123456789-abcdefghijklmnop";
  private static final String CLIENT_EMAIL = "costmon-reader@costmon-test.iam.gserviceaccount.com";
  private static final Map<String, String> ENV = Map.of("GCP_SA_KEY", KEY_JSON);

  private final GcpProvider provider = new GcpProvider();
  private final ProviderFixture fixture = new ProviderFixture();
  private final GcpServer server = new GcpServer(fixture);
  private final List<String> messages = new ArrayList<>();

  @AfterEach
  void close() {
    fixture.close();
  }

  private String yaml(String extra) {
    return "    service_account_key: ${GCP_SA_KEY}\n"
        + "    table: " + TABLE + "\n"
        + "    token_uri: " + server.tokenUri() + "\n"
        + extra;
  }

  private List<Observation> collect() throws ProviderException {
    return collect(yaml(""), ENV);
  }

  private List<Observation> collect(String yaml, Map<String, String> env) throws ProviderException {
    Account account = fixture.account(provider, yaml, env);
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

  private static LocalDate nov(int day) {
    return LocalDate.of(2026, 11, day);
  }

  private static Observation spend(int day, String dimension, String amount) {
    Observation o = Observation.spend(nov(day), dimension, Money.of(amount, "USD"), Provenance.API);
    // A SKU row (Vertex AI) carries its SKU as the model tag.
    int sku = dimension.indexOf(" / ");
    return sku < 0 ? o : o.withTags(Map.of("model", dimension.substring(sku + 3)));
  }

  private static BigDecimal total(List<Observation> rows) {
    return rows.stream().map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static JsonNode parse(String json) throws Exception {
    return JsonMapper.builder().build().readTree(json);
  }

  private static JsonNode base64Json(String part) throws Exception {
    return parse(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
  }

  static PublicKey testPublicKey() throws Exception {
    String pem = gcp("test_public_key.pem")
        .replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }

  static boolean verifies(String jwt) throws Exception {
    String[] parts = jwt.split("\\.");
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(testPublicKey());
    rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
  }

  private String privateKeyPem() throws Exception {
    return parse(KEY_JSON).get("private_key").textValue();
  }

  // --- a normal month -------------------------------------------------------------------------

  @Test
  void normalMonthOverSeveralPagesGivesExactNetSpendPerPacificDayServiceAndVertexSku() throws Exception {
    List<Observation> spend = collect();

    assertThat(spend).allMatch(o -> o.kind() == ObservationKind.SPEND && o.provenance() == Provenance.API
        && o.unit().equals("USD"));
    assertThat(spend.stream().filter(o -> o.value().signum() != 0 || !o.dimension().isEmpty())).containsExactly(
        spend(1, "Compute Engine", "10.345678911"),
        spend(1, "Support", "29"),
        spend(1, "Vertex AI / Gemini 2.5 Pro Input Tokens", "0.123456789"),
        spend(1, "Vertex AI / Gemini 2.5 Pro Output Tokens", "1.25"),
        spend(2, "Cloud Storage", "0.000000001"),
        // Free-trial credits that cancel a day's cost leave an explicit net zero.
        spend(3, "Compute Engine", "0"),
        spend(15, "BigQuery", "98765432109876.123456788"),
        spend(22, "Compute Engine", "4.2"),
        spend(22, "Vertex AI / Gemini 2.5 Pro Input Tokens", "0.000100000"));
    assertThat(total(spend)).isEqualByComparingTo("98765432109921.042692489");
    // Exact text, not just an equal value: nothing went through double.
    assertThat(spend.get(6).value().toPlainString()).isEqualTo("98765432109876.123456788");
    assertThat(spend.get(8).value().toPlainString()).isEqualTo("0.000100000");
  }

  @Test
  void daysTheExportReachedWithoutChargesAreZeroAndDaysItHasNotReachedAreLeftOut() throws Exception {
    List<Observation> spend = collect();

    List<LocalDate> zeroDays = spend.stream().filter(o -> o.dimension().isEmpty())
        .peek(o -> assertThat(o.value()).isZero())
        .map(Observation::day).toList();
    // The newest load (2026-11-23T05:12Z) is Nov 22 in Pacific time: Nov 23 is not answered yet.
    List<LocalDate> expected = new ArrayList<>(nov(1).datesUntil(nov(23)).toList());
    expected.removeAll(List.of(nov(1), nov(2), nov(3), nov(15), nov(22)));
    assertThat(zeroDays).containsExactlyElementsOf(expected);
    assertThat(spend).noneMatch(o -> o.day().equals(nov(23)));
    assertThat(spend).hasSize(9 + 17);
    assertThat(provider.judgesFreshnessByData()).isTrue();
  }

  @Test
  void theQueryIsParameterisedStandardSqlOverTheWindowsPacificDaysWithCreditsAndABytesCap() throws Exception {
    collect();

    List<GcpServer.Seen> queries = server.to("POST", GcpServer.QUERIES);
    assertThat(queries).hasSize(1);
    JsonNode body = parse(queries.get(0).body());
    assertThat(queries.get(0).header("Content-Type")).isEqualTo("application/json");
    assertThat(body.get("useLegacySql").booleanValue()).isFalse();
    assertThat(body.get("parameterMode").textValue()).isEqualTo("NAMED");
    assertThat(body.get("queryParameters")).isEqualTo(parse("""
        [{"name":"from","parameterType":{"type":"DATE"},"parameterValue":{"value":"2026-11-01"}},
         {"name":"to","parameterType":{"type":"DATE"},"parameterValue":{"value":"2026-11-23"}},
         {"name":"sku_services","parameterType":{"type":"ARRAY","arrayType":{"type":"STRING"}},
          "parameterValue":{"arrayValues":[{"value":"Vertex AI"}]}},
         {"name":"label_keys","parameterType":{"type":"ARRAY","arrayType":{"type":"STRING"}},
          "parameterValue":{"arrayValues":[]}}]"""));
    assertThat(body.get("maximumBytesBilled").textValue()).isEqualTo("10000000000");
    assertThat(body.get("timeoutMs").intValue()).isEqualTo(20000);
    assertThat(body.get("maxResults").intValue()).isEqualTo(5000);
    assertThat(body.get("requestId").textValue()).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(body.has("location")).isFalse();
    assertThat(body.has("dryRun")).isFalse();
    String sql = body.get("query").textValue();
    assertThat(sql)
        .contains("FROM `" + TABLE + "`")
        .contains("DATE(usage_start_time, 'America/Los_Angeles') BETWEEN @from AND @to")
        .contains("CAST(cost AS NUMERIC) AS cost")
        .contains("CAST(SUM(cost) AS STRING) AS cost")
        .contains("(SELECT SUM(CAST(c.amount AS NUMERIC)) FROM UNNEST(credits) AS c)")
        .contains("IN UNNEST(@sku_services)")
        .contains("_PARTITIONTIME >= TIMESTAMP(DATE_SUB(@from, INTERVAL 1 DAY))")
        .contains("IFNULL(project.id, '') AS project")
        .contains("WHERE l.key IN UNNEST(@label_keys)")
        .contains("GROUP BY day, project, labels, service, sku, currency");
    // Values only travel as parameters.
    assertThat(sql).doesNotContain("2026-11").doesNotContain("Vertex AI");
  }

  @Test
  void aRunningJobIsPolledThenEveryPageIsFollowedWithTheBearerToken() throws Exception {
    collect();

    List<GcpServer.Seen> bigquery = server.seen.stream().filter(s -> s.uri().getPath().startsWith("/bigquery")).toList();
    assertThat(bigquery).extracting(s -> s.method() + " " + s.uri().getPath()).containsExactly(
        "POST " + GcpServer.QUERIES,
        "GET " + GcpServer.QUERIES + "/" + GcpServer.JOB_ID,
        "GET " + GcpServer.QUERIES + "/" + GcpServer.JOB_ID,
        "GET " + GcpServer.QUERIES + "/" + GcpServer.JOB_ID);
    assertThat(bigquery.get(1).query()).doesNotContainKey("pageToken")
        .containsEntry("location", List.of("US"))
        .containsEntry("maxResults", List.of("5000"))
        .containsEntry("timeoutMs", List.of("20000"));
    assertThat(bigquery.get(2).query().get("pageToken")).containsExactly(GcpServer.PAGE2_TOKEN);
    assertThat(bigquery.get(3).query().get("pageToken")).containsExactly(GcpServer.PAGE3_TOKEN);
    assertThat(bigquery).allSatisfy(s -> assertThat(s.header("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN));
    // The token is fetched once, before BigQuery is asked.
    assertThat(server.seen.get(0).uri().getPath()).isEqualTo(GcpServer.TOKEN);
    assertThat(server.to("POST", GcpServer.TOKEN)).hasSize(1);
  }

  @Test
  void theJobRunsInTheConfiguredProject() throws Exception {
    fixture.route("/bigquery/v2/projects/billing-jobs/queries", json(gcp("query_empty.json")));
    String yaml = yaml("    project: billing-jobs\n");

    catchThrowableOfType(ProviderException.class, () -> collect(yaml, ENV));

    // The job runs in the configured project.
    assertThat(fixture.requests).anyMatch(r -> r.startsWith("POST /bigquery/v2/projects/billing-jobs/queries"));
  }

  @Test
  void theQueryBodyCarriesLocationSkuServicesAndBytesCap() throws Exception {
    server.query(json(gcp("query_empty.json")));
    String yaml = yaml("    location: EU\n    skus_for: [Vertex AI, Cloud Run]\n    max_bytes_billed: 500MB\n");

    catchThrowableOfType(ProviderException.class, () -> collect(yaml, ENV));

    JsonNode body = parse(server.to("POST", GcpServer.QUERIES).get(0).body());
    assertThat(body.get("location").textValue()).isEqualTo("EU");
    assertThat(body.get("maximumBytesBilled").textValue()).isEqualTo("500000000");
    assertThat(body.at("/queryParameters/2/parameterValue/arrayValues")).isEqualTo(
        parse("[{\"value\":\"Vertex AI\"},{\"value\":\"Cloud Run\"}]"));
  }

  @Test
  void anEmptySkusForKeepsEveryServiceWhole() throws Exception {
    server.query(json(gcp("query_empty.json")));

    catchThrowableOfType(ProviderException.class, () -> collect(yaml("    skus_for: []\n"), ENV));

    JsonNode body = parse(server.to("POST", GcpServer.QUERIES).get(0).body());
    assertThat(body.at("/queryParameters/2/parameterValue/arrayValues")).isEqualTo(parse("[]"));
  }

  // --- the token exchange -----------------------------------------------------------------------

  @Test
  void theTokenRequestIsAJwtBearerGrantSignedByTheKeyWithExactHeaderAndClaims() throws Exception {
    collect();

    GcpServer.Seen request = server.to("POST", GcpServer.TOKEN).get(0);
    assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    Map<String, List<String>> form = GcpServer.params(request.body());
    assertThat(form.keySet()).containsExactly("grant_type", "assertion");
    assertThat(form.get("grant_type")).containsExactly("urn:ietf:params:oauth:grant-type:jwt-bearer");
    String jwt = form.get("assertion").get(0);
    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    assertThat(jwt).doesNotContain("=");
    assertThat(base64Json(parts[0])).isEqualTo(parse(
        "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"0123456789abcdef0123456789abcdef01234567\"}"));
    assertThat(base64Json(parts[1])).isEqualTo(parse("{"
        + "\"iss\":\"" + CLIENT_EMAIL + "\","
        + "\"scope\":\"https://www.googleapis.com/auth/bigquery.readonly\","
        + "\"aud\":\"" + server.tokenUri() + "\","
        + "\"iat\":1795417200,\"exp\":1795420800}"));
    assertThat(verifies(jwt)).isTrue();
  }

  @Test
  void withoutATokenUriOverrideTheKeysOwnTokenUriIsUsed() throws Exception {
    String key = KEY_JSON.replace("https://oauth2.googleapis.com/token", server.tokenUri().toString());
    String yaml = "    service_account_key: ${GCP_SA_KEY}\n    table: " + TABLE + "\n";

    assertThat(collect(yaml, Map.of("GCP_SA_KEY", key))).isNotEmpty();

    String jwt = GcpServer.params(server.to("POST", GcpServer.TOKEN).get(0).body()).get("assertion").get(0);
    assertThat(base64Json(jwt.split("\\.")[1]).get("aud").textValue()).isEqualTo(server.tokenUri().toString());
  }

  @Test
  void aRefusedKeyIsAuthNamingGooglesReasonButNotTheKey() throws Exception {
    server.token(respond(400, "application/json", gcp("token_invalid_grant.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).isEqualTo("the token endpoint 127.0.0.1:" + fixture.base().getPort()
        + "/token refused service account " + CLIENT_EMAIL + " (HTTP 400 invalid_grant: Invalid JWT Signature.)"
        + "; check that the key is not deleted or disabled and that this machine's clock is right");
    assertThat(server.to("POST", GcpServer.QUERIES)).isEmpty();
  }

  @Test
  void aTruncatedTokenAnswerIsBadResponseWithoutQuotingTheToken() throws Exception {
    server.token(json("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":35"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("the token answer from 127.0.0.1:" + fixture.base().getPort()
        + "/token is not JSON").doesNotContain(ACCESS_TOKEN);
  }

  @Test
  void aTokenAnswerWithoutAccessTokenIsBadResponseNamingTheField() throws Exception {
    server.token(json("{\"expires_in\":3599,\"token_type\":\"Bearer\"}"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).startsWith("response field access_token is missing");
  }

  // --- BigQuery's refusals ------------------------------------------------------------------------

  @Test
  void aMissingExportTableIsANamedCondition() {
    server.query(respond(404, "application/json", gcp("error_table_not_found.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).isEqualTo("billing export table not found: " + TABLE
        + " (is the detailed export enabled?); BigQuery says: Not found: Table costmon-test:billing."
        + "gcp_billing_export_resource_v1_01A2B3_C4D5E6_F7G8H9 was not found in location US");
  }

  @Test
  void missingRolesAreACondition() {
    server.query(respond(403, "application/json", gcp("error_access_denied.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage())
        .startsWith("service account lacks BigQuery Job User on project costmon-test or BigQuery Data Viewer on the"
            + " dataset of " + TABLE)
        .contains("User does not have bigquery.jobs.create permission in project costmon-test");
  }

  @Test
  void aRejectedTokenIsAuth() {
    server.query(respond(401, "application/json", gcp("error_unauthenticated.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).contains("HTTP 401").doesNotContain(ACCESS_TOKEN);
  }

  @Test
  void aTokenWithoutTheScopeIsAuth() {
    server.query(respond(403, "application/json", gcp("error_insufficient_scopes.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).contains("HTTP 403").contains("insufficient authentication scopes");
  }

  @Test
  void bigQueryRateLimitsAnsweredWith403AreRateLimited() {
    server.query(respond(403, "application/json", gcp("error_rate_limit.json")));

    assertThat(failure().kind()).isEqualTo(Kind.RATE_LIMITED);
  }

  @Test
  void aTableThatIsNotABillingExportIsACondition() {
    server.query(respond(400, "application/json", gcp("error_invalid_query.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).startsWith("BigQuery rejected the query on " + TABLE
        + "; is it a Cloud Billing export table?").contains("Unrecognized name: export_time");
  }

  @Test
  void aQueryOverTheBytesCapIsAConditionNamingTheSetting() {
    server.query(respond(400, "application/json", gcp("error_bytes_billed.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).contains("would bill more than max_bytes_billed 10GB");
  }

  // --- transport failures --------------------------------------------------------------------------

  @Test
  void rateLimitedWithRetryAfterThenSuccessRetriesTheSameJobRequest() throws Exception {
    HttpHandler limited = exchange -> {
      exchange.getResponseHeaders().set("Retry-After", "2");
      ProviderFixture.send(exchange, 429, "application/json", "{\"error\":{\"code\":429,\"message\":\"slow down\"}}");
    };
    server.query(sequence(limited, json(gcp("query_running.json"))));

    assertThat(total(collect())).isEqualByComparingTo("98765432109921.042692489");

    assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(2));
    List<GcpServer.Seen> posts = server.to("POST", GcpServer.QUERIES);
    assertThat(posts).hasSize(2);
    // The same requestId: BigQuery answers a retry with the job it already started.
    assertThat(parse(posts.get(1).body()).get("requestId")).isEqualTo(parse(posts.get(0).body()).get("requestId"));
  }

  @Test
  void serverErrorThenSuccessIsRetried() throws Exception {
    server.results(sequence(respond(500, "application/json", "{\"error\":{\"code\":500,\"message\":\"backendError\"}}"),
        GcpServer.byPageToken(Map.of(
            "", gcp("results_page1.json"),
            GcpServer.PAGE2_TOKEN, gcp("results_page2.json"),
            GcpServer.PAGE3_TOKEN, gcp("results_page3.json")))));

    assertThat(total(collect())).isEqualByComparingTo("98765432109921.042692489");
    assertThat(fixture.sleeps).hasSize(1);
  }

  @Test
  void serverErrorsForeverAreUnavailable() {
    server.query(respond(500, "application/json", "{\"error\":{\"code\":500,\"message\":\"backendError\"}}"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(fixture.sleeps).isNotEmpty();
  }

  @Test
  void theTokenEndpointFailingIsUnavailable() {
    server.token(respond(503, "text/plain", "unavailable"));

    assertThat(failure().kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void anHtmlPageIsBadResponse() {
    server.query(respond(200, "text/html", "<!DOCTYPE html><html><body>Sign in - Google Accounts</body></html>"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("not JSON");
  }

  @Test
  void truncatedJsonIsBadResponse() {
    String page2 = gcp("results_page2.json");
    server.results(GcpServer.byPageToken(Map.of(
        "", gcp("results_page1.json"),
        GcpServer.PAGE2_TOKEN, page2.substring(0, page2.length() / 2))));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("truncated");
  }

  @Test
  void aMissingSchemaIsBadResponseNamingTheField() {
    server.query(json(gcp("query_missing_schema.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("response field schema.fields is missing in the jobs.query answer");
  }

  @Test
  void aMissingJobCompleteIsBadResponseNamingTheField() {
    server.query(json(gcp("query_missing_job_complete.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("response field jobComplete is missing in the jobs.query answer");
  }

  @Test
  void pagesHoldingFewerRowsThanAnnouncedAreBadResponse() {
    server.results(GcpServer.byPageToken(Map.of(
        "", gcp("results_page1.json"),
        GcpServer.PAGE2_TOKEN, gcp("results_page3.json"))));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("BigQuery job " + GcpServer.JOB_ID + " announced 9 rows but its pages held 6");
  }

  @Test
  void aRepeatedPageTokenIsBadResponse() {
    server.results(GcpServer.byPageToken(Map.of(
        "", gcp("results_page1.json"),
        GcpServer.PAGE2_TOKEN, gcp("results_page1.json"))));

    assertThat(failure().kind()).isEqualTo(Kind.BAD_RESPONSE);
  }

  @Test
  void aJobThatNeverFinishesGivesUpAfterTheBoundedPolls() {
    server.results(json(gcp("query_running.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("did not finish within 30 polls");
    assertThat(server.to("GET", GcpServer.QUERIES)).hasSize(30);
  }

  // --- what the answer means ---------------------------------------------------------------------

  @Test
  void anEmptyWindowIsAConditionNotZeroSpend() {
    server.query(json(gcp("query_empty.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).isEqualTo("the billing export " + TABLE + " has no rows for 2026-11-01..2026-11-23"
        + " (Pacific days): is the export enabled, and has it run since?");
  }

  @Test
  void aRevisedDayCarriesItsNewFigureAndTheExportsNewestDayIsAnswered() throws Exception {
    List<Observation> first = collect();
    server.query(json(gcp("results_revised.json")));

    List<Observation> second = collect();

    assertThat(first).contains(spend(22, "Compute Engine", "4.2"));
    assertThat(second).contains(spend(21, "Compute Engine", "4.0"), spend(22, "Compute Engine", "8.50"));
    // Loaded at 2026-11-23T18:40Z, 10:40 in Pacific time: Nov 23 is reached, so it is an explicit zero.
    assertThat(second).contains(spend(23, "", "0"));
    assertThat(second).filteredOn(o -> o.day().equals(nov(22))).hasSize(1);
    assertThat(second).hasSize(2 + 21);
  }

  @Test
  void spendIsSplitByProjectAndTheConfiguredLabelsWhichTheQueryAsksForAsParameters() throws Exception {
    server.query(json(gcp("results_tagged.json")));

    List<Observation> spend = collect(yaml("    label_keys: [team, cost-center]\n"), ENV);

    JsonNode body = parse(server.to("POST", GcpServer.QUERIES).get(0).body());
    assertThat(body.at("/queryParameters/3")).isEqualTo(parse("""
        {"name":"label_keys","parameterType":{"type":"ARRAY","arrayType":{"type":"STRING"}},
         "parameterValue":{"arrayValues":[{"value":"team"},{"value":"cost-center"}]}}"""));
    assertThat(body.get("query").textValue()).doesNotContain("cost-center");
    assertThat(spend).filteredOn(o -> !o.dimension().isEmpty()).containsExactly(
        spend(21, "Compute Engine", "3.0").withTags(Map.of("project", "shop-prod", "team", "web")),
        spend(21, "Compute Engine", "2").withTags(Map.of("project", "shop-prod", "team", "data", "cost-center", "4242")),
        spend(21, "Compute Engine", "1.25").withTags(Map.of("project", "shop-prod")),
        spend(21, "BigQuery", "0.75").withTags(Map.of("project", "analytics")),
        // A charge of no project (support, a billing account's subscription) and no labels has no tags.
        spend(22, "Support", "29"));
    assertThat(total(spend)).isEqualByComparingTo("36.00");
  }

  @Test
  void labelKeysAreGoogleLabelKeysFewAndNotTheProjectTag() {
    assertThatThrownBy(() -> fixture.account(provider, yaml("    label_keys: [Team]\n"), ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("label_keys: 'Team' is not a Google Cloud label key");
    assertThatThrownBy(() -> fixture.account(provider, yaml("    label_keys: [project]\n"), ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'project' is the tag of every figure's project id");
    String twenty = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "k" + i)
        .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    assertThatThrownBy(() -> fixture.account(provider, yaml("    label_keys: " + twenty + "\n"), ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("20 keys; at most 19");
  }

  @Test
  void anAnswerWithoutProjectAndLabelColumnsGivesUntaggedFigures() throws Exception {
    // Answers archived before the query asked for them still reprocess.
    server.query(json(gcp("results_revised.json")));

    assertThat(collect()).allSatisfy(o -> assertThat(o.tags()).isEmpty());
  }

  // --- secrets -----------------------------------------------------------------------------------

  @Test
  void theKeyTheAssertionAndTheAccessTokenAppearNowhereVisible() throws Exception {
    collect();
    server.query(respond(403, "application/json", gcp("error_access_denied.json")));
    catchThrowableOfType(ProviderException.class, this::collect);
    server.token(respond(400, "application/json", gcp("token_invalid_grant.json")));
    catchThrowableOfType(ProviderException.class, this::collect);

    String assertion = GcpServer.params(server.to("POST", GcpServer.TOKEN).get(0).body()).get("assertion").get(0);
    String pem = privateKeyPem();
    String pemBody = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
        .replaceAll("\\s", "");
    String visible = fixture.everythingVisible() + "\n" + String.join("\n", messages);
    assertThat(messages).hasSize(2);
    assertThat(visible)
        .doesNotContain(ACCESS_TOKEN)
        .doesNotContain(assertion)
        .doesNotContain(assertion.substring(assertion.lastIndexOf('.') + 1))
        .doesNotContain(pemBody.substring(100, 164))
        .doesNotContain("BEGIN PRIVATE KEY");
    // The token exchange is not archived; the BigQuery answers are.
    assertThat(fixture.archived).noneMatch(r -> r.url().contains("/token"));
    assertThat(fixture.archived).anyMatch(r -> r.url().contains(GcpServer.QUERIES));
  }

  @Test
  void aServerEchoingTheAssertionIsRedacted() throws Exception {
    // The recording wrapper has read the body already: echo what it saw.
    server.token(exchange -> ProviderFixture.send(exchange, 503, "text/plain",
        "overloaded, got " + server.seen.get(server.seen.size() - 1).body()));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("***").doesNotContain("eyJ");
    assertThat(fixture.everythingVisible()).doesNotContain("eyJ");
  }

  // --- probe -------------------------------------------------------------------------------------

  @Test
  void probeIsATokenAndAFreeDryRun() throws Exception {
    server.query(json(gcp("dry_run.json")));
    Account account = fixture.account(provider, yaml(""), ENV);

    Optional<String> said = provider.probe(account, (GcpSettings) account.settings(), fixture.context(account, CLOCK));

    assertThat(said).contains("token for " + CLIENT_EMAIL + "; the month's query on " + TABLE
        + " would process 48213344 bytes");
    JsonNode body = parse(server.to("POST", GcpServer.QUERIES).get(0).body());
    assertThat(body.get("dryRun").booleanValue()).isTrue();
    assertThat(body.at("/queryParameters/0/parameterValue/value").textValue()).isEqualTo("2026-11-01");
    assertThat(body.at("/queryParameters/1/parameterValue/value").textValue()).isEqualTo("2026-11-22");
  }

  // --- settings ------------------------------------------------------------------------------------

  @Test
  void settingsNameTheKeyThatIsWrongAndNeverTheKeysContent() {
    assertThatThrownBy(() -> fixture.account(provider, "    table: " + TABLE + "\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("service_account_key: is required");
    assertThatThrownBy(() -> fixture.account(provider, "    service_account_key: ${GCP_SA_KEY}\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("table: is required");
    assertThatThrownBy(() -> fixture.account(provider,
        "    service_account_key: ${GCP_SA_KEY}\n    table: \"a.b.c`; DROP TABLE x; --\"\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("is not project.dataset.table");
    assertThatThrownBy(() -> fixture.account(provider,
        "    service_account_key: ${GCP_SA_KEY}\n    table: billing.gcp_billing_export_v1_X\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("is not project.dataset.table");
    assertThatThrownBy(() -> fixture.account(provider, yaml("    max_bytes_billed: lots\n"), ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("max_bytes_billed");
    String broken = KEY_JSON.substring(0, KEY_JSON.indexOf("MII") + 40);
    assertThatThrownBy(() -> fixture.account(provider, yaml(""), Map.of("GCP_SA_KEY", broken)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("service_account_key: ${GCP_SA_KEY} is not a JSON key file")
        .hasMessageNotContaining("MII");
    String userCredential = "{\"type\":\"authorized_user\",\"client_id\":\"x\",\"refresh_token\":\"1//secret-refresh\"}";
    assertThatThrownBy(() -> fixture.account(provider, yaml(""), Map.of("GCP_SA_KEY", userCredential)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is an 'authorized_user' credential; costmon needs a service account key")
        .hasMessageNotContaining("secret-refresh");
    String pkcs1 = KEY_JSON.replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY");
    assertThatThrownBy(() -> fixture.account(provider, yaml(""), Map.of("GCP_SA_KEY", pkcs1)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("private_key is not a PKCS#8 PEM key")
        .hasMessageNotContaining("MII");
  }

  @Test
  void theJobRunsInTheTablesProjectUnlessTheConfigNamesOne() {
    Account account = fixture.account(provider, yaml(""), ENV);
    GcpSettings settings = (GcpSettings) account.settings();
    assertThat(settings.jobProject()).isEqualTo("costmon-test");
    assertThat(settings.skusFor()).containsExactly("Vertex AI");
    assertThat(settings.maxBytes()).isEqualTo(10_000_000_000L);

    GcpSettings domainScoped = (GcpSettings) fixture.account(provider,
        "    service_account_key: ${GCP_SA_KEY}\n    table: example.com:billing-prj.ds.gcp_billing_export_v1_0A\n",
        ENV).settings();
    assertThat(domainScoped.jobProject()).isEqualTo("example.com:billing-prj");
  }
}
