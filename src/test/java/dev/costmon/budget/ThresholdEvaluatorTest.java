package dev.costmon.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.config.ConfigLoader;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.Environment;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.store.AccountSnapshot;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.SnapshotStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdEvaluatorTest {
  @TempDir Path dir;

  private static final Instant NOW = Instant.parse("2026-11-23T07:00:00Z");

  private CheckResult evaluate(String accountYaml, Observation... observations) {
    CostmonConfig config = new ConfigLoader(ProviderRegistry.builtIn(), new Environment(Map.of(), dir, dir, false))
        .parse(dir.resolve("c.yaml"), "currency: USD\ndatabase: h.db\naccounts:\n  - id: a\n    provider: demo\n"
            + "    scenario: steady\n    amount: 1 USD\n" + accountYaml);
    try (Database db = Database.open(config.database(), true)) {
      History h = new History(db);
      h.append(h.startRun("collect", NOW), new AccountSnapshot("a", "demo", NOW, NOW, SnapshotStatus.OK, null,
          null, null, List.of(observations)));
      MonthView view = new MonthAnalyzer(config).analyze(h, YearMonth.of(2026, 11), NOW);
      return new ThresholdEvaluator(config).evaluate(view);
    }
  }

  private static Observation usage(String metric, String value, Aggregation aggregation, int day) {
    return Observation.usage(LocalDate.of(2026, 11, day), metric, "", new BigDecimal(value), "requests", aggregation,
        Provenance.API);
  }

  @ParameterizedTest(name = "{0} of 1M requests is {1}")
  @CsvSource({"799999, OK", "800000, WARNING", "999999, WARNING", "1000000, CRITICAL", "1500000, CRITICAL"})
  void quotaCrossesEightyAndHundredPercent(String used, Status expected) {
    CheckResult r = evaluate("    quotas: {requests: 1M}\n", usage("requests", used, Aggregation.SUM, 5));
    assertThat(r.thresholds()).filteredOn(t -> t.name().equals("quota:requests")).singleElement()
        .extracting(ThresholdResult::status).isEqualTo(expected);
  }

  @Test
  void summedUsageAddsTheDaysOfTheMonthAndLastUsageTakesTheNewestDay() {
    CheckResult r = evaluate("    quotas: {requests: 1M, stored: 100}\n",
        usage("requests", "500000", Aggregation.SUM, 1), usage("requests", "400000", Aggregation.SUM, 2),
        usage("stored", "99", Aggregation.LAST, 1), usage("stored", "20", Aggregation.LAST, 2));
    assertThat(r.thresholds()).filteredOn(t -> t.name().startsWith("quota:"))
        .extracting(t -> t.name() + "=" + t.status())
        .containsExactlyInAnyOrder("quota:requests=WARNING", "quota:stored=OK");
  }

  @ParameterizedTest(name = "{0} requests of a zero quota is {1}")
  @CsvSource({"0, OK", "1, CRITICAL", "1500000, CRITICAL"})
  void anyUseOfAZeroQuotaIsCritical(String used, Status expected) {
    CheckResult r = evaluate("    quotas: {requests: 0}\n", usage("requests", used, Aggregation.SUM, 5));
    assertThat(r.thresholds()).filteredOn(t -> t.name().equals("quota:requests")).singleElement()
        .satisfies(t -> {
          assertThat(t.status()).isEqualTo(expected);
          assertThat(t.message()).isEqualTo(expected == Status.OK ? "requests 0 requests is 0.0% of quota 0"
              : "requests " + Units.format(new BigDecimal(used), "requests") + " is over a zero quota");
        });
  }

  @ParameterizedTest(name = "credits {0} with floor 5 is {1}")
  @CsvSource({"12.5, OK", "4.99, WARNING", "0, CRITICAL", "-1, CRITICAL"})
  void creditsBelowAFloor(String credits, Status expected) {
    CheckResult r = evaluate("    floors: {credits_remaining: 5}\n",
        usage("credits_remaining", credits, Aggregation.LAST, 23));
    assertThat(r.thresholds()).filteredOn(t -> t.name().equals("floor:credits_remaining")).singleElement()
        .extracting(ThresholdResult::status).isEqualTo(expected);
  }

  @Test
  void aFloorHasPerfdataThatAlertsBelowItAsEveryRatioThresholdDoes() {
    CheckResult r = evaluate("    cap: 10 USD\n    quotas: {requests: 1M}\n    floors: {credits_remaining: 5}\n",
        usage("credits_remaining", "4", Aggregation.LAST, 23), usage("requests", "500000", Aggregation.SUM, 5));
    StringWriter text = new StringWriter();
    CheckOutput.text(r, false, false, new PrintWriter(text, true));

    // Level over the floor: under 1 warns, 0 or less is critical (monitoring-plugins ranges).
    assertThat(text.toString().lines().findFirst().orElseThrow())
        .contains("'a_floor_credits_remaining'=0.8;1:;@~:0;0;")
        .contains("'a_quota_requests'=0.5;0.8;1;0;")
        .contains("'a_cap'=");
    assertThat(r.thresholds()).filteredOn(t -> !t.name().equals("freshness"))
        .allSatisfy(t -> assertThat(t.ratio()).as(t.name()).isPresent());
  }

  @Test
  void aRealBreachOutranksAnUnknownElsewhere() {
    assertThat(Status.CRITICAL.worst(Status.UNKNOWN)).isEqualTo(Status.CRITICAL);
    assertThat(Status.WARNING.worst(Status.UNKNOWN)).isEqualTo(Status.WARNING);
    assertThat(Status.OK.worst(Status.UNKNOWN)).isEqualTo(Status.UNKNOWN);
  }
}
