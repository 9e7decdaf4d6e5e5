package dev.costmon.provider.ovh;

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
import dev.costmon.model.Money;
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
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OvhProviderTest {
  private static final String AK = "7kbG7Bk7S9Nt7ZSV";
  private static final String AS = "EXEgWIz07P0HYwtQDs7cNIqCiQaWSuHF";
  private static final String CK = "MtSwSrPpNjqfVSmJhLbPyr2i45lSwPU1";
  private static final Map<String, String> ENV = Map.of("OVH_APPLICATION_SECRET", AS, "OVH_CONSUMER_KEY", CK);
  private static final String YAML = "    currency: EUR\n    application_key: " + AK + "\n"
      + "    application_secret: ${OVH_APPLICATION_SECRET}\n    consumer_key: ${OVH_CONSUMER_KEY}\n";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  private static final CollectWindow WINDOW = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);
  /** The server's clock runs 10 s ahead of ours. */
  private static final long SERVER_TIME = CLOCK.instant().getEpochSecond() + 10;

  private final OvhProvider provider = new OvhProvider();
  private final ProviderFixture fixture = new ProviderFixture();
  private final List<String> messages = new ArrayList<>();

  @AfterEach
  void close() {
    fixture.close();
  }

  private static LocalDate day(int month, int day) {
    return LocalDate.of(2026, month, day);
  }

  private static String res(String name) {
    return resource("provider/ovh/" + name);
  }

  /** Checks the signature as OVH would, then answers; a bad signature gets OVH's 400. */
  private HttpHandler signed(HttpHandler inner) {
    return exchange -> {
      String url = fixture.base() + exchange.getRequestURI().toString();
      String ts = exchange.getRequestHeaders().getFirst("X-Ovh-Timestamp");
      String expected = ts == null ? null : Signature.sign(AS, CK, "GET", url, "", Long.parseLong(ts));
      if (expected == null || !expected.equals(exchange.getRequestHeaders().getFirst("X-Ovh-Signature"))
          || !AK.equals(exchange.getRequestHeaders().getFirst("X-Ovh-Application"))
          || !CK.equals(exchange.getRequestHeaders().getFirst("X-Ovh-Consumer"))) {
        ProviderFixture.send(exchange, 400, "application/json",
            "{\"errorCode\":\"INVALID_SIGNATURE\",\"httpCode\":\"400 Bad Request\",\"message\":\"Invalid signature\"}");
        return;
      }
      inner.handle(exchange);
    };
  }

  private static HttpHandler bills(Supplier<String> list, Map<String, String> bills) {
    return exchange -> {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/me/bill")) {
        ProviderFixture.send(exchange, 200, "application/json", list.get());
        return;
      }
      String body = bills.get(path.substring("/me/bill/".length()));
      if (body == null) {
        ProviderFixture.send(exchange, 404, "application/json", "{\"message\":\"The requested object does not exist\"}");
      } else {
        ProviderFixture.send(exchange, 200, "application/json", body);
      }
    };
  }

  private void serveTime() {
    fixture.route("/auth/time", json(Long.toString(SERVER_TIME)));
  }

  private void serve(HttpHandler current, HttpHandler forecast, HttpHandler bills) {
    serveTime();
    fixture.route("/me/consumption/usage/current", signed(current));
    fixture.route("/me/consumption/usage/forecast", signed(forecast));
    fixture.route("/me/bill", signed(bills));
  }

  private void serveNormalMonth() {
    serve(json(res("consumption_current.json")), json(res("consumption_forecast.json")),
        bills(() -> res("bills.json"), Map.of("FR0001", res("bill_FR0001.json"), "FR0002", res("bill_FR0002.json"),
            "FR0003", res("bill_FR0003.json"))));
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

  private static List<Observation> nonZero(List<Observation> all) {
    return spend(all).stream().filter(o -> o.value().signum() != 0).toList();
  }

  private static Observation forecast(List<Observation> all) {
    return all.stream().filter(o -> o.kind() == ObservationKind.FORECAST).findFirst().orElseThrow();
  }

  private static Observation row(LocalDate day, String dimension, String amount, Provenance provenance) {
    return Observation.spend(day, dimension, Money.of(amount, "EUR"), provenance);
  }

  private static BigDecimal total(List<Observation> rows) {
    return rows.stream().map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void normalMonthGivesBillsOnTheirDaysAndConsumptionPerPlanOnTheFirst() throws Exception {
    serveNormalMonth();

    List<Observation> result = collect();

    assertThat(nonZero(result)).containsExactlyInAnyOrder(
        row(day(10, 1), "bills", "20.5", Provenance.INVOICE),
        row(day(11, 1), "bills", "41.97", Provenance.INVOICE),
        row(day(11, 1), "b2-7.consumption", "13.12345678", Provenance.API),
        row(day(11, 1), "snapshot.consumption", "2.22222212", Provenance.API),
        row(day(11, 1), "service 222", "2", Provenance.API),
        row(day(11, 15), "bills", "6.99", Provenance.INVOICE));
    assertThat(total(spend(result).stream().filter(o -> o.day().getMonthValue() == 11).toList()))
        .isEqualByComparingTo("66.3056789");
    // Every day from the previous month's first through today is answered: 31 + 23 days.
    assertThat(spend(result).stream().map(Observation::day).distinct()).hasSize(54);
    assertThat(spend(result).stream().filter(o -> o.value().signum() == 0))
        .allSatisfy(o -> assertThat(o.unit()).isEqualTo("EUR"))
        .hasSize(54 - 3);
    assertThat(forecast(result)).isEqualTo(
        Observation.forecast(day(11, 1), Money.of("83.96", "EUR"), Provenance.API));
  }

  @Test
  void requestsAreSignedWithTheServerClockAndAskForTwoMonthsOfBills() throws Exception {
    serveNormalMonth();

    collect();

    assertThat(fixture.requests).containsExactly(
        "GET /auth/time",
        "GET /me/consumption/usage/current",
        "GET /me/consumption/usage/forecast",
        "GET /me/bill?date.from=2026-10-01&date.to=2026-11-24",
        "GET /me/bill/FR0001",
        "GET /me/bill/FR0002",
        "GET /me/bill/FR0003");
    assertThat(fixture.requestHeaders.get(0)).doesNotContainKeys("X-ovh-consumer", "X-ovh-signature");
    Map<String, List<String>> signed = fixture.requestHeaders.get(1);
    assertThat(signed.get("X-ovh-application")).containsExactly(AK);
    assertThat(signed.get("X-ovh-consumer")).containsExactly(CK);
    assertThat(signed.get("X-ovh-timestamp")).containsExactly(Long.toString(SERVER_TIME));
    assertThat(signed.get("X-ovh-signature")).containsExactly(Signature.sign(AS, CK, "GET",
        fixture.base() + "/me/consumption/usage/current", "", SERVER_TIME));
  }

  @Test
  void emptyMonthIsExplicitZeros() throws Exception {
    serve(json("[]"), json("[]"), bills(() -> "[]", Map.of()));

    List<Observation> result = collect();

    assertThat(nonZero(result)).isEmpty();
    assertThat(spend(result)).hasSize(54)
        .contains(Observation.spend(day(11, 1), "", Money.of("0", "EUR"), Provenance.API));
    assertThat(forecast(result).value()).isEqualByComparingTo("0");
  }

  @Test
  void unauthorizedIsAuth() {
    serve(respond(401, "application/json", "{\"message\":\"You must login first\"}"), json("[]"),
        bills(() -> "[]", Map.of()));

    assertThat(failure().kind()).isEqualTo(Kind.AUTH);
  }

  @Test
  void invalidCredentialIsAuth() {
    serve(respond(403, "application/json",
        "{\"errorCode\":\"INVALID_CREDENTIAL\",\"httpCode\":\"403 Forbidden\",\"message\":\"This credential is not valid\"}"),
        json("[]"), bills(() -> "[]", Map.of()));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).contains("INVALID_CREDENTIAL");
  }

  @Test
  void callNotGrantedIsCondition() {
    serve(json("[]"), json("[]"), respond(403, "application/json",
        "{\"errorCode\":\"NOT_GRANTED_CALL\",\"httpCode\":\"403 Forbidden\",\"message\":\"This call has not been granted\"}"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).isEqualTo("consumer key not granted GET /me/bill (HTTP 403 NOT_GRANTED_CALL):"
        + " request a consumer key whose access rules include it");
  }

  @Test
  void wrongSecretIsARejectedSignature() {
    serveNormalMonth();
    Account account = fixture.account(provider, YAML,
        Map.of("OVH_APPLICATION_SECRET", "not-the-secret-0123456789", "OVH_CONSUMER_KEY", CK));

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> fixture.collect(provider, account, WINDOW, CLOCK));

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).contains("INVALID_SIGNATURE").doesNotContain("not-the-secret");
  }

  @Test
  void forecastThatFailsFallsBackToExtrapolation() throws Exception {
    serve(json(res("consumption_current.json")), respond(403, "application/json",
        "{\"errorCode\":\"NOT_GRANTED_CALL\",\"message\":\"This call has not been granted\"}"),
        bills(() -> res("bills.json"), Map.of("FR0001", res("bill_FR0001.json"), "FR0002", res("bill_FR0002.json"),
            "FR0003", res("bill_FR0003.json"))));

    Observation forecast = forecast(collect());

    // 22 days and 7 hours elapsed of 30: 17.3456789 x 30 / 22.291666... plus the month's bills 48.96.
    assertThat(forecast.provenance()).isEqualTo(Provenance.ESTIMATE);
    assertThat(forecast.value().subtract(new BigDecimal("48.96")))
        .isCloseTo(new BigDecimal("23.3437"), org.assertj.core.data.Offset.offset(new BigDecimal("0.0001")));
    assertThat(fixture.log).anyMatch(l -> l.contains("no forecast from /me/consumption/usage/forecast"));
  }

  @Test
  void rateLimitedThenServed() throws Exception {
    serve(sequence(exchange -> {
      exchange.getResponseHeaders().set("Retry-After", "7");
      ProviderFixture.send(exchange, 429, "application/json", "{\"message\":\"Too many requests\"}");
    }, json(res("consumption_current.json"))), json("[]"), bills(() -> "[]", Map.of()));

    List<Observation> result = collect();

    assertThat(fixture.sleeps).contains(Duration.ofSeconds(7));
    assertThat(total(spend(result))).isEqualByComparingTo("17.3456789");
  }

  @Test
  void serverErrorThenServed() throws Exception {
    serve(sequence(respond(500, "application/json", "{\"message\":\"Internal server error\"}"),
        json(res("consumption_current.json"))), json("[]"), bills(() -> "[]", Map.of()));

    assertThat(total(spend(collect()))).isEqualByComparingTo("17.3456789");
  }

  @Test
  void serverErrorForeverIsUnavailable() {
    serve(respond(503, "application/json", "{\"message\":\"down\"}"), json("[]"), bills(() -> "[]", Map.of()));

    assertThat(failure().kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void htmlPageIsBadResponse() {
    serve(respond(200, "text/html", "<html><body>Maintenance</body></html>"), json("[]"),
        bills(() -> "[]", Map.of()));

    assertThat(failure().kind()).isEqualTo(Kind.BAD_RESPONSE);
  }

  @Test
  void truncatedJsonIsBadResponse() {
    serve(json("[{\"serviceId\": 111, \"beginDate\": \"2026-11-01T00:00:00+01:00\", \"price\": {\"curr"),
        json("[]"), bills(() -> "[]", Map.of()));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("truncated");
  }

  @Test
  void billWithoutDateIsBadResponseNamingTheField() {
    serve(json("[]"), json("[]"), bills(() -> "[\"FR0009\"]", Map.of("FR0009",
        "{\"billId\":\"FR0009\",\"priceWithoutTax\":{\"currencyCode\":\"EUR\",\"value\":1.5}}")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("response field /me/bill/FR0009.date is missing");
  }

  @Test
  void transactionWithoutPriceIsBadResponse() {
    serve(json("[{\"serviceId\": 1, \"beginDate\": \"2026-11-01T00:00:00+01:00\", \"elements\": []}]"),
        json("[]"), bills(() -> "[]", Map.of()));

    assertThat(failure().getMessage())
        .isEqualTo("response field /me/consumption/usage/current[0].price is missing or not a price object");
  }

  @Test
  void manyDecimalsAreReadExactlyWithoutMicroCents() throws Exception {
    serve(json("[{\"serviceId\": 1, \"beginDate\": \"2026-11-01T00:00:00+01:00\", \"price\": {\"currencyCode\":"
        + " \"EUR\", \"text\": \"0.12 €\", \"value\": 0.1234567890123456789}, \"elements\": []}]"),
        json("[]"), bills(() -> "[]", Map.of()));

    assertThat(nonZero(collect())).containsExactly(row(day(11, 1), "service 1", "0.1234567890123456789",
        Provenance.API));
  }

  @Test
  void microCentsWinOverTheFloat() throws Exception {
    serve(json("[{\"serviceId\": 1, \"beginDate\": \"2026-11-01T00:00:00+01:00\", \"price\": {\"currencyCode\":"
        + " \"EUR\", \"text\": \"0.30 €\", \"value\": 0.30000000000000004, \"valueInUcents\": 30000001}, \"elements\": []}]"),
        json("[]"), bills(() -> "[]", Map.of()));

    assertThat(nonZero(collect()).get(0).value()).isEqualTo(new BigDecimal("0.30000001"));
  }

  @Test
  void revisedConsumptionReplacesTheFirstDayFigures() throws Exception {
    String revised = res("consumption_current.json").replace("500000000", "750000000")
        .replace("\"value\": 5,", "\"value\": 7.5,");
    serve(sequence(json(res("consumption_current.json")), json(revised)), json("[]"), bills(() -> "[]", Map.of()));

    List<Observation> first = collect();
    List<Observation> second = collect();

    assertThat(nonZero(first)).contains(row(day(11, 1), "service 222", "2", Provenance.API));
    assertThat(nonZero(second)).contains(row(day(11, 1), "service 222", "4.5", Provenance.API));
    assertThat(total(spend(second))).isEqualByComparingTo("19.8456789");
  }

  @Test
  void lastMonthsConsumptionIsLeftToItsBill() throws Exception {
    serve(json(res("consumption_current.json").replace("2026-11-01T00:00:00", "2026-10-01T00:00:00")), json("[]"),
        bills(() -> "[]", Map.of()));

    List<Observation> result = collect();

    assertThat(nonZero(result)).isEmpty();
    assertThat(fixture.log).anyMatch(l -> l.contains("ignoring current consumption of 2026-10"));
  }

  @Test
  void secretsAppearNowhere() {
    serveNormalMonth();
    assertThat(catchThrowableOfType(ProviderException.class, this::collect)).isNull();
    serve401AndCollect();

    String visible = fixture.everythingVisible() + String.join("\n", messages);
    assertThat(visible).doesNotContain(AS).doesNotContain(CK);
    assertThat(fixture.archived).isNotEmpty();
  }

  private void serve401AndCollect() {
    try (ProviderFixture other = new ProviderFixture()) {
      other.route("/auth/time", json(Long.toString(SERVER_TIME)));
      other.route("/me", respond(403, "text/html", "<html>refused " + CK + "</html>"));
      Account account = other.account(provider, YAML, ENV);
      ProviderException e = catchThrowableOfType(ProviderException.class,
          () -> other.collect(provider, account, WINDOW, CLOCK));
      messages.add(e.getMessage());
      assertThat(other.everythingVisible()).doesNotContain(CK).doesNotContain(AS);
    }
  }

  @Test
  void configNeedsTheSecretsAsReferences() {
    assertThatThrownBy(() -> fixture.account(provider, "    application_key: " + AK
        + "\n    application_secret: ${OVH_APPLICATION_SECRET}\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("consumer_key");
    assertThatThrownBy(() -> fixture.account(provider, "    application_key: ${OVH_AK}\n"
        + "    application_secret: ${OVH_APPLICATION_SECRET}\n    consumer_key: ${OVH_CONSUMER_KEY}\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("application_key");
    assertThatThrownBy(() -> fixture.account(provider, YAML + "    endpoint_name: ovh-mars\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ovh-eu, ovh-ca, ovh-us");
  }

  @Test
  void endpointNamesGiveThePublishedBaseUrls() {
    assertThat(OvhEndpoint.fromConfig("ovh-eu").baseUrl()).isEqualTo("https://eu.api.ovh.com/1.0");
    assertThat(OvhEndpoint.fromConfig("OVH-CA").baseUrl()).isEqualTo("https://ca.api.ovh.com/1.0");
    assertThat(OvhEndpoint.fromConfig("ovh-us").baseUrl()).isEqualTo("https://api.us.ovhcloud.com/1.0");
    assertThat(new OvhSettings(null, AK, new dev.costmon.config.Secret("${A}", "a"),
        new dev.costmon.config.Secret("${C}", "c")).endpoint()).isEqualTo(OvhEndpoint.OVH_EU);
  }
}
