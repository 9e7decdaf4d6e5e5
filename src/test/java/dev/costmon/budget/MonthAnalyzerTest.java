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
            + "    provider: demo\n    scenario: steady\n    amount: 1 USD\n    cap: 100 USD\n" + extra);
    try (Database db = Database.open(config.database(), true)) {
      History h = new History(db);
      h.append(h.startRun("collect", now), new AccountSnapshot("a", "demo", now, now, SnapshotStatus.OK, null,
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
}
