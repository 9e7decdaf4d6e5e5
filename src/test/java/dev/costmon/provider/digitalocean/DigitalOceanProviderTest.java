package dev.costmon.provider.digitalocean;

import static dev.costmon.provider.ProviderFixture.json;
import static dev.costmon.provider.ProviderFixture.resource;
import static dev.costmon.provider.ProviderFixture.respond;
import static dev.costmon.provider.ProviderFixture.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DigitalOceanProviderTest {
  private static final String SECRET = "dop_v1_TESTsecretVALUE0123456789abcdef0123456789abcdef";
  private static final Map<String, String> ENV = Map.of("DIGITALOCEAN_TOKEN", SECRET);
  private static final String YAML = "    token: ${DIGITALOCEAN_TOKEN}\n";
  private static final String BALANCE = "/v2/customers/my/balance";
  private static final String INVOICES = "/v2/customers/my/invoices";
  private static final String PREVIEW = "/v2/customers/my/invoices/preview";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  private static final CollectWindow WINDOW = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);
  private static final Pattern PAGE = Pattern.compile("(?:^|&)page=(\\d+)");

  private final DigitalOceanProvider provider = new DigitalOceanProvider();
  private final ProviderFixture fixture = new ProviderFixture();
  private final List<String> messages = new ArrayList<>();

  /** The items of closed invoices by UUID; an invoice not in it has none. */
  private final Map<String, String> closedItems = new HashMap<>();

  @BeforeEach
  void serveClosedInvoiceItems() {
    // Below the invoice list's path, so the list and the preview keep their own routes.
    fixture.route(INVOICES + "/", exchange -> {
      String uuid = exchange.getRequestURI().getPath().substring(INVOICES.length() + 1);
      ProviderFixture.send(exchange, 200, "application/json", closedItems.getOrDefault(uuid, items()));
    });
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
  /** The closed October invoice of invoices_page1.json, whose items are asked for. */
  private static final String OCTOBER_UUID = "1c6e8a52-3f0d-4b8e-9a53-7d8d0c1e2f01";

  private static LocalDate nov(int day) {
    return LocalDate.of(2026, 11, day);
  }

  private static String resourceOf(String name) {
    return resource("provider/digitalocean/" + name);
  }

  /** Answers page N of a list with the Nth body (no {@code page} parameter is page 1), links pointing here. */
  private HttpHandler paged(String... bodies) {
    return exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      Matcher m = PAGE.matcher(query == null ? "" : query);
      int page = m.find() ? Integer.parseInt(m.group(1)) : 1;
      if (page < 1 || page > bodies.length) {
        ProviderFixture.send(exchange, 404, "application/json", "{\"id\":\"not_found\"}");
      } else {
        String body = bodies[page - 1].replace("{{BASE}}", fixture.base().toString());
        ProviderFixture.send(exchange, 200, "application/json", body);
      }
    };
  }

  private HttpHandler pagedResources(String... names) {
    return paged(Arrays.stream(names).map(DigitalOceanProviderTest::resourceOf).toArray(String[]::new));
  }

  private void serveNormalMonth() {
    fixture.route(BALANCE, json(resourceOf("balance.json")));
    fixture.route(INVOICES, pagedResources("invoices_page1.json", "invoices_page2.json"));
    fixture.route(PREVIEW, pagedResources("preview_items_page1.json", "preview_items_page2.json",
        "preview_items_page3.json"));
  }

  private List<Observation> collect() throws ProviderException {
    return collect(WINDOW, CLOCK);
  }

  private List<Observation> collect(CollectWindow window, Clock clock) throws ProviderException {
    Account account = fixture.account(provider, YAML, ENV);
    try {
      return fixture.collect(provider, account, window, clock);
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

  /** Spend per dimension over one month, exact, as plain strings without trailing zeros. */
  private static Map<String, String> month(List<Observation> all, YearMonth month) {
    Map<String, BigDecimal> sums = new TreeMap<>();
    spend(all).stream().filter(o -> YearMonth.from(o.day()).equals(month) && o.value().signum() != 0)
        .forEach(o -> sums.merge(o.dimension(), o.value(), BigDecimal::add));
    Map<String, String> out = new TreeMap<>();
    sums.forEach((k, v) -> out.put(k, v.stripTrailingZeros().toPlainString()));
    return out;
  }

  private static List<Observation> of(List<Observation> all, String dimension) {
    return spend(all).stream().filter(o -> o.dimension().equals(dimension)).toList();
  }

  private static BigDecimal total(List<Observation> spend) {
    return spend.stream().map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static Observation row(LocalDate day, String dimension, String amount, Provenance provenance) {
    return Observation.spend(day, dimension, Money.of(amount, "USD"), provenance);
  }

  private static Observation api(String dimension, String amount) {
    return row(nov(1), dimension, amount, Provenance.API);
  }

  private static Observation zero(LocalDate day) {
    return row(day, "", "0", Provenance.API);
  }

  private static Observation balanceRow(LocalDate day, String amount) {
    return Observation.usage(day, "account_balance", "", new BigDecimal(amount), "USD", Aggregation.LAST,
        Provenance.API);
  }

  private static String balance(String usage, String accountBalance, String generatedAt) {
    return "{\"month_to_date_balance\": \"0\", \"account_balance\": \"" + accountBalance
        + "\", \"month_to_date_usage\": \"" + usage + "\", \"generated_at\": \"" + generatedAt + "\"}";
  }

  private static String invoices(String preview, String... invoices) {
    return "{\"invoices\": [" + String.join(",", invoices) + "], \"invoice_preview\": " + preview
        + ", \"links\": {}, \"meta\": {\"total\": " + invoices.length + "}}";
  }

  private static String invoice(String period, String amount) {
    return "{\"invoice_uuid\": \"u-" + period + "\", \"amount\": \"" + amount + "\", \"invoice_period\": \""
        + period + "\"}";
  }

  private static String preview(String period, String amount, String updatedAt) {
    return "{\"invoice_uuid\": \"p\", \"amount\": \"" + amount + "\", \"invoice_period\": \"" + period
        + "\", \"updated_at\": \"" + updatedAt + "\"}";
  }

  private static String items(String... items) {
    return "{\"invoice_items\": [" + String.join(",", items) + "], \"links\": {}, \"meta\": {\"total\": "
        + items.length + "}}";
  }

  private static String item(String product, String amount) {
    return "{\"product\": \"" + product + "\", \"description\": \"x\", \"amount\": \"" + amount
        + "\", \"duration\": \"744\", \"duration_unit\": \"Hours\"}";
  }

  private void serveMonth(String previewAmount, String... items) {
    fixture.route(BALANCE, json(resourceOf("balance.json")));
    fixture.route(INVOICES, json(invoices(preview("2026-11", previewAmount, "2026-11-23T06:31:50Z"),
        invoice("2026-10", "61.22"), invoice("2026-09", "58.10"))));
    fixture.route(PREVIEW, json(items(items)));
  }

  @Test
  void normalMonthOverSeveralPagesGivesSpendPerProductAndResource() throws Exception {
    serveNormalMonth();

    List<Observation> all = collect();

    assertThat(month(all, NOVEMBER)).isEqualTo(Map.of(
        "Droplets / web-1", "24",
        "Droplets / web-2", "12",
        "Droplets / worker-1", "6.1",
        "Kubernetes Clusters / my-doks-cluster", "12.34",
        "Load Balancers / lb-web", "10",
        "Spaces Subscription / Spaces", "5",
        "Volumes / data-volume", "3.2151"));
    // The month's rows add up exactly to the preview's total, which the balance confirms.
    assertThat(total(spend(all).stream().filter(o -> o.day().getMonthValue() == 11).toList()))
        .isEqualByComparingTo("72.6551");
    assertThat(spend(all)).filteredOn(o -> o.day().getMonthValue() == 11 && o.value().signum() != 0)
        .allMatch(o -> o.provenance() == Provenance.ESTIMATE);
    assertThat(spend(all)).allMatch(o -> o.unit().equals("USD"));
    assertThat(fixture.log).noneMatch(l -> l.contains("differs"));
  }

  @Test
  void eachResourceAccruesAtItsHourlyPriceOverTheDaysItRan() throws Exception {
    serveNormalMonth();

    List<Observation> all = collect();

    // web-1: 24.00 over the 530 hours from Nov 1 00:00 to Nov 23 02:00, so 24 x 24/530 per whole day.
    List<Observation> web1 = of(all, "Droplets / web-1");
    assertThat(web1).extracting(Observation::day).isEqualTo(nov(1).datesUntil(nov(24)).toList());
    assertThat(web1.subList(0, 22)).allSatisfy(o -> assertThat(o.value())
        .isCloseTo(new BigDecimal("1.0867924528"), within(new BigDecimal("0.0000000001"))));
    assertThat(total(web1)).isEqualByComparingTo("24.00");
    // The volume appeared on Nov 9 at 18:00: nothing before, 6 of its 320 hours (3.2151 USD) on the 9th.
    List<Observation> volume = of(all, "Volumes / data-volume");
    assertThat(volume.get(0).day()).isEqualTo(nov(9));
    assertThat(volume.get(0).value()).isEqualByComparingTo("0.060283125");
    assertThat(total(volume)).isEqualByComparingTo("3.2151");
  }

  @Test
  void aResourceRunningAllMonthReachesItsMonthlyPriceAfter672Hours() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:30:00Z"), ZoneOffset.UTC);
    CollectWindow window = CollectWindow.of(clock.instant(), ZoneOffset.UTC, 3);
    fixture.route(BALANCE, json(balance("0.12", "-80.00", "2026-12-01T00:10:00Z")));
    fixture.route(INVOICES, json(invoices(preview("2026-11", "24.00", "2026-11-30T06:31:50Z"))));
    fixture.route(PREVIEW, json(items("{\"product\": \"Droplets\", \"description\": \"ml-test (s-2vcpu-4gb)\","
        + " \"amount\": \"24.00\", \"start_time\": \"2026-11-01T00:00:00Z\", \"end_time\": \"2026-12-01T00:00:00Z\"}")));

    List<Observation> mlTest = of(collect(window, clock), "Droplets / ml-test");

    // 24.00 a month is 24/672 an hour: 0.857142857 a day, the whole price on the 28th, nothing after.
    assertThat(mlTest).extracting(Observation::day).isEqualTo(nov(1).datesUntil(nov(29)).toList());
    assertThat(mlTest.get(0).value()).isEqualByComparingTo("0.8571428571");
    assertThat(total(mlTest)).isEqualByComparingTo("24.00");
  }

  @Test
  void theClosedPreviousMonthIsItsInvoiceTotal() throws Exception {
    serveNormalMonth();

    List<Observation> october = spend(collect()).stream()
        .filter(o -> o.day().getMonthValue() == 10).toList();

    assertThat(october.get(0)).isEqualTo(row(LocalDate.of(2026, 10, 1), "invoice", "61.22", Provenance.INVOICE));
    assertThat(october.subList(1, october.size()))
        .isEqualTo(LocalDate.of(2026, 10, 2).datesUntil(nov(1)).map(DigitalOceanProviderTest::zero).toList());
  }

  @Test
  void everyDayThroughTheDataDayHasAFigureAndNoneAfterIt() throws Exception {
    serveNormalMonth();

    List<Observation> november = spend(collect()).stream().filter(o -> o.day().getMonthValue() == 11).toList();

    // So the month-end forecast extrapolates over 23 days, and a newer snapshot replaces each of them.
    assertThat(november).extracting(Observation::day).containsOnly(nov(1).datesUntil(nov(24)).toArray(LocalDate[]::new));
    assertThat(november.stream().map(Observation::day).distinct()).hasSize(23);
  }

  @Test
  void theAccountBalanceIsUsageInUsdTakenLast() throws Exception {
    serveNormalMonth();

    List<Observation> usage = collect().stream().filter(o -> o.kind() == ObservationKind.USAGE).toList();

    assertThat(usage).containsExactly(balanceRow(nov(23), "-80.00"));
  }

  @Test
  void requestsFollowTheNextLinksWithTheTokenAsBearer() throws Exception {
    serveNormalMonth();

    collect();

    assertThat(fixture.requests).containsExactly(
        "GET " + BALANCE,
        "GET " + INVOICES + "?per_page=20",
        "GET " + INVOICES + "?page=2&per_page=20",
        "GET " + PREVIEW + "?per_page=200",
        "GET " + PREVIEW + "?page=2&per_page=200",
        "GET " + PREVIEW + "?page=3&per_page=200",
        "GET " + INVOICES + "/" + OCTOBER_UUID + "?per_page=200");
    assertThat(fixture.requestHeaders).hasSize(7).allSatisfy(headers ->
        assertThat(headers.get("Authorization")).containsExactly("Bearer " + SECRET));
  }

  @Test
  void invoicePagingStopsAtThePageReachingBeforeThePreviousMonth() throws Exception {
    fixture.route(BALANCE, json(resourceOf("balance.json")));
    String older = invoices(preview("2026-11", "0", "2026-11-23T06:31:50Z"), invoice("2026-10", "61.22"),
        invoice("2026-09", "58.10")).replace("\"links\": {}",
        "\"links\": {\"pages\": {\"next\": \"{{BASE}}/v2/customers/my/invoices?page=2&per_page=20\"}}");
    fixture.route(INVOICES, paged(older, "not reached"));
    fixture.route(PREVIEW, json(items()));

    collect();

    assertThat(fixture.requests).filteredOn(r -> r.startsWith("GET " + INVOICES + "?"))
        .containsExactly("GET " + INVOICES + "?per_page=20");
  }

  @Test
  void anEmptyMonthIsAnExplicitZero() throws Exception {
    fixture.route(BALANCE, json(resourceOf("balance_empty.json")));
    fixture.route(INVOICES, json(resourceOf("invoices_empty.json")));
    fixture.route(PREVIEW, json(resourceOf("preview_items_empty.json")));

    List<Observation> all = collect();

    assertThat(spend(all)).isEqualTo(nov(1).datesUntil(nov(24)).map(DigitalOceanProviderTest::zero).toList());
    assertThat(all).contains(balanceRow(nov(23), "0.00"));
    assertThat(fixture.log).anyMatch(l -> l.contains("no invoice, preview or balance for 2026-10"));
  }

  @Test
  void whatTheItemsDoNotExplainIsAnAdjustmentsRowSoTheMonthAddsUpToThePreview() throws Exception {
    serveMonth("70.6551", item("Droplets", "42.10"), item("Volumes", "30.5551"));

    List<Observation> all = collect();

    assertThat(month(all, NOVEMBER)).isEqualTo(Map.of(
        "Droplets / x", "42.1", "Volumes / x", "30.5551", "adjustments", "-2"));
    assertThat(all).contains(api("adjustments", "-2.0000"));
    assertThat(total(spend(all).stream().filter(o -> o.day().getMonthValue() == 11).toList()))
        .isEqualByComparingTo("70.6551");
    // The balance says 72.6551: the difference is shown to whoever runs --verbose.
    assertThat(fixture.log).anyMatch(l -> l.contains("invoice preview total 70.6551 USD differs"));
  }

  @Test
  void amountsWithManyDecimalsAreReadExactly() throws Exception {
    serveMonth("0.300000000000000000049",
        item("Functions", "0.100000000000000000012"),
        item("Functions", "0.100000000000000000017"),
        "{\"amount\": \"0.100000000000000000020\"}");

    assertThat(month(collect(), NOVEMBER)).isEqualTo(Map.of(
        "Functions / x", "0.200000000000000000029", "other", "0.10000000000000000002"));
  }

  @Test
  void aRevisedPreviewReplacesTheMonthsFigures() throws Exception {
    fixture.route(BALANCE, json(resourceOf("balance.json")));
    fixture.route(INVOICES, sequence(
        json(invoices(preview("2026-11", "30.00", "2026-11-22T06:31:50Z"), invoice("2026-10", "61.22"))),
        json(invoices(preview("2026-11", "36.50", "2026-11-23T06:31:50Z"), invoice("2026-10", "61.22")))));
    fixture.route(PREVIEW, sequence(
        json(items(item("Droplets", "24.00"), item("Volumes", "6.00"))),
        json(items(item("Droplets", "30.00"), item("Volumes", "6.50")))));

    Map<String, String> before = month(collect(), NOVEMBER);
    List<Observation> after = collect();

    assertThat(before).isEqualTo(Map.of("Droplets / x", "24", "Volumes / x", "6"));
    assertThat(month(after, NOVEMBER)).isEqualTo(Map.of("Droplets / x", "30", "Volumes / x", "6.5"));
    assertThat(month(after, YearMonth.of(2026, 10))).isEqualTo(Map.of("invoice", "61.22"));
  }

  @Test
  void inTheFirstHoursOfAMonthTheOpenPreviewKeepsTheOldMonthAndTheBalanceStartsTheNew() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:30:00Z"), ZoneOffset.UTC);
    CollectWindow window = CollectWindow.of(clock.instant(), ZoneOffset.UTC, 3);
    fixture.route(BALANCE, json(balance("0.12", "-80.00", "2026-12-01T00:10:00Z")));
    fixture.route(INVOICES, json(invoices(preview("2026-11", "98.40", "2026-11-30T06:31:50Z"),
        invoice("2026-10", "61.22"))));
    fixture.route(PREVIEW, json(items(item("Droplets", "88.40"), item("Load Balancers", "10.00"))));

    List<Observation> all = collect(window, clock);

    // Without times an item counts for the whole month, its monthly price reached on the 28th.
    assertThat(month(all, NOVEMBER)).isEqualTo(Map.of("Droplets / x", "88.4", "Load Balancers / x", "10"));
    assertThat(spend(all)).contains(zero(nov(29)), zero(nov(30)))
        .endsWith(row(LocalDate.of(2026, 12, 1), "month to date", "0.12", Provenance.API));
  }

  /** Dec 2, 07:00: December's preview (3.20 USD of droplets) beside these closed invoices. */
  private List<Observation> collectOnDecember2(String accountBalance, String... closed) throws ProviderException {
    Clock clock = Clock.fixed(Instant.parse("2026-12-02T07:00:00Z"), ZoneOffset.UTC);
    fixture.route(BALANCE, json(balance("3.20", accountBalance, "2026-12-02T06:40:00Z")));
    fixture.route(INVOICES, json(invoices(preview("2026-12", "3.20", "2026-12-02T06:31:50Z"), closed)));
    fixture.route(PREVIEW, json(items(item("Droplets", "3.20"))));
    return collect(CollectWindow.of(clock.instant(), ZoneOffset.UTC, 3), clock);
  }

  @Test
  void onceTheMonthIsInvoicedTheInvoiceAloneStandsForIt() throws Exception {
    List<Observation> spend = spend(collectOnDecember2("98.40", invoice("2026-11", "98.40"), invoice("2026-10", "61.22")));

    // Every day of November, also those before the window, so no estimate stored while it was open survives.
    List<Observation> november = new ArrayList<>(List.of(row(nov(1), "invoice", "98.40", Provenance.INVOICE)));
    nov(2).datesUntil(LocalDate.of(2026, 12, 1)).map(DigitalOceanProviderTest::zero).forEach(november::add);
    assertThat(spend.subList(0, 30)).isEqualTo(november);
    assertThat(month(spend, YearMonth.of(2026, 12))).isEqualTo(Map.of("Droplets / x", "3.2"));
    assertThat(spend.subList(30, spend.size())).extracting(Observation::day)
        .containsExactly(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 2));
  }

  @Test
  void aClosedMonthsInvoiceIsSpreadPerResourceAsBilledAndAddsUpToItsTotal() throws Exception {
    closedItems.put("u-2026-11", items(
        "{\"product\": \"Droplets\", \"description\": \"web-1 (s-2vcpu-4gb)\", \"amount\": \"24.00\","
            + " \"start_time\": \"2026-11-01T00:00:00Z\", \"end_time\": \"2026-12-01T00:00:00Z\"}",
        "{\"product\": \"Droplets\", \"description\": \"ml-test (s-8vcpu-16gb)\", \"amount\": \"25.50\","
            + " \"start_time\": \"2026-11-22T10:00:00Z\", \"end_time\": \"2026-12-01T00:00:00Z\"}"));

    List<Observation> all = collectOnDecember2("50.00", invoice("2026-11", "50.00"));

    assertThat(fixture.requests).contains("GET " + INVOICES + "/u-2026-11?per_page=200");
    assertThat(month(all, NOVEMBER)).isEqualTo(Map.of(
        "Droplets / web-1", "24", "Droplets / ml-test", "25.5", "adjustments", "0.5"));
    List<Observation> november = spend(all).stream().filter(o -> YearMonth.from(o.day()).equals(NOVEMBER)).toList();
    assertThat(total(november)).isEqualByComparingTo("50.00");
    assertThat(november).allMatch(o -> o.provenance() == Provenance.INVOICE || o.value().signum() == 0);
    // Billed per resource on the days it ran: ml-test from Nov 22, web-1's monthly price reached on the 28th.
    assertThat(of(all, "Droplets / ml-test").get(0).day()).isEqualTo(nov(22));
    assertThat(of(all, "Droplets / web-1")).extracting(Observation::day).endsWith(nov(28));
    assertThat(november.stream().map(Observation::day).distinct()).hasSize(30);
  }

  @Test
  void aPreviewOfAnInvoicedMonthIsNotFetched() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-12-01T03:00:00Z"), ZoneOffset.UTC);
    CollectWindow window = CollectWindow.of(clock.instant(), ZoneOffset.UTC, 0);
    fixture.route(BALANCE, json(balance("0.40", "98.40", "2026-12-01T02:40:00Z")));
    fixture.route(INVOICES, json(invoices(preview("2026-11", "98.40", "2026-11-30T06:31:50Z"),
        invoice("2026-11", "98.40"))));
    fixture.route(PREVIEW, respond(500, "application/json", "{}"));

    List<Observation> spend = spend(collect(window, clock));

    assertThat(spend.get(0)).isEqualTo(row(nov(1), "invoice", "98.40", Provenance.INVOICE));
    assertThat(spend.subList(1, 30)).isEqualTo(
        nov(2).datesUntil(LocalDate.of(2026, 12, 1)).map(DigitalOceanProviderTest::zero).toList());
    assertThat(spend.get(30)).isEqualTo(row(LocalDate.of(2026, 12, 1), "month to date", "0.40", Provenance.API));
    assertThat(spend).hasSize(31);
    assertThat(fixture.requests).noneMatch(r -> r.startsWith("GET " + PREVIEW));
  }

  @Test
  void withoutAnInvoicePreviewTheBalanceGivesTheMonthToDate() throws Exception {
    fixture.route(BALANCE, json(resourceOf("balance.json")));
    fixture.route(INVOICES, json(invoices("null")));

    List<Observation> spend = spend(collect());

    assertThat(spend.get(0)).isEqualTo(api("month to date", "72.6551"));
    assertThat(spend.subList(1, spend.size()))
        .isEqualTo(nov(2).datesUntil(nov(24)).map(DigitalOceanProviderTest::zero).toList());
  }

  @Test
  void aRejectedTokenIsAnAuthFailure() {
    fixture.route(BALANCE, respond(401, "application/json", resourceOf("error_unauthorized.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).contains("401").contains(BALANCE);
  }

  @Test
  void aTokenWithoutBillingReadIsANamedCondition() {
    fixture.route(BALANCE, respond(403, "application/json", resourceOf("error_forbidden.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).startsWith("token lacks billing:read").contains("403").contains(BALANCE)
        .doesNotContain("\n");
    assertThat(fixture.sleeps).isEmpty();
  }

  @Test
  void aForbiddenPageHalfwayThroughIsTheConditionToo() {
    fixture.route(BALANCE, json(resourceOf("balance.json")));
    fixture.route(INVOICES, pagedResources("invoices_page1.json", "invoices_page2.json"));
    fixture.route(PREVIEW, sequence(
        json(resourceOf("preview_items_page1.json").replace("{{BASE}}", fixture.base().toString())),
        respond(403, "text/html", "<html><body>Forbidden</body></html>")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.CONDITION);
    assertThat(e.getMessage()).contains("token lacks billing:read").contains(PREVIEW);
  }

  @Test
  void tooManyRequestsWaitsAsToldThenSucceeds() throws Exception {
    HttpHandler limited = exchange -> {
      exchange.getResponseHeaders().set("Retry-After", "7");
      exchange.getResponseHeaders().set("ratelimit-remaining", "0");
      ProviderFixture.send(exchange, 429, "application/json", resourceOf("error_too_many_requests.json"));
    };
    fixture.route(BALANCE, sequence(limited, json(resourceOf("balance.json"))));
    fixture.route(INVOICES, pagedResources("invoices_page1.json", "invoices_page2.json"));
    fixture.route(PREVIEW, pagedResources("preview_items_page1.json", "preview_items_page2.json",
        "preview_items_page3.json"));

    assertThat(total(spend(collect()))).isEqualByComparingTo("133.8751");
    assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void aServerErrorThenSuccessIsRetried() throws Exception {
    fixture.route(BALANCE, json(resourceOf("balance.json")));
    fixture.route(INVOICES, pagedResources("invoices_page1.json", "invoices_page2.json"));
    fixture.route(PREVIEW, sequence(respond(500, "application/json", resourceOf("error_server.json")),
        pagedResources("preview_items_page1.json", "preview_items_page2.json", "preview_items_page3.json")));

    assertThat(total(spend(collect()))).isEqualByComparingTo("133.8751");
    assertThat(fixture.sleeps).hasSize(1);
  }

  @Test
  void aServerErrorForeverIsUnavailable() {
    fixture.route(BALANCE, respond(500, "application/json", resourceOf("error_server.json")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("500").contains("attempts");
  }

  @Test
  void anHtmlPageIsABadResponse() {
    fixture.route(BALANCE, respond(200, "text/html", "<!DOCTYPE html><html><body>Maintenance</body></html>"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("not JSON");
  }

  @Test
  void aTruncatedBodyIsABadResponse() {
    fixture.route(BALANCE, json(resourceOf("balance.json")));
    String full = resourceOf("invoices_page1.json");
    fixture.route(INVOICES, json(full.substring(0, full.indexOf("\"invoice_preview\""))));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("truncated");
  }

  @Test
  void aMissingMonthToDateUsageIsABadResponseNamingTheField() {
    fixture.route(BALANCE, json("{\"account_balance\": \"0.00\", \"generated_at\": \"2026-11-23T06:40:12Z\"}"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("response field " + BALANCE + ".month_to_date_usage is missing");
  }

  @Test
  void anItemWithoutAmountIsABadResponseNamingTheField() {
    serveMonth("1.00", item("Droplets", "1.00"), "{\"product\": \"Volumes\"}");

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("response field " + PREVIEW + " invoice_items[].amount is missing");
  }

  @Test
  void anInvoiceListWithoutInvoicesIsABadResponse() {
    fixture.route(BALANCE, json(resourceOf("balance.json")));
    fixture.route(INVOICES, json("{\"links\": {}, \"meta\": {\"total\": 0}}"));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains(INVOICES + ".invoices is missing");
  }

  @Test
  void aNextLinkToAnotherHostIsRefused() {
    fixture.route(BALANCE, json(resourceOf("balance.json")));
    fixture.route(INVOICES, json(resourceOf("invoices_page1.json").replace("{{BASE}}", "https://api.example.com")));

    ProviderException e = failure();

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("another host");
    assertThat(fixture.requests).hasSize(2);
  }

  @Test
  void behindAnEndpointTheNextLinksToThePublicApiAreFollowedOnTheEndpoint() throws Exception {
    // DigitalOcean writes its public address into links.pages.next whatever host was asked.
    String publicBase = "https://api.digitalocean.com";
    fixture.route(BALANCE, json(resourceOf("balance.json")));
    fixture.route(INVOICES, paged(resourceOf("invoices_page1.json").replace("{{BASE}}", publicBase),
        resourceOf("invoices_page2.json").replace("{{BASE}}", publicBase)));
    fixture.route(PREVIEW, paged(
        resourceOf("preview_items_page1.json").replace("{{BASE}}", publicBase),
        resourceOf("preview_items_page2.json").replace("{{BASE}}", publicBase),
        resourceOf("preview_items_page3.json").replace("{{BASE}}", publicBase)));

    List<Observation> all = collect();

    assertThat(fixture.requests).containsExactly(
        "GET " + BALANCE,
        "GET " + INVOICES + "?per_page=20",
        "GET " + INVOICES + "?page=2&per_page=20",
        "GET " + PREVIEW + "?per_page=200",
        "GET " + PREVIEW + "?page=2&per_page=200",
        "GET " + PREVIEW + "?page=3&per_page=200",
        "GET " + INVOICES + "/" + OCTOBER_UUID + "?per_page=200");
    assertThat(total(spend(all).stream().filter(o -> o.day().getMonthValue() == 11).toList()))
        .isEqualByComparingTo("72.6551");
  }

  @Test
  void aPublicApiLinkOnAnotherPortOrSchemeIsStillRefused() {
    fixture.route(BALANCE, json(resourceOf("balance.json")));
    fixture.route(INVOICES, json(resourceOf("invoices_page1.json")
        .replace("{{BASE}}", "http://api.digitalocean.com:8443")));

    ProviderException e = failure();

    assertThat(e.getMessage()).contains("another host");
    assertThat(fixture.requests).hasSize(2);
  }

  @Test
  void theSecretAppearsNowhere() throws Exception {
    serveNormalMonth();
    collect();
    for (String failing : List.of("error_unauthorized.json", "error_forbidden.json")) {
      try (ProviderFixture other = new ProviderFixture()) {
        other.route(BALANCE, respond(failing.contains("forbidden") ? 403 : 401, "application/json",
            resourceOf(failing)));
        Account account = other.account(provider, YAML, ENV);
        ProviderException e = catchThrowableOfType(ProviderException.class,
            () -> other.collect(provider, account, WINDOW, CLOCK));
        messages.add(e.getMessage());
        messages.add(e.toString());
        messages.add(other.everythingVisible());
        messages.add(account.settings().toString());
      }
    }

    assertThat(fixture.archived).hasSize(7);
    assertThat(fixture.everythingVisible()).isNotEmpty().doesNotContain(SECRET);
    assertThat(messages).hasSize(8).allSatisfy(m -> assertThat(m).doesNotContain(SECRET));
  }

  @Test
  void reprocessingTheArchiveGivesTheSameObservations() throws Exception {
    serveNormalMonth();
    Account account = fixture.account(provider, YAML, ENV);
    List<Observation> live = fixture.collect(provider, account, WINDOW, CLOCK);

    ReplayHttp http = new ReplayHttp(fixture.archived.stream()
        .map((ArchivedResponse r) -> new ReplayHttp.Recorded(r.method(), r.url(), r.status(), r.contentType(), r.body()))
        .toList());
    List<Observation> replayed = provider.collect(account, (DigitalOceanSettings) account.settings(), WINDOW,
        new AccountContext(CLOCK, line -> { }, account, http));

    assertThat(replayed).isEqualTo(live);
  }

  @Test
  void theTokenIsRequired() {
    assertThatThrownBy(() -> fixture.account(provider, "", ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("token");
  }

  @Test
  void spendIsInUsdWithoutDefaultQuotas() {
    Account account = fixture.account(provider, YAML, ENV);
    DigitalOceanSettings settings = (DigitalOceanSettings) account.settings();
    assertThat(provider.currencies(settings)).containsExactly(MonthlySpend.USD);
    assertThat(provider.defaultQuotas(settings)).isEmpty();
  }
}
