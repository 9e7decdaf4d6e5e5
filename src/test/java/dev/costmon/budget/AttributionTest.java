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
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attribution of analysed spend: rules in order, the account's labels as fallback, the rest unattributed. */
class AttributionTest {
  private static final Instant NOW = Instant.parse("2026-11-12T07:00:00Z");

  @TempDir Path dir;

  private static final String CONFIG = """
      currency: EUR
      database: h.db
      fx: {USD: 0.5}
      attribution:
        rules:
          - service: "web*"
            labels: {team: web, app: site}
          - service: "shop ? gpt*"
            labels: {team: shop}
          - service: "web*"
            labels: {team: ignored, env: staging}
          - account: "b*"
            labels: {team: data}
          - provider: demo
            labels: {env: prod}
      accounts:
        - id: api
          provider: demo
          scenario: steady
          amount: 1 USD
          labels: {team: platform, app: core}
        - id: batch
          provider: demo
          scenario: steady
          amount: 1 USD
        - id: idle
          provider: demo
          scenario: steady
          amount: 1 USD
          labels: {team: platform}
      """;

  private MonthView analyze(String yaml) {
    CostmonConfig config = new ConfigLoader(ProviderRegistry.builtIn(), new Environment(Map.of(), dir, dir, false))
        .parse(dir.resolve("c.yaml"), yaml);
    LocalDate day = LocalDate.of(2026, 11, 10);
    try (Database db = Database.open(config.database(), true)) {
      History h = new History(db);
      long run = h.startRun("collect", NOW);
      h.append(run, new AccountSnapshot("api", "demo", NOW, NOW, SnapshotStatus.OK, null, null, null, List.of(
          Observation.spend(day, "web app / gpt-4o", Money.of("3.10", "USD"), Provenance.API),
          Observation.spend(day, "shop / gpt-4o", Money.of("2.003", "USD"), Provenance.API),
          Observation.spend(day, "batch / whisper", Money.of("0.7", "USD"), Provenance.API))));
      h.append(run, new AccountSnapshot("batch", "demo", NOW, NOW, SnapshotStatus.OK, null, null, null, List.of(
          Observation.spend(day, "", Money.of("5", "USD"), Provenance.API))));
      return new MonthAnalyzer(config).analyze(h, YearMonth.of(2026, 11), NOW);
    }
  }

  @Test
  void firstMatchingRuleWinsPerLabelThenAccountLabelsThenUnattributed() {
    MonthView view = analyze(CONFIG);
    Attribution attribution = view.attribution();

    assertThat(attribution.keys()).containsExactly("app", "env", "team");
    // The third rule matches the web line too, but team was set by the first; env is still free.
    Map<String, Map<String, String>> labels = new java.util.HashMap<>();
    attribution.lines().forEach(l -> labels.put(l.account().id() + " " + l.service().service(), l.labels()));
    assertThat(labels).containsExactlyInAnyOrderEntriesOf(Map.of(
        "api web app / gpt-4o", Map.of("team", "web", "app", "site", "env", "staging"),
        "api shop / gpt-4o", Map.of("team", "shop", "app", "core", "env", "prod"),
        "api batch / whisper", Map.of("team", "platform", "app", "core", "env", "prod"),
        "batch (account)", Map.of("team", "data", "env", "prod")));
    assertThat(attribution.totals("team")).containsExactly(
        Map.entry("data", Money.of("2.5", "EUR")),
        Map.entry("web", Money.of("1.550", "EUR")),
        Map.entry("shop", Money.of("1.0015", "EUR")),
        Map.entry("platform", Money.of("0.35", "EUR")));
    assertThat(attribution.totals("app")).containsEntry(Attribution.UNATTRIBUTED, Money.of("2.5", "EUR"));
    // An account without spend belongs where its unsplit spend would go.
    assertThat(attribution.accountValue(view.accounts().get(2), "team")).isEqualTo("platform");
  }

  @Test
  void everyLabelsValuesAddUpExactlyToTheMonthsTotal() {
    MonthView view = analyze(CONFIG);

    assertThat(view.total()).isEqualTo(Money.of("5.4015", "EUR"));
    for (String key : List.of("team", "app", "env", "not-used")) {
      BigDecimal sum = view.attribution().totals(key).values().stream()
          .map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(sum).as(key).isEqualByComparingTo(view.total().amount());
    }
    assertThat(view.attribution().total().amount()).isEqualByComparingTo(view.total().amount());
  }

  @Test
  void withoutRulesSpendTakesItsAccountsLabels() {
    MonthView view = analyze(CONFIG.replaceAll("(?s)attribution:.*?accounts:", "accounts:"));

    assertThat(view.attribution().keys()).containsExactly("app", "team");
    assertThat(view.attribution().totals("team")).containsExactly(
        Map.entry("platform", Money.of("2.9015", "EUR")),
        Map.entry(Attribution.UNATTRIBUTED, Money.of("2.5", "EUR")));
  }
}
