package dev.costmon.provider.wasabi;

import static dev.costmon.provider.ProviderFixture.json;
import static dev.costmon.provider.ProviderFixture.resource;
import static dev.costmon.provider.ProviderFixture.respond;
import static dev.costmon.provider.ProviderFixture.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpHandler;
import dev.costmon.config.Account;
import dev.costmon.config.ConfigException;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Provenance;
import dev.costmon.model.Tags;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.ProviderFixture;
import dev.costmon.provider.wasabi.FakeStats.Day;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WasabiProviderTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  private static final CollectWindow WINDOW = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);
  private static final String ACCESS = "WASABIACCESSKEY7Q2W3E";
  private static final String SECRET = "wS3cr3t/Key+With=Chars9xZ";
  private static final Map<String, String> ENV = Map.of("WASABI_ACCESS_KEY", ACCESS, "WASABI_SECRET_KEY", SECRET);
  private static final String KEYS = "    access_key: ${WASABI_ACCESS_KEY}\n    secret_key: ${WASABI_SECRET_KEY}\n";
  private static final String ACCOUNT = "/v1/standalone/utilizations";
  private static final String BUCKETS = "/v1/standalone/utilizations/bucket";
  private static final BigInteger TIB = FakeStats.TIB;
  private static final String NO_BUCKETS = "{\"PageInfo\":{\"RecordCount\":0,\"PageCount\":0},\"Records\":[]}";

  private final WasabiProvider provider = new WasabiProvider();

  // ---------------------------------------------------------------- the normal month

  @Test
  void normalMonthOverSeveralPages() throws Exception {
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, novemberPages());
      f.route(BUCKETS, json(resource("provider/wasabi/buckets_2026-11.json")));
      List<Observation> obs = collect(f, KEYS, WINDOW);

      // Whole TiB-days at 6.99 / 30 = 0.233: Nov 1-20 1 TiB, Nov 21 2 TiB; 0.5 TiB deleted from Nov 10.
      assertThat(spend(obs, StorageEstimate.ACTIVE)).isEqualByComparingTo("5.126");
      assertThat(spend(obs, StorageEstimate.DELETED)).isEqualByComparingTo("1.398");
      assertThat(spend(obs, StorageEstimate.MINIMUM)).isEqualByComparingTo("0");
      assertThat(totalSpend(obs)).isEqualByComparingTo("6.524");
      assertThat(spendOn(obs, StorageEstimate.ACTIVE, LocalDate.of(2026, 11, 21))).isEqualByComparingTo("0.466");
      assertThat(spendOn(obs, StorageEstimate.DELETED, LocalDate.of(2026, 11, 9))).isEqualByComparingTo("0");
      assertThat(spendOn(obs, StorageEstimate.DELETED, LocalDate.of(2026, 11, 10))).isEqualByComparingTo("0.1165");
      // Every day Wasabi answered for has its three rows; the lagging days have none.
      assertThat(obs.stream().filter(o -> o.kind() == ObservationKind.SPEND).map(Observation::day).distinct())
          .containsExactlyElementsOf(days(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 21)));
      assertThat(obs.stream().filter(o -> o.kind() == ObservationKind.SPEND))
          .allSatisfy(o -> {
            assertThat(o.provenance()).isEqualTo(Provenance.ESTIMATE);
            assertThat(o.unit()).isEqualTo("USD");
          });
      // The rest of November like Nov 21: 5.126 + 9 x 0.466 active, 1.398 + 9 x 0.1165 deleted.
      assertThat(forecast(obs, 2026, 11).orElseThrow().value()).isEqualByComparingTo("11.7665");
      assertThat(forecast(obs, 2026, 11).orElseThrow().provenance()).isEqualTo(Provenance.ESTIMATE);

      LocalDate last = LocalDate.of(2026, 11, 21);
      assertThat(usageOn(obs, "active_storage", last)).isEqualByComparingTo(new BigDecimal(TIB.shiftLeft(1)));
      assertThat(usageOn(obs, "padded_storage", last))
          .isEqualByComparingTo(new BigDecimal(TIB.shiftLeft(1).subtract(BigInteger.valueOf(8192))));
      assertThat(usageOn(obs, "deleted_storage", last)).isEqualByComparingTo(new BigDecimal(TIB.shiftRight(1)));
      assertThat(usageOn(obs, "objects", last)).isEqualByComparingTo("521");
      assertThat(usageSum(obs, "api_calls")).isEqualByComparingTo("21231");
      assertThat(usageSum(obs, "download_bytes")).isEqualByComparingTo(BigDecimal.valueOf(21L << 30));
      assertThat(usage(obs, "api_calls")).allSatisfy(o -> {
        assertThat(o.unit()).isEqualTo("count");
        assertThat(o.provenance()).isEqualTo(Provenance.API);
      });
      // The account's figures split by bucket, the rest without one: summed over its dimensions a
      // metric is the account's total, never a byte twice, and no metric repeats another.
      assertThat(usage(obs, "objects").stream().map(Observation::dimension).distinct())
          .containsExactlyInAnyOrder("backups", "media");
      assertThat(obs).noneMatch(o -> o.metric().startsWith("bucket_"));
      assertThat(usage(obs, "padded_storage").stream().filter(o -> o.day().equals(last))
          .map(Observation::dimension)).containsExactly("backups", "media");
      assertThat(usage(obs, "api_calls").stream().filter(o -> o.dimension().equals("media"))
          .map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("4200");
      // The storage charge per bucket, tagged, the services and their totals unchanged.
      assertThat(obs.stream().filter(o -> o.kind() == ObservationKind.SPEND && !o.tags().isEmpty())
          .map(o -> o.tags().get(Tags.BUCKET)).distinct()).containsExactlyInAnyOrder("backups", "media");

      assertThat(f.requests).containsExactly(
          "GET " + ACCOUNT + "?from=2026-11-01&to=2026-11-23&pageNum=0&pageSize=100",
          "GET " + ACCOUNT + "?from=2026-11-01&to=2026-11-23&pageNum=1&pageSize=100",
          "GET " + ACCOUNT + "?from=2026-11-01&to=2026-11-23&pageNum=2&pageSize=100",
          "GET " + BUCKETS + "?from=2026-11-01&to=2026-11-23&pageNum=0&pageSize=100");
      assertThat(f.requestHeaders).allSatisfy(h ->
          assertThat(h.get("Authorization")).containsExactly(ACCESS + ":" + SECRET));
    }
  }

  @Test
  void aBucketAppearingMidMonthAndOneGrowingShowTheirOwnShareOfTheCharge() throws Exception {
    // "logs" holds 1 TiB from Nov 1, growing by 0.25 TiB a day from Nov 11; "ml-data" appears on Nov 15
    // with 2 TiB. The account's record is their sum and 0.5 TiB outside any bucket record.
    BigInteger half = TIB.shiftRight(1);
    Function<LocalDate, BigInteger> logs = d -> d.getDayOfMonth() <= 10 ? TIB
        : TIB.add(TIB.shiftRight(2).multiply(BigInteger.valueOf(d.getDayOfMonth() - 10L)));
    Function<LocalDate, BigInteger> ml = d -> d.getDayOfMonth() < 15 ? BigInteger.ZERO : TIB.shiftLeft(1);
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(BUCKETS, new FakeStats(d -> {
        List<Day> days = new ArrayList<>(List.of(new Day("logs", logs.apply(d), BigInteger.ZERO, 5, 50)));
        if (ml.apply(d).signum() > 0) {
          days.add(new Day("ml-data", ml.apply(d), BigInteger.ZERO, 7, 70));
        }
        return days;
      }, false));
      f.route(ACCOUNT, new FakeStats(d -> List.of(Day.account(
          logs.apply(d).add(ml.apply(d)).add(half), BigInteger.ZERO, BigInteger.ZERO)), false));
      List<Observation> obs = collect(f, KEYS, WINDOW);

      Map<String, BigDecimal> byBucket = new TreeMap<>();
      obs.stream().filter(o -> o.kind() == ObservationKind.SPEND)
          .forEach(o -> byBucket.merge(o.tags().getOrDefault(Tags.BUCKET, "(none)"), o.value(), BigDecimal::add));
      // 0.233 a TiB-day through Nov 23. logs: 23 TiB-days + 0.25 x (1 + ... + 13) = 45.75 TiB-days.
      assertThat(byBucket.get("logs")).isEqualByComparingTo("10.65975");
      // ml-data: 2 TiB for the 9 days from Nov 15.
      assertThat(byBucket.get("ml-data")).isEqualByComparingTo("4.194");
      assertThat(byBucket.get("(none)")).isEqualByComparingTo("2.6795");
      assertThat(obs.stream().filter(o -> "ml-data".equals(o.tags().get(Tags.BUCKET))).map(Observation::day)
          .min(LocalDate::compareTo)).contains(LocalDate.of(2026, 11, 15));
    }
  }

  @Test
  void windowReachingIntoLastMonthReadsThatMonthFromItsFirstDay() throws Exception {
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, FakeStats.steady(TIB, BigInteger.ZERO));
      f.route(BUCKETS, json(NO_BUCKETS));
      CollectWindow early = CollectWindow.of(Instant.parse("2026-11-02T07:00:00Z"), ZoneOffset.UTC, 3);
      List<Observation> obs = collect(f, KEYS, early);
      assertThat(f.requests.get(0)).contains("from=2026-10-01&to=2026-11-02");
      // October is whole, so its minimum is decided on its own figures: 31 x 0.233.
      assertThat(spendIn(obs, 2026, 10)).isEqualByComparingTo("7.223");
      assertThat(forecast(obs, 2026, 10).orElseThrow().value()).isEqualByComparingTo("7.223");
    }
  }

  // ---------------------------------------------------------------- ranges and pages

  @Test
  void windowOverSixtyDaysIsSplitIntoRangesOfAtMostSixtyDays() throws Exception {
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, FakeStats.steady(TIB, BigInteger.ZERO));
      f.route(BUCKETS, new FakeStats(d -> List.of(
          new Day("a", TIB.shiftRight(1), BigInteger.ZERO, 1, 1),
          new Day("b", TIB.shiftRight(1), BigInteger.ZERO, 1, 1)), false));
      CollectWindow wide = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 60);
      assertThat(wide.from()).isEqualTo(LocalDate.of(2026, 9, 24));
      List<Observation> obs = collect(f, KEYS, wide);

      assertThat(f.requests).containsExactly(
          "GET " + ACCOUNT + "?from=2026-09-01&to=2026-10-30&pageNum=0&pageSize=100",
          "GET " + ACCOUNT + "?from=2026-10-31&to=2026-11-23&pageNum=0&pageSize=100",
          "GET " + BUCKETS + "?from=2026-09-01&to=2026-10-30&pageNum=0&pageSize=100",
          "GET " + BUCKETS + "?from=2026-09-01&to=2026-10-30&pageNum=1&pageSize=100",
          "GET " + BUCKETS + "?from=2026-10-31&to=2026-11-23&pageNum=0&pageSize=100");
      assertThat(obs.stream().filter(o -> o.kind() == ObservationKind.SPEND).map(Observation::day).distinct())
          .containsExactlyElementsOf(days(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 23)));
      assertThat(usage(obs, "objects")).filteredOn(o -> !o.dimension().isEmpty()).hasSize(84 * 2);
      assertThat(spendIn(obs, 2026, 9)).isEqualByComparingTo("6.99");
      assertThat(spendIn(obs, 2026, 10)).isEqualByComparingTo("7.223");
      assertThat(spendIn(obs, 2026, 11)).isEqualByComparingTo("5.359");
    }
  }

  @Test
  void bareArrayIsPagedWhileFull() throws Exception {
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, novemberPages());
      LocalDate lastDay = LocalDate.of(2026, 11, 21);
      f.route(BUCKETS, new FakeStats(d -> d.isAfter(lastDay) ? List.of() : IntStream.range(0, 5)
          .mapToObj(i -> new Day("bucket-" + i, TIB, BigInteger.ZERO, i, i)).toList(), true));
      List<Observation> obs = collect(f, KEYS, WINDOW);
      assertThat(f.requests).endsWith(
          "GET " + BUCKETS + "?from=2026-11-01&to=2026-11-23&pageNum=0&pageSize=100",
          "GET " + BUCKETS + "?from=2026-11-01&to=2026-11-23&pageNum=1&pageSize=100");
      assertThat(usage(obs, "objects")).filteredOn(o -> !o.dimension().isEmpty()).hasSize(105);
    }
  }

  @Test
  void theNewerOfTwoRecordsForADayWins() throws Exception {
    String older = "{\"StartTime\":\"2026-11-05T00:00:00Z\",\"CreateTime\":\"2026-11-06T02:00:00Z\","
        + "\"PaddedStorageSizeBytes\":1,\"MetadataStorageSizeBytes\":0,\"DeletedStorageSizeBytes\":0,"
        + "\"NumBillableObjects\":1,\"NumAPICalls\":1}";
    String newer = older.replace("06T02", "07T02").replace("\"NumAPICalls\":1", "\"NumAPICalls\":9");
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, json("[" + newer + "," + older + "]"));
      f.route(BUCKETS, json("[]"));
      List<Observation> obs = collect(f, KEYS, WINDOW);
      assertThat(usage(obs, "api_calls")).singleElement()
          .satisfies(o -> assertThat(o.value()).isEqualByComparingTo("9"));
    }
  }

  // ---------------------------------------------------------------- the minimum charge

  @Test
  void anAccountWithNothingStoredStillAccruesTheMinimum() throws Exception {
    try (ProviderFixture f = new ProviderFixture()) {
      LocalDate lastDay = LocalDate.of(2026, 11, 21);
      f.route(ACCOUNT, new FakeStats(d -> d.isAfter(lastDay) ? List.of()
          : List.of(Day.account(BigInteger.ZERO, BigInteger.ZERO)), false));
      f.route(BUCKETS, json(NO_BUCKETS));
      List<Observation> obs = collect(f, KEYS, WINDOW);
      assertThat(spend(obs, StorageEstimate.ACTIVE)).isZero();
      assertThat(spend(obs, StorageEstimate.DELETED)).isZero();
      // 21 of November's 30 days of a 1 TB x 6.99 minimum.
      assertThat(spend(obs, StorageEstimate.MINIMUM)).isEqualByComparingTo("4.893");
      assertThat(spendOn(obs, StorageEstimate.MINIMUM, LocalDate.of(2026, 11, 1))).isEqualByComparingTo("0.233");
      assertThat(forecast(obs, 2026, 11).orElseThrow().value()).isEqualByComparingTo("6.99");
      assertThat(usageOn(obs, "active_storage", lastDay)).isZero();
    }
  }

  @Test
  void monthBelowTheMinimumTotalsTheMinimumPerCalendarMonth() throws Exception {
    List<Observation> obs = october(KEYS, TIB.shiftRight(1));
    // 31 days x 0.1165 of half a TiB, topped up to 1 TB for every day of October: 31 x 0.233.
    assertThat(spend(obs, StorageEstimate.ACTIVE)).isEqualByComparingTo("3.6115");
    assertThat(spend(obs, StorageEstimate.MINIMUM)).isEqualByComparingTo("3.6115");
    assertThat(totalSpend(obs)).isEqualByComparingTo("7.223");
    assertThat(forecast(obs, 2026, 10).orElseThrow().value()).isEqualByComparingTo("7.223");
    assertMonthToDateIsMaxOfMinimumAndActive(obs, new WasabiSettings(secret(), secret(), null, null, null));
  }

  @Test
  void thirtyDayBillingCountsOneFlatMinimumPerMonth() throws Exception {
    List<Observation> obs = october(KEYS + "    billing: thirty_day\n", TIB.shiftRight(1));
    assertThat(spend(obs, StorageEstimate.ACTIVE)).isEqualByComparingTo("3.6115");
    assertThat(spend(obs, StorageEstimate.MINIMUM)).isEqualByComparingTo("3.3785");
    assertThat(totalSpend(obs)).isEqualByComparingTo("6.99");
    assertMonthToDateIsMaxOfMinimumAndActive(obs, new WasabiSettings(secret(), secret(), null, null, Billing.THIRTY_DAY));
  }

  @Test
  void minimumOfZeroTurnsTheMinimumOff() throws Exception {
    List<Observation> obs = october(KEYS + "    minimum_tb: 0\n", TIB.shiftRight(1));
    assertThat(spend(obs, StorageEstimate.MINIMUM)).isZero();
    assertThat(totalSpend(obs)).isEqualByComparingTo("3.6115");
  }

  @Test
  void storageOvertakingTheMinimumTrueUpsTheMinimumAlreadyAccrued() throws Exception {
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, new FakeStats(d -> List.of(
          Day.account(d.getDayOfMonth() <= 15 ? BigInteger.ZERO : TIB.multiply(BigInteger.valueOf(3)), BigInteger.ZERO)),
          false));
      f.route(BUCKETS, json(NO_BUCKETS));
      List<Observation> obs = collect(f, KEYS, new CollectWindow(
          LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), CLOCK.instant(), ZoneOffset.UTC));
      assertThat(spendOn(obs, StorageEstimate.MINIMUM, LocalDate.of(2026, 11, 15))).isEqualByComparingTo("0.233");
      // Nov 16: 3.495 accrued - 0.699 charged = shortfall 3.029 after 3.495: a true-up of -0.466.
      assertThat(spendOn(obs, StorageEstimate.MINIMUM, LocalDate.of(2026, 11, 16))).isEqualByComparingTo("-0.466");
      assertThat(spend(obs, StorageEstimate.MINIMUM)).isZero();
      assertThat(totalSpend(obs)).isEqualByComparingTo("10.485");
      assertMonthToDateIsMaxOfMinimumAndActive(obs, new WasabiSettings(secret(), secret(), null, null, null));
    }
  }

  @Test
  void theRecordsOwnMinimumIsChargedDayByDay() throws Exception {
    // Wasabi's own sample: 2 GiB + 96 bytes stored, MinStorageChargeBytes = 1 TiB minus that.
    BigInteger active = BigInteger.valueOf(2147483744L);
    List<Observation> obs = october(KEYS, d -> Day.account(active, BigInteger.ZERO, TIB.subtract(active)));
    assertThat(spendOn(obs, StorageEstimate.MINIMUM, LocalDate.of(2026, 10, 1)))
        .isEqualByComparingTo(new StorageEstimate(new WasabiSettings(secret(), secret(), null, null, null))
            .daily(new BigDecimal(TIB.subtract(active))).amount());
    // Every day is topped up to 1 TiB: 31 x 0.233.
    assertThat(totalSpend(obs)).isEqualByComparingTo("7.223");
    assertThat(forecast(obs, 2026, 10).orElseThrow().value()).isEqualByComparingTo("7.223");
  }

  @Test
  void anAccountOutsideTheMinimumIsChargedNoMinimum() throws Exception {
    // A trial (or any account outside the minimum) reports MinStorageChargeBytes 0 below 1 TiB.
    List<Observation> obs = october(KEYS, d -> Day.account(TIB.shiftRight(1), BigInteger.ZERO, BigInteger.ZERO));
    assertThat(spend(obs, StorageEstimate.MINIMUM)).isZero();
    assertThat(totalSpend(obs)).isEqualByComparingTo("3.6115");
    assertThat(forecast(obs, 2026, 10).orElseThrow().value()).isEqualByComparingTo("3.6115");
  }

  @Test
  void theRecordedMinimumOfADayIsChargedOnThatDayOnly() throws Exception {
    // Records from Oct 10 on: the account did not exist before, so nothing is owed for Oct 1-9.
    List<Observation> obs = october(KEYS, d -> d.getDayOfMonth() < 10 ? null
        : Day.account(BigInteger.ZERO, BigInteger.ZERO, TIB));
    assertThat(spendOn(obs, StorageEstimate.MINIMUM, LocalDate.of(2026, 10, 10))).isEqualByComparingTo("0.233");
    assertThat(totalSpend(obs)).isEqualByComparingTo("5.126");
  }

  @Test
  void withoutRecordedMinimumTheConfiguredOneAccruesFromTheFirstRecordedDay() throws Exception {
    List<Observation> obs = october(KEYS, d -> d.getDayOfMonth() < 10 ? null
        : Day.account(BigInteger.ZERO, BigInteger.ZERO));
    // Oct 10 carries its own share, not the shares of Oct 1-9 too.
    assertThat(spendOn(obs, StorageEstimate.MINIMUM, LocalDate.of(2026, 10, 10))).isEqualByComparingTo("0.233");
    // 22 of October's 31 days of the 1 TB x 6.99 / 30 per day minimum.
    assertThat(totalSpend(obs)).isEqualByComparingTo("5.126");
    assertThat(forecast(obs, 2026, 10).orElseThrow().value()).isEqualByComparingTo("5.126");
  }

  @Test
  void dailyRateIsWasabisPricePerGigabyteDay() {
    StorageEstimate estimate = new StorageEstimate(new WasabiSettings(secret(), secret(), null, null, null));
    // The invoice's unit price for 6.99 is $0.00022754 per GB-day, that is 6.99 / 30 / 1024 rounded.
    assertThat(estimate.daily(BigDecimal.valueOf(1L << 30)).amount()).isEqualByComparingTo("0.0002275391");
    assertThat(estimate.daily(new BigDecimal(TIB)).amount()).isEqualByComparingTo("0.233");
    // A decimal TB is not a Wasabi TB.
    assertThat(estimate.daily(new BigDecimal("1000000000000")).amount()).isLessThan(new BigDecimal("0.233"));
    assertThat(estimate.minimum(java.time.YearMonth.of(2026, 2)).amount()).isEqualByComparingTo("6.524");
  }

  // ---------------------------------------------------------------- exact numbers and revisions

  @Test
  void bigNumbersAndPricesWithManyDecimalsStayExact() throws Exception {
    String huge = "123456789012345678901234567890";
    String record = "{\"StartTime\":\"2026-11-05T00:00:00Z\",\"PaddedStorageSizeBytes\":" + huge
        + ",\"MetadataStorageSizeBytes\":0,\"DeletedStorageSizeBytes\":0,\"NumBillableObjects\":"
        + huge + ",\"NumAPICalls\":12345678901234567890}";
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, json("{\"PageInfo\":{\"RecordCount\":1,\"PageCount\":1},\"Records\":[" + record + "]}"));
      f.route(BUCKETS, json(NO_BUCKETS));
      String price = "6.12345678901234567890123";
      Account account = f.account(provider, KEYS + "    price_per_tb_month: " + price + " USD\n", ENV);
      assertThat(((WasabiSettings) account.settings()).pricePerTbMonth().amount()).isEqualTo(new BigDecimal(price));
      List<Observation> obs = f.collect(provider, account, WINDOW, CLOCK);
      assertThat(usage(obs, "padded_storage")).singleElement()
          .satisfies(o -> assertThat(o.value()).isEqualTo(new BigDecimal(huge)));
      assertThat(usage(obs, "api_calls")).singleElement()
          .satisfies(o -> assertThat(o.value()).isEqualTo(new BigDecimal("12345678901234567890")));
      BigDecimal expected = new BigDecimal(huge).multiply(new BigDecimal(price))
          .divide(new BigDecimal(TIB.multiply(BigInteger.valueOf(30))), 10, java.math.RoundingMode.HALF_EVEN);
      assertThat(spend(obs, StorageEstimate.ACTIVE)).isEqualByComparingTo(expected);
    }
  }

  @Test
  void aRevisedDayCarriesTheNewFigureInTheNextCollect() throws Exception {
    AtomicReference<BigInteger> nov21 = new AtomicReference<>(TIB);
    LocalDate revised = LocalDate.of(2026, 11, 21);
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, new FakeStats(d -> d.isAfter(revised) ? List.of()
          : List.of(Day.account(d.equals(revised) ? nov21.get() : TIB, BigInteger.ZERO)), false));
      f.route(BUCKETS, json(NO_BUCKETS));
      List<Observation> first = collect(f, KEYS, WINDOW);
      nov21.set(TIB.shiftLeft(1));
      List<Observation> second = collect(f, KEYS, WINDOW);
      assertThat(spendOn(first, StorageEstimate.ACTIVE, revised)).isEqualByComparingTo("0.233");
      assertThat(spendOn(second, StorageEstimate.ACTIVE, revised)).isEqualByComparingTo("0.466");
      assertThat(usageOn(second, "active_storage", revised)).isEqualByComparingTo(new BigDecimal(TIB.shiftLeft(1)));
    }
  }

  // ---------------------------------------------------------------- failures

  @Test
  void noRecordsAtAllIsANamedConditionNotZero() throws Exception {
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, json(NO_BUCKETS));
      f.route(BUCKETS, json(NO_BUCKETS));
      assertThatThrownBy(() -> collect(f, KEYS, WINDOW))
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONDITION))
          .hasMessageContaining("no utilization records for 2026-11-01..2026-11-23");
      assertThat(f.requests).noneMatch(r -> r.contains("/bucket"));
    }
  }

  @Test
  void unauthorizedAndForbiddenAreAuthFailures() {
    for (int status : new int[] {401, 403}) {
      try (ProviderFixture f = new ProviderFixture()) {
        f.route(ACCOUNT, respond(status, "application/json", "{\"Error\":\"access denied\"}"));
        assertThatThrownBy(() -> collect(f, KEYS, WINDOW))
            .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH));
        assertThat(f.requests).hasSize(1);
      }
    }
  }

  @Test
  void rateLimitWithRetryAfterIsWaitedOut() throws Exception {
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, sequence(exchange -> {
        exchange.getResponseHeaders().set("Retry-After", "7");
        ProviderFixture.send(exchange, 429, "application/json", "{\"Error\":\"slow down\"}");
      }, novemberPages()));
      f.route(BUCKETS, json(NO_BUCKETS));
      List<Observation> obs = collect(f, KEYS, WINDOW);
      assertThat(f.sleeps).contains(Duration.ofSeconds(7));
      assertThat(totalSpend(obs)).isEqualByComparingTo("6.524");
    }
  }

  @Test
  void serverErrorIsRetried() throws Exception {
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, sequence(respond(500, "text/plain", "oops"), novemberPages()));
      f.route(BUCKETS, json(NO_BUCKETS));
      assertThat(totalSpend(collect(f, KEYS, WINDOW))).isEqualByComparingTo("6.524");
      assertThat(f.sleeps).isNotEmpty();
    }
  }

  @Test
  void serverErrorForeverIsUnavailable() {
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, respond(503, "text/plain", "maintenance"));
      assertThatThrownBy(() -> collect(f, KEYS, WINDOW))
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
    }
  }

  @Test
  void htmlPageIsABadResponse() {
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, respond(200, "text/html", "<html><body>Wasabi is under maintenance</body></html>"));
      assertThatThrownBy(() -> collect(f, KEYS, WINDOW))
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE));
    }
  }

  @Test
  void truncatedJsonIsABadResponse() {
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, json("{\"PageInfo\":{\"RecordCount\":1,\"PageCount\":1},\"Records\":[{\"StartTime\":\"2026-11"));
      assertThatThrownBy(() -> collect(f, KEYS, WINDOW))
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void missingRequiredFieldsAreBadResponsesNamingTheField() {
    String noPadded = "[{\"StartTime\":\"2026-11-05T00:00:00Z\",\"MetadataStorageSizeBytes\":0,"
        + "\"DeletedStorageSizeBytes\":0,\"NumBillableObjects\":1,\"NumAPICalls\":1}]";
    String noBucket = "[{\"StartTime\":\"2026-11-05T00:00:00Z\",\"PaddedStorageSizeBytes\":1,"
        + "\"MetadataStorageSizeBytes\":0,\"DeletedStorageSizeBytes\":0,\"NumBillableObjects\":1,\"NumAPICalls\":1}]";
    assertBadResponse(json(noPadded), json(NO_BUCKETS), "PaddedStorageSizeBytes");
    assertBadResponse(json(noBucket), json(noBucket), "lacks Bucket");
    assertBadResponse(json("{\"PageInfo\":{\"RecordCount\":0,\"PageCount\":0}}"), json(NO_BUCKETS), "lacks Records");
    assertBadResponse(json(noBucket.replace("2026-11-05T00:00:00Z", "yesterday")), json(NO_BUCKETS), "StartTime");
    assertBadResponse(json("{\"message\":\"ok\",\"Records\":\"none\"}"), json(NO_BUCKETS), "not a list");
    assertBadResponse(json("\"ok\""), json(NO_BUCKETS), "neither");
  }

  @Test
  void noSecretIsVisibleAnywhere() throws Exception {
    HttpHandler echo = exchange -> ProviderFixture.send(exchange, 401, "application/json",
        "{\"Error\":\"bad key " + exchange.getRequestHeaders().getFirst("Authorization") + "\"}");
    HttpHandler echoInData = exchange -> ProviderFixture.send(exchange, 200, "application/json",
        resource("provider/wasabi/account_2026-11_page2.json").replaceFirst("\\{",
            "{\"Echo\":\"" + exchange.getRequestHeaders().getFirst("Authorization") + "\","));
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, sequence(respond(500, "text/plain", "no " + ACCESS + ":" + SECRET), echoInData));
      f.route(BUCKETS, echo);
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> collect(f, KEYS, WINDOW));
      assertThat(thrown).isInstanceOfSatisfying(ProviderException.class,
          e -> assertThat(e.kind()).isEqualTo(Kind.AUTH));
      assertThat(f.archived).isNotEmpty();
      assertThat(f.everythingVisible()).contains("***");
      for (String visible : List.of(f.everythingVisible(), String.valueOf(thrown.getMessage()), thrown.toString())) {
        assertThat(visible).doesNotContain(SECRET).doesNotContain(ACCESS);
      }
    }
  }

  // ---------------------------------------------------------------- settings

  @Test
  void settingsDefaultsAndKeys() {
    try (ProviderFixture f = new ProviderFixture()) {
      WasabiSettings defaults = (WasabiSettings) f.account(provider, KEYS, ENV).settings();
      assertThat(defaults.pricePerTbMonth()).isEqualTo(dev.costmon.model.Money.of("6.99", "USD"));
      assertThat(defaults.minimumTb()).isEqualByComparingTo("1");
      assertThat(defaults.billing()).isEqualTo(Billing.CALENDAR);
      WasabiSettings set = (WasabiSettings) f.account(provider, KEYS
          + "    price_per_tb_month: 7.99 USD\n    minimum_tb: 0\n    billing: thirty_day\n", ENV).settings();
      assertThat(set.pricePerTbMonth()).isEqualTo(dev.costmon.model.Money.of("7.99", "USD"));
      assertThat(set.minimumTb()).isZero();
      assertThat(set.billing()).isEqualTo(Billing.THIRTY_DAY);
      assertThat(provider.currencies(set)).extracting(c -> c.getCurrencyCode()).containsExactly("USD");

      assertThatThrownBy(() -> f.account(provider, "    access_key: ${WASABI_ACCESS_KEY}\n", ENV))
          .isInstanceOf(ConfigException.class).hasMessageContaining("secret_key");
      assertThatThrownBy(() -> f.account(provider, "    secret_key: ${WASABI_SECRET_KEY}\n", ENV))
          .isInstanceOf(ConfigException.class).hasMessageContaining("access_key");
      assertThatThrownBy(() -> f.account(provider, KEYS + "    billing: weekly\n", ENV))
          .isInstanceOf(ConfigException.class).hasMessageContaining("thirty_day");
      assertThatThrownBy(() -> f.account(provider, KEYS + "    minimum_tb: -1\n", ENV))
          .isInstanceOf(ConfigException.class).hasMessageContaining("minimum_tb");
    }
  }

  @Test
  void quotasAreTheConfigsAndFitTheMetricUnits() {
    try (ProviderFixture f = new ProviderFixture()) {
      Account plain = f.account(provider, KEYS, ENV);
      assertThat(plain.quotas()).isEmpty();
      Account limited = f.account(provider, KEYS + "    quotas: {active_storage: 2TiB, api_calls: 1M}\n", ENV);
      assertThat(limited.quotas().get("active_storage").value()).isEqualByComparingTo(new BigDecimal(TIB.shiftLeft(1)));
      assertThat(limited.quotas().get("active_storage").fits(UsageMetrics.BYTES)).isTrue();
      assertThat(limited.quotas().get("api_calls").fits("count")).isTrue();
      assertThat(provider.judgesFreshnessByData()).isTrue();
    }
  }

  // ---------------------------------------------------------------- helpers

  private List<Observation> collect(ProviderFixture f, String yaml, CollectWindow window) throws ProviderException {
    return f.collect(provider, f.account(provider, yaml, ENV), window, CLOCK);
  }

  /** October from the days {@code day} gives; a null day has no record. */
  private List<Observation> october(String yaml, java.util.function.Function<LocalDate, Day> day)
      throws ProviderException {
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, new FakeStats(d -> Optional.ofNullable(day.apply(d)).stream().toList(), false));
      f.route(BUCKETS, json(NO_BUCKETS));
      return collect(f, yaml, new CollectWindow(
          LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), CLOCK.instant(), ZoneOffset.UTC));
    }
  }

  private List<Observation> october(String yaml, BigInteger active) throws ProviderException {
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, FakeStats.steady(active, BigInteger.ZERO));
      f.route(BUCKETS, json(NO_BUCKETS));
      return collect(f, yaml, new CollectWindow(
          LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), CLOCK.instant(), ZoneOffset.UTC));
    }
  }

  private void assertBadResponse(HttpHandler account, HttpHandler buckets, String naming) {
    try (ProviderFixture f = new ProviderFixture()) {
      f.route(ACCOUNT, account);
      f.route(BUCKETS, buckets);
      assertThatThrownBy(() -> collect(f, KEYS, WINDOW))
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
          .hasMessageContaining(naming);
    }
  }

  /** The month-to-date total on each day is max(minimum accrued, active so far) + deleted so far. */
  private static void assertMonthToDateIsMaxOfMinimumAndActive(List<Observation> obs, WasabiSettings settings) {
    StorageEstimate estimate = new StorageEstimate(settings);
    List<LocalDate> days = obs.stream().filter(o -> o.kind() == ObservationKind.SPEND)
        .map(Observation::day).distinct().sorted().toList();
    for (LocalDate day : days) {
      BigDecimal total = spendThrough(obs, null, day);
      BigDecimal active = spendThrough(obs, StorageEstimate.ACTIVE, day);
      BigDecimal deleted = spendThrough(obs, StorageEstimate.DELETED, day);
      BigDecimal minimum = estimate.minimumThrough(day).amount();
      assertThat(total).as("month to date on %s", day).isEqualByComparingTo(active.max(minimum).add(deleted));
    }
  }

  private static BigDecimal spendThrough(List<Observation> obs, String service, LocalDate day) {
    return obs.stream().filter(o -> o.kind() == ObservationKind.SPEND)
        .filter(o -> service == null || o.dimension().equals(service))
        .filter(o -> !o.day().isAfter(day) && o.day().getMonth() == day.getMonth())
        .map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static HttpHandler novemberPages() {
    String[] pages = IntStream.range(0, 3)
        .mapToObj(i -> resource("provider/wasabi/account_2026-11_page" + i + ".json")).toArray(String[]::new);
    return exchange -> {
      int page = Integer.parseInt(FakeStats.query(exchange.getRequestURI()).get("pageNum"));
      ProviderFixture.send(exchange, 200, "application/json", pages[page]);
    };
  }

  private static dev.costmon.config.Secret secret() {
    return new dev.costmon.config.Secret("${X}", "x");
  }

  private static List<LocalDate> days(LocalDate from, LocalDate to) {
    return from.datesUntil(to.plusDays(1)).toList();
  }

  private static BigDecimal spend(List<Observation> obs, String service) {
    return obs.stream().filter(o -> o.kind() == ObservationKind.SPEND && o.dimension().equals(service))
        .map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal spendOn(List<Observation> obs, String service, LocalDate day) {
    return obs.stream().filter(o -> o.kind() == ObservationKind.SPEND && o.dimension().equals(service))
        .filter(o -> o.day().equals(day)).map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal spendIn(List<Observation> obs, int year, int month) {
    return obs.stream().filter(o -> o.kind() == ObservationKind.SPEND)
        .filter(o -> o.day().getYear() == year && o.day().getMonthValue() == month)
        .map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal totalSpend(List<Observation> obs) {
    return obs.stream().filter(o -> o.kind() == ObservationKind.SPEND)
        .map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static Optional<Observation> forecast(List<Observation> obs, int year, int month) {
    return obs.stream().filter(o -> o.kind() == ObservationKind.FORECAST)
        .filter(o -> o.day().equals(LocalDate.of(year, month, 1))).findFirst();
  }

  private static List<Observation> usage(List<Observation> obs, String metric) {
    return obs.stream().filter(o -> o.kind() == ObservationKind.USAGE && o.metric().equals(metric)).toList();
  }

  private static BigDecimal usageOn(List<Observation> obs, String metric, LocalDate day) {
    return usage(obs, metric).stream().filter(o -> o.day().equals(day))
        .map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal usageSum(List<Observation> obs, String metric) {
    return usage(obs, metric).stream().map(Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
