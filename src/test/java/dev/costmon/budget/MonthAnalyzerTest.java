package dev.costmon.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.config.ConfigLoader;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.Environment;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.store.AccountSnapshot;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.SnapshotStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonthAnalyzerTest {
  @TempDir Path dir;

  private AccountView analyze(YearMonth month, Instant now, List<Observation> observations) {
    return analyze(month, now, observations, "");
  }

  private AccountView analyze(YearMonth month, Instant now, List<Observation> observations, String extra) {
    CostmonConfig config = new ConfigLoader(ProviderRegistry.builtIn(), new Environment(Map.of(), dir, dir, false))
        .parse(dir.resolve("c.yaml"), "currency: EUR\ndatabase: h.db\nfx: {USD: 0.5}\naccounts:\n  - id: a\n"
            // command: its metrics are its program's, so rates: for any metric loads.
            + "    provider: command\n    command: [\"true\"]\n    currency: USD\n    cap: 100 USD\n" + extra);
    try (Database db = Database.open(config.database(), true)) {
      History h = new History(db);
      h.append(h.startRun("collect", now), new AccountSnapshot("a", "command", now, now, SnapshotStatus.OK, null,
          null, null, observations));
      return new MonthAnalyzer(config).analyze(h, month, now).accounts().get(0);
    }
  }

  private static List<Observation> daily(int fromDay, int toDay, String amount) {
    List<Observation> list = new ArrayList<>();
    for (int d = fromDay; d <= toDay; d++) {
      list.add(Observation.spend(LocalDate.of(2026, 11, d), "api", Money.of(amount, "USD"), Provenance.API));
    }
    return list;
  }

  @Test
  void taggedFiguresOfOneServiceAreOneServiceWithAPartPerSetOfTags() {
    LocalDate d1 = LocalDate.of(2026, 11, 1);
    LocalDate d2 = LocalDate.of(2026, 11, 2);
    List<Observation> obs = List.of(
        Observation.spend(d1, "p1 / Compute Engine", Money.of("1.25", "USD"), Provenance.API)
            .withTags(Map.of("team", "web")),
        Observation.spend(d2, "p1 / Compute Engine", Money.of("0.75", "USD"), Provenance.API)
            .withTags(Map.of("team", "web")),
        Observation.spend(d1, "p1 / Compute Engine", Money.of("2.10", "USD"), Provenance.API)
            .withTags(Map.of("team", "data", "env", "prod")),
        Observation.spend(d1, "p1 / Compute Engine", Money.of("0.05", "USD"), Provenance.API),
        Observation.spend(d1, "p2 / BigQuery", Money.of("3", "USD"), Provenance.API));

    AccountView a = analyze(YearMonth.of(2026, 11), Instant.parse("2026-11-03T07:00:00Z"), obs);

    assertThat(a.spend()).isEqualTo(Money.of("7.15", "USD"));
    assertThat(a.services()).extracting(ServiceSpend::service).containsExactly("p1 / Compute Engine", "p2 / BigQuery");
    ServiceSpend compute = a.services().get(0);
    assertThat(compute.amount()).isEqualTo(Money.of("4.15", "USD"));
    assertThat(compute.parts()).extracting(p -> p.tags() + "=" + p.amount().amount().toPlainString())
        .containsExactlyInAnyOrder("{}=0.05", "{team=web}=2.00", "{env=prod, team=data}=2.10");
    assertThat(a.services().get(1).parts()).singleElement().satisfies(p -> assertThat(p.tags()).isEmpty());
  }

  @Test
  void forecastExtrapolatesTheDaysThatHaveData() {
    // Ten days of 2 USD reported by the 12th (the provider lags two days): 20 USD so far, 60 by the 30th.
    AccountView a = analyze(YearMonth.of(2026, 11), Instant.parse("2026-11-12T07:00:00Z"), daily(1, 10, "2"));

    assertThat(a.spend()).isEqualTo(Money.of("20", "USD"));
    assertThat(a.forecast().amount()).isEqualByComparingTo("60");
    assertThat(a.forecastProvenance()).isEqualTo(Provenance.ESTIMATE);
    assertThat(a.capRatio()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.2"));
    assertThat(a.spendReporting()).isEqualTo(Money.of("10.0", "EUR"));
  }

  @Test
  void theProvidersOwnForecastWins() {
    List<Observation> obs = new ArrayList<>(daily(1, 10, "2"));
    obs.add(Observation.forecast(LocalDate.of(2026, 11, 1), Money.of("75.5", "USD"), Provenance.API));

    AccountView a = analyze(YearMonth.of(2026, 11), Instant.parse("2026-11-12T07:00:00Z"), obs);

    assertThat(a.forecast()).isEqualTo(Money.of("75.5", "USD"));
    assertThat(a.forecastProvenance()).isEqualTo(Provenance.API);
  }

  @Test
  void aClosedMonthsForecastIsItsTotal() {
    AccountView a = analyze(YearMonth.of(2026, 11), Instant.parse("2026-12-05T07:00:00Z"), daily(1, 30, "1"));

    assertThat(a.spend()).isEqualTo(Money.of("30", "USD"));
    assertThat(a.forecast()).isEqualTo(a.spend());
    assertThat(a.forecastProvenance()).isEqualTo(Provenance.API);
  }

  @Test
  void otherCurrenciesAreConvertedThroughTheReportingCurrency() {
    List<Observation> obs = List.of(
        Observation.spend(LocalDate.of(2026, 11, 1), "eu", Money.of("10", "EUR"), Provenance.API),
        Observation.spend(LocalDate.of(2026, 11, 1), "us", Money.of("10", "USD"), Provenance.API));

    AccountView a = analyze(YearMonth.of(2026, 11), Instant.parse("2026-11-02T07:00:00Z"), obs);

    // 10 EUR = 20 USD at 1 USD = 0.5 EUR.
    assertThat(a.spend().amount()).isEqualByComparingTo("30");
    assertThat(a.spendReporting().amount()).isEqualByComparingTo("15");
  }

  @Test
  void usageWithARateBecomesAnEstimateShownAsItsOwnService() {
    List<Observation> obs = new ArrayList<>();
    for (int d = 1; d <= 10; d++) {
      obs.add(Observation.usage(LocalDate.of(2026, 11, d), "invocations", "", new java.math.BigDecimal("100000"),
          "count", dev.costmon.model.Aggregation.SUM, Provenance.API));
    }

    AccountView a = analyze(YearMonth.of(2026, 11), Instant.parse("2026-11-12T07:00:00Z"), obs,
        "    rates: {invocations: 0.60 USD per 1M}\n");

    // 1M invocations so far at 0.60 USD per 1M; 3M by the end of the month.
    assertThat(a.spend().amount()).isEqualByComparingTo("0.60");
    assertThat(a.services()).singleElement().satisfies(s -> {
      assertThat(s.service()).isEqualTo("invocations (estimate)");
      assertThat(s.provenance()).isEqualTo(Provenance.ESTIMATE);
    });
    assertThat(a.provenance()).containsExactly(Provenance.ESTIMATE);
    assertThat(a.forecast().amount()).isEqualByComparingTo("1.80");
  }

  private static Observation tokens(int day, String metric, String model, String value) {
    return Observation.usage(LocalDate.of(2026, 11, day), metric, model, new java.math.BigDecimal(value), "tokens",
        dev.costmon.model.Aggregation.SUM, Provenance.API);
  }

  @Test
  void theProvidersSpendWinsOverTheEstimateOfTheSameDayWhichIsShownBesideIt() {
    // The provider reported 10.00 and 12.00 USD on the 1st and 2nd; rates: price input tokens at
    // 2.50 USD per 1M: 3M tokens (7.50) and 4M tokens (10.00) on those days, 2M (5.00) on the 3rd,
    // which the provider has not reported yet.
    List<Observation> obs = List.of(
        Observation.spend(LocalDate.of(2026, 11, 1), "gpt-4o, input", Money.of("10.00", "USD"), Provenance.API),
        Observation.spend(LocalDate.of(2026, 11, 2), "gpt-4o, input", Money.of("12.00", "USD"), Provenance.API),
        Observation.spend(LocalDate.of(2026, 11, 3), "", Money.of("0", "USD"), Provenance.API),
        tokens(1, "input_tokens", "gpt-4o", "3000000"),
        tokens(2, "input_tokens", "gpt-4o", "4000000"),
        tokens(3, "input_tokens", "gpt-4o", "2000000"));

    AccountView a = analyze(YearMonth.of(2026, 11), Instant.parse("2026-11-03T12:00:00Z"), obs,
        "    rates: {input_tokens: 2.50 USD per 1M}\n");

    // 10.00 + 12.00 reported, plus the 3rd's estimate (5.00): 27.00, never 10 + 12 + 7.50 + 10 + 5.
    assertThat(a.spend().amount()).isEqualByComparingTo("27.00");
    assertThat(a.services()).extracting(s -> s.service() + "=" + s.amount().amount().stripTrailingZeros().toPlainString())
        .containsExactly("gpt-4o, input=22", "input_tokens (estimate)=5");
    assertThat(a.reconciliation()).singleElement().satisfies(r -> {
      assertThat(r.service()).isEqualTo("input_tokens (estimate)");
      assertThat(r.days()).isEqualTo(2);
      assertThat(r.estimate().amount()).isEqualByComparingTo("17.50");
      assertThat(r.actual().amount()).isEqualByComparingTo("22.00");
      assertThat(r.gap().amount()).isEqualByComparingTo("4.50");
    });
  }

  @Test
  void anAccountWithApiSpendForEveryDayOfItsUsageReportsTheApiSpendAsItsTotal() {
    List<Observation> obs = List.of(
        Observation.spend(LocalDate.of(2026, 11, 1), "api", Money.of("1022.80", "USD"), Provenance.API),
        tokens(1, "input_tokens", "gpt-4o", "107704000000"));

    AccountView a = analyze(YearMonth.of(2026, 11), Instant.parse("2026-11-02T12:00:00Z"), obs,
        "    rates: {input_tokens: 2.50 USD per 1M}\n");

    assertThat(a.spend()).isEqualTo(Money.of("1022.80", "USD"));
    assertThat(a.provenance()).containsExactly(Provenance.API);
    assertThat(a.reconciliation()).singleElement()
        .satisfies(r -> assertThat(r.estimate().amount()).isEqualByComparingTo("269260"));
  }

  @Test
  void pricesPerModelAndFreeAllowancesGiveTheReadmesWorkedExample() {
    // README "Estimates from usage": computed by hand.
    List<Observation> obs = List.of(
        tokens(1, "input_tokens", "claude-sonnet-4-5-20250929", "2000000"),
        tokens(1, "output_tokens", "claude-sonnet-4-5-20250929", "100000"),
        tokens(1, "input_tokens", "claude-haiku-4-5-20251001", "5000000"),
        tokens(2, "input_tokens", "claude-sonnet-4-5-20250929", "1500000"),
        tokens(2, "output_tokens", "claude-sonnet-4-5-20250929", "50000"),
        Observation.usage(LocalDate.of(2026, 11, 1), "r2_class_a_operations", "", new java.math.BigDecimal("600000"),
            "operations", dev.costmon.model.Aggregation.SUM, Provenance.API),
        Observation.usage(LocalDate.of(2026, 11, 2), "r2_class_a_operations", "", new java.math.BigDecimal("700000"),
            "operations", dev.costmon.model.Aggregation.SUM, Provenance.API),
        Observation.usage(LocalDate.of(2026, 11, 3), "r2_class_a_operations", "", new java.math.BigDecimal("900000"),
            "operations", dev.costmon.model.Aggregation.SUM, Provenance.API));

    AccountView a = analyze(YearMonth.of(2026, 11), Instant.parse("2026-11-04T12:00:00Z"), obs, """
            rates:
              - {metric: input_tokens, dimension: "claude-sonnet-4*", price: 3 USD per 1M}
              - {metric: output_tokens, dimension: "claude-sonnet-4*", price: 15 USD per 1M}
              - {metric: input_tokens, price: 1 USD per 1M}
              - {metric: r2_class_a_operations, price: 4.50 USD per 1M, free: 1M}
        """);

    // Sonnet input 3.5M x 3/1M = 10.50; Sonnet output 150k x 15/1M = 2.25; Haiku input, priced by the
    // catch-all entry, 5M x 1/1M = 5.00; R2 2.2M operations, the first 1M free: 1.2M x 4.50/1M = 5.40
    // (nothing on the 1st, 300k on the 2nd, 900k on the 3rd). Total 23.15 USD.
    assertThat(a.services()).extracting(s -> s.service() + "=" + s.amount().amount().stripTrailingZeros().toPlainString())
        .containsExactly("input_tokens claude-sonnet-4* (estimate)=10.5", "r2_class_a_operations (estimate)=5.4",
            "input_tokens (estimate)=5", "output_tokens claude-sonnet-4* (estimate)=2.25");
    assertThat(a.spend().amount()).isEqualByComparingTo("23.15");
    assertThat(a.spendReporting().amount()).isEqualByComparingTo("11.575");
  }

  @Test
  void trendCoversThirtyDaysEndingToday() {
    AccountView a = analyze(YearMonth.of(2026, 11), Instant.parse("2026-11-12T07:00:00Z"), daily(1, 10, "2"));
    assertThat(a.trend()).hasSize(30);
    assertThat(a.trend().get(29).day()).isEqualTo(LocalDate.of(2026, 11, 12));
  }

  @Test
  void trendOfAClosedThirtyOneDayMonthCoversTheWholeMonth() {
    List<Observation> october = new ArrayList<>();
    for (int d = 1; d <= 31; d++) {
      october.add(Observation.spend(LocalDate.of(2026, 10, d), "api", Money.of(d == 1 ? "5" : "1", "USD"),
          Provenance.API));
    }
    AccountView a = analyze(YearMonth.of(2026, 10), Instant.parse("2026-11-12T07:00:00Z"), october);

    assertThat(a.trend()).hasSize(31);
    assertThat(a.trend().get(0)).isEqualTo(new DailySpend(LocalDate.of(2026, 10, 1), Money.of("5", "USD")));
    assertThat(a.trend().get(30).day()).isEqualTo(LocalDate.of(2026, 10, 31));
    assertThat(a.spend()).isEqualTo(Money.of("35", "USD"));
  }

  @Test
  void trendOfAClosedFebruaryIsItsTwentyEightDays() {
    AccountView a = analyze(YearMonth.of(2026, 2), Instant.parse("2026-11-12T07:00:00Z"), List.of());

    assertThat(a.trend()).hasSize(28);
    assertThat(a.trend().get(0).day()).isEqualTo(LocalDate.of(2026, 2, 1));
  }
  @Test
  void theTrendsDaysBeforeTheMonthAddEveryServiceOfTheirNewestSnapshotAndOnlyTheMonthCounts() {
    LocalDate nov25 = LocalDate.of(2026, 11, 25);
    List<Observation> obs = List.of(
        Observation.spend(nov25, "api", Money.of("1.10", "USD"), Provenance.API),
        Observation.spend(nov25, "db", Money.of("2.00", "USD"), Provenance.API).withTags(Map.of("team", "web")),
        Observation.spend(LocalDate.of(2026, 12, 1), "api", Money.of("4", "USD"), Provenance.API));

    AccountView a = analyze(YearMonth.of(2026, 12), Instant.parse("2026-12-03T07:00:00Z"), obs);

    assertThat(a.trend()).hasSize(30);
    assertThat(a.trend()).filteredOn(d -> d.day().equals(nov25)).singleElement()
        .isEqualTo(new DailySpend(nov25, Money.of("3.10", "USD")));
    assertThat(a.spend()).isEqualTo(Money.of("4", "USD"));
  }

  @Test
  void anAccountJudgedByItsDataWithoutFiguresThisMonthIsAsFreshAsItsNewestDayBefore() {
    CostmonConfig config = new ConfigLoader(ProviderRegistry.builtIn(), new Environment(Map.of(), dir, dir, false))
        .parse(dir.resolve("c.yaml"), "currency: USD\ndatabase: h.db\naccounts:\n"
            + "  - {id: feed, provider: focus, max_age: 5d}\n");
    Instant now = Instant.parse("2026-12-03T07:00:00Z");
    try (Database db = Database.open(config.database(), true)) {
      History h = new History(db);
      // Imported today, but the file's newest day is November 25: 8 days before now, older than 5 days.
      h.append(h.startRun("import", now), new AccountSnapshot("feed", "focus", now, now, SnapshotStatus.OK, null,
          null, null, List.of(Observation.spend(LocalDate.of(2026, 11, 25), "S3", Money.of("1", "USD"),
              Provenance.INVOICE))));
      AccountView stale = new MonthAnalyzer(config).analyze(h, YearMonth.of(2026, 12), now).accounts().get(0);
      AccountView fresh = new MonthAnalyzer(config).analyze(h, YearMonth.of(2026, 12),
          Instant.parse("2026-11-28T07:00:00Z")).accounts().get(0);

      assertThat(stale.stale()).isTrue();
      assertThat(fresh.stale()).isFalse();
    }
  }
}
