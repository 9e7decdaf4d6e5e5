package dev.costmon.movement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.config.ConfigLoader;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.Environment;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.store.AccountSnapshot;
import dev.costmon.store.Database;
import dev.costmon.store.ExchangeRates;
import dev.costmon.store.History;
import dev.costmon.store.SnapshotStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comparisons on a real SQLite history across the November/December 2026 boundary, computed by hand:
 * a USD account (do) and an EUR account (ovh) reported in EUR; November is closed and converted at
 * the rate stored for it (1 USD = 0.8 EUR), December at the config's (0.9).
 */
class MovementsTest {
  @TempDir Path dir;

  private CostmonConfig config;
  private final Map<String, List<Observation>> stored = new java.util.LinkedHashMap<>();

  @BeforeEach
  void history() {
    config = new ConfigLoader(ProviderRegistry.builtIn(), new Environment(Map.of(), dir, dir, false))
        .parse(dir.resolve("c.yaml"), """
            currency: EUR
            database: h.db
            fx: {USD: 0.9}
            accounts:
              - {id: do, provider: demo, scenario: steady, amount: 1 USD, cap: 100 USD}
              - {id: ovh, provider: demo, scenario: steady, amount: 1 EUR, cap: 50 EUR}
              - {id: ai, provider: demo, scenario: steady, amount: 1 USD, cap: 100 USD}
            """);
    for (int d = 1; d <= 30; d++) {
      add("do", nov(d), "Droplets / web", "1.00", "USD", Provenance.INVOICE);
      add("ovh", nov(d), "server", "2.00", "EUR", Provenance.FIXED);
    }
    add("do", nov(5), "Spaces", "4.00", "USD", Provenance.INVOICE);
    add("ovh", nov(3), "licence", "10", "USD", Provenance.API);
    for (int d = 1; d <= 31; d++) {
      add("do", dec(d), "Droplets / web", "1.50", "USD", Provenance.API);
      add("ovh", dec(d), "server", "2.00", "EUR", Provenance.FIXED);
    }
    for (int d = 20; d <= 31; d++) {
      add("do", dec(d), "Droplets / ml-test", "2.125", "USD", Provenance.ESTIMATE);
    }
    add("ovh", dec(3), "licence", "10", "USD", Provenance.API);
  }

  private void add(String account, LocalDate day, String service, String amount, String currency, Provenance p) {
    stored.computeIfAbsent(account, a -> new ArrayList<>())
        .add(Observation.spend(day, service, Money.of(amount, currency), p));
  }

  private static LocalDate nov(int day) {
    return LocalDate.of(2026, 11, day);
  }

  private static LocalDate dec(int day) {
    return LocalDate.of(2026, 12, day);
  }

  private <T> T withHistory(java.util.function.Function<History, T> body) {
    Instant at = Instant.parse("2026-12-31T06:00:00Z");
    try (Database db = Database.open(config.database(), true)) {
      History h = new History(db);
      long run = h.startRun("collect", at);
      stored.forEach((account, obs) -> h.append(run, new AccountSnapshot(account, "demo", at, at, SnapshotStatus.OK,
          null, null, null, obs)));
      // November was converted at 0.8 when it was the current month; the config says 0.9 since December.
      new ExchangeRates(h).record(List.of(
          new ExchangeRates.Row(nov(1), "USD", "EUR", new BigDecimal("0.8"), "config"),
          new ExchangeRates.Row(dec(1), "USD", "EUR", new BigDecimal("0.9"), "config")), at);
      return body.apply(h);
    }
  }

  private static String line(Movement m) {
    return m.account() + " " + m.describe() + " = " + m.differenceReporting().amount().stripTrailingZeros()
        .toPlainString() + " EUR";
  }

