package dev.costmon.export;

import static dev.costmon.export.Fixtures.EUR;
import static dev.costmon.export.Fixtures.USD;
import static dev.costmon.export.Fixtures.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.budget.AccountView;
import dev.costmon.budget.Attribution;
import dev.costmon.budget.DailySpend;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.ServiceSpend;
import dev.costmon.budget.UsageView;
import dev.costmon.config.Account;
import dev.costmon.config.AttributionRule;
import dev.costmon.config.AttributionRules;
import dev.costmon.config.Glob;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import dev.costmon.model.Quantity;
import dev.costmon.model.Tags;
import dev.costmon.store.CollectionState;
import dev.costmon.store.SnapshotStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromTextfileTest {
  private static final Instant NOW = Instant.parse("2026-11-20T06:00:00Z");
  private static final Instant LAST_OK = Instant.parse("2026-11-20T05:00:01.500Z");

  @TempDir Path dir;

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  private static Money usd(String amount) {
    return Money.of(amount, "USD");
  }

  private static ServiceSpend service(String name, Money amount) {
    return new ServiceSpend(name, amount, Provenance.API);
  }

  private static AccountView view(Account account, Money spend, Money reporting, List<ServiceSpend> services,
      Money forecast, List<UsageView> usage, Optional<CollectionState> state) {
    Optional<BigDecimal> capRatio = account.cap().map(c -> spend.amount().divide(c.amount()));
    Optional<BigDecimal> forecastRatio = account.cap().map(c -> forecast.amount().divide(c.amount()));
    return new AccountView(account, spend, reporting, new BigDecimal("0.9"), Set.of(Provenance.API), services,
        account.cap(), capRatio, forecast, Provenance.ESTIMATE, forecastRatio, usage, List.of(), state, false,
        Optional.empty());
  }

  /** Three accounts: one with everything, one fixed fee whose last attempt failed, one never collected. */
  static MonthView sample() {
    Account openai = account("openai", "openai", Map.of("team", "ml"), USD, Optional.of(usd("50")),
        Map.of("tokens", Quantity.parse("2M")));
    Account ionos = account("ionos", "fixed", Map.of(), EUR, Optional.empty(), Map.of());
    Account vercel = account("vercel", "vercel", Map.of(), USD, Optional.of(usd("20")),
        Map.of("invocations", Quantity.parse("100k")));
    AccountView a = view(openai, usd("12.50"), eur("11.25"),
        List.of(service("gpt-4o", usd("8")), service("embeddings", usd("3")), service("whisper", usd("1.50"))),
        usd("40"),
        List.of(new UsageView("tokens", "count", new BigDecimal("1000000"), Aggregation.SUM,
            Optional.of(Quantity.parse("2M")), Optional.of(new BigDecimal("0.5")))),
        Optional.of(new CollectionState("openai", Optional.of(LAST_OK), LAST_OK, SnapshotStatus.OK,
            Optional.empty(), Duration.ofMillis(1500))));
    AccountView b = view(ionos, eur("4.00"), eur("4.00"), List.of(service("(account)", eur("4.00"))), eur("6"),
        List.of(),
        Optional.of(new CollectionState("ionos", Optional.of(LAST_OK.minusSeconds(86400)), LAST_OK,
            SnapshotStatus.FAILED, Optional.of("HTTP 500"), Duration.ofSeconds(30))));
    AccountView c = view(vercel, usd("0"), eur("0"), List.of(), usd("0"),
        List.of(new UsageView("invocations", "count", BigDecimal.ZERO, Aggregation.SUM,
            Optional.of(Quantity.parse("100k")), Optional.of(BigDecimal.ZERO))),
        Optional.empty());
    return new MonthView(YearMonth.of(2026, 11), NOW, List.of(a, b, c), eur("15.25"), eur("42"),
        Optional.of(eur("100")), Optional.of(new BigDecimal("0.1525")));
  }

  @Test
  void rendersEveryFamilyWithItsHelpAndNoTimestamps() {
    String text = new PromTextfile(2, "1.2.3").render(sample(), false);

    assertThat(text).isEqualTo("""
        # HELP costmon_attributed_spend_month_to_date Month-to-date spend of all accounts with one value of a costmon label (attribution rules, else the account's labels) in the reporting currency named by the currency label; value="unattributed" has none, value="other" sums the values beyond the top N, so the series of one label add up to the total.
        # TYPE costmon_attributed_spend_month_to_date gauge
        costmon_attributed_spend_month_to_date{currency="EUR",label="team",value="ml"} 11.25
        costmon_attributed_spend_month_to_date{currency="EUR",label="team",value="unattributed"} 4.0
        # HELP costmon_build_info costmon build that wrote this file; always 1, the version label names the release.
        # TYPE costmon_build_info gauge
        costmon_build_info{version="1.2.3"} 1.0
        # HELP costmon_cap Monthly spend cap of the account, in the currency named by the currency label.
        # TYPE costmon_cap gauge
        costmon_cap{account="vercel",currency="USD",provider="vercel"} 20.0
        costmon_cap{account="openai",currency="USD",provider="openai",team="ml"} 50.0
        # HELP costmon_cap_used_ratio Month-to-date spend of the account divided by its monthly cap (1 = cap reached).
        # TYPE costmon_cap_used_ratio gauge
        costmon_cap_used_ratio{account="openai",provider="openai",team="ml"} 0.25
        # HELP costmon_collect_duration_seconds Duration of the account's last collection attempt.
        # TYPE costmon_collect_duration_seconds gauge
        costmon_collect_duration_seconds{account="ionos",provider="fixed"} 30.0
        costmon_collect_duration_seconds{account="openai",provider="openai",team="ml"} 1.5
        # HELP costmon_collect_success 1 if the account's last collection attempt succeeded, 0 if it failed or the provider reported a condition.
        # TYPE costmon_collect_success gauge
        costmon_collect_success{account="ionos",provider="fixed"} 0.0
        costmon_collect_success{account="openai",provider="openai",team="ml"} 1.0
        # HELP costmon_forecast_cap_ratio Projected month-end spend of the account divided by its monthly cap.
        # TYPE costmon_forecast_cap_ratio gauge
        costmon_forecast_cap_ratio{account="openai",provider="openai",team="ml"} 0.8
        # HELP costmon_forecast_month_end Projected month-end spend of the account (the provider's forecast, else fixed fees plus a linear extrapolation), in the currency named by the currency label.
        # TYPE costmon_forecast_month_end gauge
        costmon_forecast_month_end{account="ionos",currency="EUR",provider="fixed"} 6.0
        costmon_forecast_month_end{account="openai",currency="USD",provider="openai",team="ml"} 40.0
        # HELP costmon_last_success_timestamp_seconds Unix time of the account's last successful collection.
        # TYPE costmon_last_success_timestamp_seconds gauge
        costmon_last_success_timestamp_seconds{account="ionos",provider="fixed"} 1.7950644015E9
        costmon_last_success_timestamp_seconds{account="openai",provider="openai",team="ml"} 1.7951508015E9
        # HELP costmon_max_age_seconds Age of the last successful collection beyond which the account's data is stale.
        # TYPE costmon_max_age_seconds gauge
        costmon_max_age_seconds{account="ionos",provider="fixed"} 129600.0
        costmon_max_age_seconds{account="vercel",provider="vercel"} 129600.0
        costmon_max_age_seconds{account="openai",provider="openai",team="ml"} 129600.0
        # HELP costmon_provenance_spend_month_to_date Month-to-date spend of all accounts whose figures come from one source (provenance: invoice, api, estimate, fixed, manual) in the reporting currency named by the currency label; the series add up to the total.
        # TYPE costmon_provenance_spend_month_to_date gauge
        costmon_provenance_spend_month_to_date{currency="EUR",provenance="api"} 15.25
        # HELP costmon_quota Monthly quota (free-tier limit) of a usage metric, in the unit named by the unit label.
        # TYPE costmon_quota gauge
        costmon_quota{account="openai",metric="tokens",provider="openai",team="ml",unit="count"} 2000000.0
        costmon_quota{account="vercel",metric="invocations",provider="vercel",unit="count"} 100000.0
        # HELP costmon_quota_used_ratio Month-to-date usage of a metric divided by its quota (1 = quota reached).
        # TYPE costmon_quota_used_ratio gauge
        costmon_quota_used_ratio{account="openai",metric="tokens",provider="openai",team="ml"} 0.5
        # HELP costmon_service_spend_month_to_date Month-to-date spend of the account's largest services in the currency named by the currency label; service="other" sums the rest, so the series add up to the account's spend.
        # TYPE costmon_service_spend_month_to_date gauge
        costmon_service_spend_month_to_date{account="openai",currency="USD",provider="openai",service="embeddings",team="ml"} 3.0
        costmon_service_spend_month_to_date{account="openai",currency="USD",provider="openai",service="gpt-4o",team="ml"} 8.0
        costmon_service_spend_month_to_date{account="openai",currency="USD",provider="openai",service="other",team="ml"} 1.5
        # HELP costmon_spend_month_to_date Month-to-date spend of the account in its own currency, named by the currency label.
        # TYPE costmon_spend_month_to_date gauge
        costmon_spend_month_to_date{account="ionos",currency="EUR",provider="fixed"} 4.0
        costmon_spend_month_to_date{account="openai",currency="USD",provider="openai",team="ml"} 12.5
        # HELP costmon_spend_month_to_date_reporting Month-to-date spend of the account converted at the configured rate into the reporting currency, named by the currency label.
        # TYPE costmon_spend_month_to_date_reporting gauge
        costmon_spend_month_to_date_reporting{account="ionos",currency="EUR",provider="fixed"} 4.0
        costmon_spend_month_to_date_reporting{account="openai",currency="EUR",provider="openai",team="ml"} 11.25
        # HELP costmon_total_cap Global monthly cap over all accounts, in the currency named by the currency label.
        # TYPE costmon_total_cap gauge
        costmon_total_cap{currency="EUR"} 100.0
        # HELP costmon_total_cap_used_ratio Month-to-date spend of all accounts divided by the global cap (1 = cap reached).
        # TYPE costmon_total_cap_used_ratio gauge
        costmon_total_cap_used_ratio 0.1525
        # HELP costmon_total_forecast_month_end Projected month-end spend of all accounts in the reporting currency, named by the currency label.
        # TYPE costmon_total_forecast_month_end gauge
        costmon_total_forecast_month_end{currency="EUR"} 42.0
        # HELP costmon_total_spend_month_to_date Month-to-date spend of all accounts in the reporting currency, named by the currency label.
        # TYPE costmon_total_spend_month_to_date gauge
        costmon_total_spend_month_to_date{currency="EUR"} 15.25
        # HELP costmon_usage Month-to-date usage of a metric (summed, or the latest value for sizes), in the unit named by the unit label.
        # TYPE costmon_usage gauge
        costmon_usage{account="openai",metric="tokens",provider="openai",team="ml",unit="count"} 1000000.0
        """);
  }

  @Test
  void demoModeAddsAMarkerTheDashboardCanShow() {
    PromTextfile prom = new PromTextfile(2, "1.2.3");

    assertThat(prom.render(sample(), true)).contains("""
        # HELP costmon_demo 1: every figure in this file is synthetic demo data (costmon demo mode), not real spend.
        # TYPE costmon_demo gauge
        costmon_demo 1.0
        """);
    assertThat(prom.render(sample(), false)).doesNotContain("costmon_demo");
  }

  @Test
  void accountLabelsAreOnEveryPerAccountSeries() {
    String text = new PromTextfile(2, "1.2.3").render(sample(), false);

    List<String> openai = samples(text).stream().filter(l -> l.contains("account=\"openai\"")).toList();
    assertThat(openai).hasSize(16).allSatisfy(l -> assertThat(l).contains("team=\"ml\""));
    assertThat(samples(text)).filteredOn(l -> l.contains("team=")).allSatisfy(l -> assertThat(l).contains("openai"));
  }

  @Test
  void anAccountNeverCollectedExportsItsLimitsButNoFigures() {
    String text = new PromTextfile(2, "1.2.3").render(sample(), false);

    assertThat(samples(text)).filteredOn(l -> l.contains("account=\"vercel\""))
        .extracting(l -> l.substring(0, l.indexOf('{')))
        .containsExactlyInAnyOrder("costmon_cap", "costmon_max_age_seconds", "costmon_quota");
  }

  @Test
  void theBreakdownShowsTheTopServicesAndOtherSummingExactlyToTheAccount() {
    List<ServiceSpend> services = List.of(service("b", usd("0.10")), service("a", usd("0.20")),
        service("c", usd("0.10")), service("d", usd("0.000001")), service("e", usd("-0.05")));

    assertThat(PromTextfile.breakdown(services, 2)).containsExactly(
        new PromTextfile.ServiceSeries("a", usd("0.20")),
        new PromTextfile.ServiceSeries("b", usd("0.10")),
        new PromTextfile.ServiceSeries("other", usd("0.050001")));
    assertThat(PromTextfile.breakdown(services, 5)).extracting(PromTextfile.ServiceSeries::service)
        .containsExactly("a", "b", "c", "d", "e");
    assertThat(PromTextfile.breakdown(List.of(service("(account)", usd("3"))), 2)).isEmpty();
    assertThat(PromTextfile.breakdown(List.of(), 2)).isEmpty();
  }

  @Test
  void aServiceNamedOtherJoinsTheRestInsteadOfDuplicatingTheSeries() {
    List<ServiceSpend> services = List.of(service("other", usd("9")), service("a", usd("1")));

    assertThat(PromTextfile.breakdown(services, 5)).containsExactly(
        new PromTextfile.ServiceSeries("a", usd("1")),
        new PromTextfile.ServiceSeries("other", usd("9")));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 1234})
  void randomBreakdownsSumExactlyAndNeverRepeatASeries(long seed) {
    Random random = new Random(seed);
    List<String> names = List.of("a", "b", "c", "other", "(account)", "gpt-4o", "r2", "x,y", "q\"uote");
    for (int round = 0; round < 200; round++) {
      List<ServiceSpend> services = new ArrayList<>();
      for (String name : names) {
        if (random.nextBoolean()) {
          services.add(service(name, usd(BigDecimal.valueOf(random.nextInt(2_000_000) - 100_000,
              random.nextInt(7)).toPlainString())));
        }
      }
      int top = 1 + random.nextInt(5);

      List<PromTextfile.ServiceSeries> series = PromTextfile.breakdown(services, top);

      if (services.size() == 1 && services.get(0).service().equals("(account)")) {
        assertThat(series).isEmpty();
        continue;
      }
      BigDecimal expected = services.stream().map(s -> s.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal actual = series.stream().map(s -> s.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(actual).isEqualByComparingTo(expected);
      assertThat(series).hasSizeLessThanOrEqualTo(top + 1);
      assertThat(series).extracting(PromTextfile.ServiceSeries::service).doesNotHaveDuplicates();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {7, 8, 9})
  void noTwoSeriesOfAFamilyShareALabelSet(long seed) {
    Random random = new Random(seed);
    List<AccountView> accounts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Account account = account("acct-" + i, i % 2 == 0 ? "openai" : "fixed",
          i % 3 == 0 ? Map.of("team", "t" + (i % 2)) : Map.of(), USD,
          i % 2 == 0 ? Optional.of(usd("10")) : Optional.empty(),
          Map.of("tokens", Quantity.parse("1M"), "bytes_stored", Quantity.parse("1GB")));
      List<ServiceSpend> services = new ArrayList<>();
      for (String name : List.of("a", "b", "other", "c", "d")) {
        if (random.nextBoolean()) {
          services.add(service(name, usd(Integer.toString(random.nextInt(100)))));
        }
      }
      List<UsageView> usage = List.of(
          new UsageView("tokens", "count", BigDecimal.TEN, Aggregation.SUM, Optional.of(Quantity.parse("1M")),
              Optional.of(new BigDecimal("0.00001"))),
          new UsageView("bytes_stored", "bytes", BigDecimal.ONE, Aggregation.LAST, Optional.empty(), Optional.empty()));
      accounts.add(view(account, usd("5"), eur("4.5"), services, usd("9"), usage,
          Optional.of(new CollectionState(account.id(), Optional.of(LAST_OK), LAST_OK, SnapshotStatus.OK,
              Optional.empty(), Duration.ofSeconds(1)))));
    }
    MonthView view = new MonthView(YearMonth.of(2026, 11), NOW, accounts, eur("27"), eur("50"), Optional.empty(),
        Optional.empty());

    List<String> samples = samples(new PromTextfile(2, "1.2.3").render(view, random.nextBoolean()));

    // node_exporter silently drops all but one of series with the same name and labels.
    List<String> series = samples.stream().map(l -> l.substring(0, l.lastIndexOf(' '))).toList();
    assertThat(series).doesNotHaveDuplicates();
    // node_exporter refuses a whole file with a timestamp: after the series there is only the value.
    assertThat(samples).allSatisfy(l -> assertThat(
        l.contains("}") ? l.substring(l.lastIndexOf('}') + 2) : l.substring(l.indexOf(' ') + 1))
        .matches("[-+0-9.eE]+|NaN|[-+]Inf"));
  }

  @Test
  void writeReplacesTheFileAtomicallyWithMode0644() throws IOException {
    Path target = dir.resolve("costmon.prom");
    Files.writeString(target, "old\n");
    PromTextfile prom = new PromTextfile(2, "1.2.3");

    prom.write(target, sample(), false);

    assertThat(Files.readString(target)).isEqualTo(prom.render(sample(), false));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void aWriteFailingMidwayLeavesTheOldFileAndNoTempFile() throws IOException {
    Path target = dir.resolve("costmon.prom");
    Files.writeString(target, "old\n");

    assertThatThrownBy(() -> AtomicFile.write(target, out -> {
      out.write("costmon_build_info{version=\"1".getBytes(StandardCharsets.UTF_8));
      throw new IOException("No space left on device");
    }))
        .isInstanceOf(ExportException.class)
        .hasMessage("cannot write " + target + ": No space left on device");

    assertThat(Files.readString(target)).isEqualTo("old\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void staleTempFilesOfAKilledWriteAreRemovedByTheNextWriteOthersAreLeft() throws IOException {
    Path target = dir.resolve("costmon.prom");
    java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(java.time.Duration.ofHours(1)));
    Path killed = Files.writeString(dir.resolve(".costmon.prom.4711081512.tmp"), "costmon_build_info{");
    Files.setLastModifiedTime(killed, old);
    Path inProgress = Files.writeString(dir.resolve(".costmon.prom.99.tmp"), "");
    Path otherTarget = Files.writeString(dir.resolve(".other.prom.12.tmp"), "");
    Files.setLastModifiedTime(otherTarget, old);
    Path notOurs = Files.writeString(dir.resolve(".costmon.prom.backup.tmp"), "");
    Files.setLastModifiedTime(notOurs, old);

    new PromTextfile(2, "1.2.3").write(target, sample(), false);

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactlyInAnyOrder(target, inProgress, otherTarget, notOurs);
    }
  }

  @Test
  void aMissingDirectoryIsAOneLineErrorNamingTheFile() {
    Path target = dir.resolve("missing/costmon.prom");

    assertThatThrownBy(() -> new PromTextfile(2, "1.2.3").write(target, sample(), false))
        .isInstanceOf(ExportException.class)
        .hasMessage("cannot write " + target + ": no such directory " + dir.resolve("missing"));
  }

  @Test
  void aReadOnlyDirectoryKeepsTheOldFile() throws IOException {
    Path target = dir.resolve("costmon.prom");
    Files.writeString(target, "old\n");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Assumptions.assumeFalse(Files.isWritable(dir), "root may write into a read-only directory");

      assertThatThrownBy(() -> new PromTextfile(2, "1.2.3").write(target, sample(), false))
          .isInstanceOf(ExportException.class)
          .hasMessage("cannot write " + target + ": permission denied");
      assertThat(Files.readString(target)).isEqualTo("old\n");
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /** An account of the sample, collected at {@code lastSuccess}, with a trend of the days given. */
  private static MonthView withTrend(Instant now, Instant lastSuccess, List<DailySpend> trend,
      List<ServiceSpend> services) {
    Account openai = account("openai", "openai", Map.of("team", "ml"), USD, Optional.empty(), Map.of());
    AccountView a = new AccountView(openai, usd("12.50"), eur("11.25"), new BigDecimal("0.9"),
        Set.of(Provenance.API), services, Optional.empty(), Optional.empty(), usd("40"), Provenance.ESTIMATE,
        Optional.empty(), List.of(), trend,
        Optional.of(new CollectionState("openai", Optional.of(lastSuccess), lastSuccess, SnapshotStatus.OK,
            Optional.empty(), Duration.ofSeconds(1))),
        false, Optional.empty());
    return new MonthView(YearMonth.of(2026, 11), now, List.of(a), eur("11.25"), eur("36"), Optional.empty(),
        Optional.empty());
  }

  @Test
  void yesterdaysSpendIsExportedInBothCurrenciesOnceADayCompleteInTheConfigsZoneWasCollected() {
    List<DailySpend> trend = List.of(new DailySpend(LocalDate.of(2026, 11, 18), usd("1.00")),
        new DailySpend(LocalDate.of(2026, 11, 19), usd("2.50")), new DailySpend(LocalDate.of(2026, 11, 20), usd("9")));
    List<ServiceSpend> services = List.of(service("gpt-4o", usd("12.50")));
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    // 00:30 in Berlin on the 20th, collected at 00:15 Berlin: the 19th is complete.
    Instant now = Instant.parse("2026-11-19T23:30:00Z");
    String text = new PromTextfile(2, 5, berlin, "1.2.3")
        .render(withTrend(now, Instant.parse("2026-11-19T23:15:00Z"), trend, services), false);

    assertThat(samples(text)).contains(
        "costmon_spend_daily{account=\"openai\",currency=\"USD\",provider=\"openai\",team=\"ml\"} 2.5",
        "costmon_spend_daily_reporting{account=\"openai\",currency=\"EUR\",provider=\"openai\",team=\"ml\"} 2.25");

    // The same instant in UTC is still the 19th: yesterday is the 18th.
    String utc = new PromTextfile(2, 5, ZoneOffset.UTC, "1.2.3")
        .render(withTrend(now, Instant.parse("2026-11-19T23:15:00Z"), trend, services), false);
    assertThat(samples(utc)).contains(
        "costmon_spend_daily{account=\"openai\",currency=\"USD\",provider=\"openai\",team=\"ml\"} 1.0");
  }

  @Test
  void yesterdaysSpendIsAbsentUntilACollectionRanAfterTheDayEnded() {
    List<DailySpend> trend = List.of(new DailySpend(LocalDate.of(2026, 11, 19), usd("0")),
        new DailySpend(LocalDate.of(2026, 11, 20), usd("0")));
    // Last collected at 23:00 on the 19th: the 19th was not over, its zero is not a complete day.
    String text = new PromTextfile(2, 5, ZoneOffset.UTC, "1.2.3").render(
        withTrend(NOW, Instant.parse("2026-11-19T23:00:00Z"), trend, List.of()), false);

    assertThat(text).doesNotContain("costmon_spend_daily");
  }

  @Test
  void spendByProvenanceAddsUpToTheTotalInTheReportingCurrency() {
    List<ServiceSpend> services = List.of(new ServiceSpend("gpt-4o", usd("10"), Provenance.INVOICE),
        new ServiceSpend("embeddings", usd("2"), Provenance.API),
        new ServiceSpend("tokens (estimate)", usd("0.50"), Provenance.ESTIMATE));
    String text = new PromTextfile(2, 5, ZoneOffset.UTC, "1.2.3")
        .render(withTrend(NOW, LAST_OK, List.of(), services), false);

    assertThat(samples(text)).filteredOn(l -> l.startsWith("costmon_provenance_spend_month_to_date")).containsExactly(
        "costmon_provenance_spend_month_to_date{currency=\"EUR\",provenance=\"api\"} 1.8",
        "costmon_provenance_spend_month_to_date{currency=\"EUR\",provenance=\"estimate\"} 0.45",
        "costmon_provenance_spend_month_to_date{currency=\"EUR\",provenance=\"invoice\"} 9.0");
  }

  @Test
  void promtoolAcceptsTheFile() throws IOException, InterruptedException {
    Optional<Path> promtool = Fixtures.onPath("promtool");
    Assumptions.assumeTrue(promtool.isPresent(), "promtool is not on PATH");
    Path file = dir.resolve("costmon.prom");
    new PromTextfile(2, "1.2.3").write(file, sample(), true);

    Process p = new ProcessBuilder(promtool.get().toString(), "check", "metrics")
        .redirectInput(file.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    // Exit 3 would be lint findings (naming, units), which alert-rule authors also trip over.
    assertThat(p.exitValue()).as(output).isZero();
  }

  /** An AI account with 30 models (1 to 30 USD) and 0.50 USD of web search, which is no model. */
  private static MonthView thirtyModels() {
    Account ai = account("ai", "openrouter", Map.of(), USD, Optional.empty(), Map.of());
    List<ServiceSpend> services = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      Money m = usd(Integer.toString(i));
      services.add(new ServiceSpend("model-" + i + " / input", m, Provenance.API,
          List.of(new ServiceSpend.Part(Map.of(Tags.MODEL, "model-" + i), m))));
    }
    services.add(service("web search", usd("0.50")));
    AccountView a = view(ai, usd("465.50"), eur("418.95"), services, usd("465.50"), List.of(),
        Optional.of(new CollectionState("ai", Optional.of(LAST_OK), LAST_OK, SnapshotStatus.OK, Optional.empty(),
            Duration.ofSeconds(1))));
    return new MonthView(YearMonth.of(2026, 11), NOW, List.of(a), eur("418.95"), eur("418.95"), Optional.empty(),
        Optional.empty());
  }

  @Test
  void spendByModelIsTheTopModelsPerAccountThenUnattributedAndOtherAddingUpToTheAccount() {
    String text = new PromTextfile(5, "1.2.3").render(thirtyModels(), false);

    List<String> models = samples(text).stream()
        .filter(l -> l.startsWith("costmon_model_spend_month_to_date")).toList();
    assertThat(models).containsExactly(
        "costmon_model_spend_month_to_date{account=\"ai\",currency=\"USD\",model=\"model-26\",provider=\"openrouter\"} 26.0",
        "costmon_model_spend_month_to_date{account=\"ai\",currency=\"USD\",model=\"model-27\",provider=\"openrouter\"} 27.0",
        "costmon_model_spend_month_to_date{account=\"ai\",currency=\"USD\",model=\"model-28\",provider=\"openrouter\"} 28.0",
        "costmon_model_spend_month_to_date{account=\"ai\",currency=\"USD\",model=\"model-29\",provider=\"openrouter\"} 29.0",
        "costmon_model_spend_month_to_date{account=\"ai\",currency=\"USD\",model=\"model-30\",provider=\"openrouter\"} 30.0",
        "costmon_model_spend_month_to_date{account=\"ai\",currency=\"USD\",model=\"other\",provider=\"openrouter\"} 325.0",
        "costmon_model_spend_month_to_date{account=\"ai\",currency=\"USD\",model=\"unattributed\",provider=\"openrouter\"} 0.5");
    // The same top-N-plus-other rule bounds the service breakdown.
    assertThat(samples(text)).filteredOn(l -> l.startsWith("costmon_service_spend_month_to_date")).hasSize(6);
    // The sample's accounts name no models: no model series at all.
    assertThat(new PromTextfile(5, "1.2.3").render(sample(), false)).doesNotContain("costmon_model_spend");
  }

  @Test
  void theBoundedModelSeriesPassPromtoolAndANodeExporterScrape() throws IOException, InterruptedException {
    Path script = Path.of(".ci/validate-prom.sh").toAbsolutePath();
    Assumptions.assumeTrue(Files.isExecutable(script), "run from the project directory");
    Assumptions.assumeTrue(Fixtures.onPath("promtool").isPresent(), "promtool is not on PATH");
    Assumptions.assumeTrue(Fixtures.onPath("prometheus-node-exporter").or(() -> Fixtures.onPath("node_exporter"))
        .isPresent(), "node_exporter is not on PATH");
    Path file = dir.resolve("costmon.prom");
    new PromTextfile(5, "1.2.3").write(file, thirtyModels(), false);

    Process p = new ProcessBuilder(script.toString(), file.toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("promtool clean");
  }

  private static List<String> samples(String text) {
    return text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
  }

  @Test
  void attributedSpendIsBoundedToTheTopValuesPlusUnattributedAndOther() {
    MonthView plain = sample();
    AttributionRules rules = new AttributionRules(List.of(
        team("gpt-4o", "web"), team("embeddings", "shop"), team("whisper", "data")), 2);
    MonthView view = new MonthView(plain.month(), plain.now(), plain.accounts(), plain.total(), plain.totalForecast(),
        plain.cap(), plain.capRatio(), Attribution.of(plain.accounts(), rules, plain.total().currency()));

    String text = new PromTextfile(2, rules.top(), "1.2.3").render(view, false);

    // 8, 3 and 1.50 USD at 0.9; ionos's 4 EUR has no team; data is beyond the top 2.
    assertThat(samples(text).stream().filter(l -> l.startsWith("costmon_attributed_spend_month_to_date")))
        .containsExactly(
            "costmon_attributed_spend_month_to_date{currency=\"EUR\",label=\"team\",value=\"other\"} 1.35",
            "costmon_attributed_spend_month_to_date{currency=\"EUR\",label=\"team\",value=\"shop\"} 2.7",
            "costmon_attributed_spend_month_to_date{currency=\"EUR\",label=\"team\",value=\"unattributed\"} 4.0",
            "costmon_attributed_spend_month_to_date{currency=\"EUR\",label=\"team\",value=\"web\"} 7.2");
  }

  @Test
  void boundedValuesSumExactlyAndALiteralOtherJoinsTheRest() {
    Map<String, Money> totals = new java.util.LinkedHashMap<>();
    totals.put("web", eur("5"));
    totals.put("unattributed", eur("4"));
    totals.put("shop", eur("3"));
    totals.put("other", eur("2"));
    totals.put("data", eur("1.000001"));

    List<PromTextfile.ValueSeries> series = PromTextfile.bounded(totals, 2);

    assertThat(series).containsExactly(
        new PromTextfile.ValueSeries("web", eur("5")),
        new PromTextfile.ValueSeries("shop", eur("3")),
        new PromTextfile.ValueSeries("unattributed", eur("4")),
        new PromTextfile.ValueSeries("other", eur("3.000001")));
    assertThat(PromTextfile.bounded(totals, 10)).hasSize(5).last()
        .isEqualTo(new PromTextfile.ValueSeries("other", eur("2")));
  }

  private static AttributionRule team(String service, String team) {
    return new AttributionRule(Optional.empty(), Optional.empty(), Optional.of(Glob.parse(service)),
        Map.of("team", team));
  }
}