  @Test
  void theThirtyFirstAgainstAThirtyDayMonthComparesTheWholeShorterMonth() {
    Comparison c = withHistory(h -> new Movements(config).months(h, YearMonth.of(2026, 12), YearMonth.of(2026, 11),
        dec(31)));

    assertThat(c.after()).isEqualTo(new Period(dec(1), dec(31)));
    assertThat(c.before()).isEqualTo(new Period(nov(1), nov(30)));
    assertThat(c.basis()).isEqualTo(Comparison.Basis.SUM);
    java.util.Currency usd = java.util.Currency.getInstance("USD");
    assertThat(c.beforeRates().get(usd).rate()).isEqualByComparingTo("0.8");
    assertThat(c.beforeRates().get(usd).day()).isEqualTo(nov(1));
    assertThat(c.afterRates().get(usd).rate()).isEqualByComparingTo("0.9");
    // ml-test: 12 x 2.125 = 25.50 USD, new, x 0.9 = 22.95 EUR. web: 31 x 1.50 = 46.50 USD (41.85 EUR) against
    // 30 x 1.00 = 30.00 USD (24.00 EUR at November's 0.8): +16.50 USD, +55%, +17.85 EUR. Spaces: gone, -4 USD
    // = -3.20 EUR. ovh server 62 against 60 EUR. licence: 10 USD both months, 9.00 against 8.00 EUR: only the
    // rate moved it, and the account's own currency shows that (+1.00 EUR, +12.5% rounds to +12%).
    assertThat(c.movements()).extracting(MovementsTest::line).containsExactly(
        "do Droplets / ml-test +25.50 USD (new) = 22.95 EUR",
        "do Droplets / web +16.50 USD (+55%) = 17.85 EUR",
        "do Spaces -4.00 USD (gone) = -3.2 EUR",
        "ovh server +2.00 EUR (+3%) = 2 EUR",
        "ovh licence +1.00 EUR (+12%) = 1 EUR");
    Movement web = c.movements().get(1);
    assertThat(web.change()).isEqualTo(Change.CHANGED);
    assertThat(web.before().orElseThrow().amount()).isEqualTo(Money.of("30.00", "USD"));
    assertThat(web.before().orElseThrow().provenance()).isEqualTo(Provenance.INVOICE);
    assertThat(web.after().orElseThrow().amount()).isEqualTo(Money.of("46.50", "USD"));
    assertThat(web.ratio()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.55"));
    Movement mlTest = c.movements().get(0);
    assertThat(mlTest.before()).isEmpty();
    assertThat(mlTest.ratio()).isEmpty();
    assertThat(mlTest.after().orElseThrow().provenance()).isEqualTo(Provenance.ESTIMATE);

    AccountMovement doAccount = c.account("do").orElseThrow();
    // 34 USD at 0.8 = 27.20 EUR; 72 USD at 0.9 = 64.80 EUR.
    assertThat(doAccount.before().orElseThrow().amount().amount()).isEqualByComparingTo("34");
    assertThat(doAccount.before().orElseThrow().reporting().amount()).isEqualByComparingTo("27.20");
    assertThat(doAccount.after().orElseThrow().reporting().amount()).isEqualByComparingTo("64.80");
    assertThat(doAccount.total().orElseThrow().describe()).isEqualTo("(account) +38.00 USD (+112%)");
    // ai has no figure in either month: not compared, nothing listed, not "gone".
    AccountMovement ai = c.account("ai").orElseThrow();
    assertThat(ai.compared()).isFalse();
    assertThat(ai.movements()).isEmpty();
  }

  @Test
  void aChargeSplitByBucketNamesTheBucketThatGrew() {
    stored.clear();
    for (int d = 1; d <= 10; d++) {
      bucket(nov(d), "media", "1.00");
      bucket(nov(d), "backups", "0.50");
      bucket(dec(d), "media", "1.10");
      bucket(dec(d), "backups", "3.00");
    }
    Comparison c = withHistory(h -> new Movements(config).months(h, YearMonth.of(2026, 12), YearMonth.of(2026, 11),
        dec(10)));

    // backups: 30.00 against 5.00 USD; media 11.00 against 10.00 USD (at 0.9 and 0.8 EUR).
    assertThat(c.movements()).extracting(MovementsTest::line).containsExactly(
        "do timed active storage / backups +25.00 USD (+500%) = 23 EUR",
        "do timed active storage / media +1.00 USD (+10%) = 1.9 EUR");
  }

  private void bucket(LocalDate day, String bucket, String amount) {
    stored.computeIfAbsent("do", a -> new ArrayList<>()).add(Observation.spend(day, "timed active storage",
        Money.of(amount, "USD"), Provenance.ESTIMATE).withTags(Map.of("bucket", bucket)));
  }

  @Test
  void monthToDateComparesTheSameDaysOfTheEarlierMonth() {
    Comparison c = withHistory(h -> new Movements(config).months(h, YearMonth.of(2026, 12), YearMonth.of(2026, 11),
        dec(15)));

    assertThat(c.before()).isEqualTo(new Period(nov(1), nov(15)));
    assertThat(c.after()).isEqualTo(new Period(dec(1), dec(15)));
    // ml-test starts on the 20th: not there yet. web 15 x 1.50 = 22.50 against 15.00 USD.
    assertThat(c.movements()).extracting(MovementsTest::line).containsExactly(
        "do Droplets / web +7.50 USD (+50%) = 8.25 EUR",
        "do Spaces -4.00 USD (gone) = -3.2 EUR",
        "ovh licence +1.00 EUR (+12%) = 1 EUR",
        "ovh server 0.00 EUR (0%) = 0 EUR");
  }

  @Test
  void aMonthWithoutFiguresIsNoDataNotZero() {
    // October has no figures at all: nothing is "new" for it, the accounts are simply not compared.
    Comparison c = withHistory(h -> new Movements(config).months(h, YearMonth.of(2026, 12), YearMonth.of(2026, 10),
        dec(31)));

    assertThat(c.before()).isEqualTo(new Period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31)));
    assertThat(c.movements()).isEmpty();
    assertThat(c.accounts()).allSatisfy(a -> {
      assertThat(a.before()).isEmpty();
      assertThat(a.compared()).isFalse();
    });
    assertThat(c.account("do").orElseThrow().after().orElseThrow().amount()).isEqualTo(Money.of("72.000", "USD"));
  }

  @Test
  void aClosedMonthIsComparedWhole() {
    assertThat(Movements.sameDays(Movements.monthToDate(YearMonth.of(2026, 11), dec(5)), YearMonth.of(2026, 10),
        dec(5))).isEqualTo(new Period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31)));
    assertThat(Movements.sameDays(Movements.monthToDate(YearMonth.of(2026, 3), LocalDate.of(2026, 3, 31)),
        YearMonth.of(2026, 2), LocalDate.of(2026, 3, 31)))
        .isEqualTo(new Period(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)));
    assertThatThrownBy(() -> Movements.sameDays(Movements.monthToDate(YearMonth.of(2026, 11), dec(5)),
        YearMonth.of(2026, 11), dec(5))).hasMessageContaining("not earlier");
  }

  @Test
  void yesterdayAgainstTheMedianOfTheSevenDaysBefore() {
    stored.clear();
    // gpt 1, 2, 3, -, 4, 5, 100 on the 13th to the 19th; embed 0.10 on the same days; nothing at all on the
    // 16th (the account was not collected): that day is left out, not a zero. Yesterday (20th): gpt 30.
    String[] gpt = {"1", "2", "3", null, "4", "5", "100"};
    for (int i = 0; i < gpt.length; i++) {
      if (gpt[i] != null) {
        add("ai", dec(13 + i), "gpt", gpt[i], "USD", Provenance.API);
        add("ai", dec(13 + i), "embed", "0.10", "USD", Provenance.API);
      }
    }
    add("ai", dec(20), "gpt", "30", "USD", Provenance.API);
    add("ai", dec(12), "gpt", "500", "USD", Provenance.API);

    Comparison c = withHistory(h -> new Movements(config).yesterday(h, dec(21)));

    assertThat(c.basis()).isEqualTo(Comparison.Basis.DAILY_MEDIAN);
    assertThat(c.before()).isEqualTo(new Period(dec(13), dec(19)));
    assertThat(c.after()).isEqualTo(Period.day(dec(20)));
    // Median of 1, 2, 3, 4, 5, 100 = 3.5: +26.50 USD, +757%; at 0.9 = 23.85 EUR.
    assertThat(c.movements()).extracting(MovementsTest::line).containsExactly(
        "ai gpt +26.50 USD (+757%) = 23.85 EUR",
        "ai embed -0.10 USD (gone) = -0.09 EUR");
    AccountMovement ai = c.account("ai").orElseThrow();
    assertThat(ai.before().orElseThrow().amount().amount()).isEqualByComparingTo("3.6");
    assertThat(c.account("do").orElseThrow().compared()).isFalse();
  }

  @Test
  void aRiseFromZeroHasNoPercentageAndZeroToZeroIsNoChange() {
    Spend zero = new Spend(Money.of("0.00", "USD"), Money.of("0", "EUR"), Provenance.API);
    Spend five = new Spend(Money.of("5", "USD"), Money.of("4.5", "EUR"), Provenance.API);
    java.util.Optional<Spend> none = java.util.Optional.empty();

    assertThat(new Movement("a", "s", java.util.Optional.of(zero), java.util.Optional.of(five)).describe())
        .isEqualTo("s +5.00 USD (from 0.00)");
    assertThat(new Movement("a", "s", java.util.Optional.of(zero), java.util.Optional.of(zero)).describe())
        .isEqualTo("s 0.00 USD (0%)");
    assertThat(new Movement("a", "s", java.util.Optional.of(five), none).describe()).isEqualTo("s -5.00 USD (gone)");
    assertThat(new Movement("a", "s", java.util.Optional.of(zero), java.util.Optional.of(five)).ratio()).isEmpty();
    assertThatThrownBy(() -> new Movement("a", "s", none, none)).hasMessageContaining("no figure in either period");
  }
}
