package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: a config of fixed fees collected, reported, checked and exported through the real CLI. */
class CollectReportCheckTest {
  @TempDir Path dir;
  CliHarness cli;

  static final String CONFIG = """
      currency: EUR
      database: history.db
      textfile: prom/costmon.prom
      fx: {USD: 0.5}
      cap: 300 EUR
      accounts:
        - id: ionos
          provider: fixed
          labels: {team: web}
          amount: 6.00 EUR
          accrual: upfront
          cap: 10 EUR
        - id: ovh
          provider: fixed
          amount: 300 EUR
          accrual: daily
          cap: 200 EUR
        - id: claude
          provider: fixed
          amount: 200 USD
          accrual: upfront
          cap: 250 USD
      """;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    cli.write("costmon.yaml", CONFIG);
    cli.write("prom/.keep", "");
  }

  @Test
  void collectStoresEveryAccountAndWritesTheTextfile() throws Exception {
    CliHarness.Result r = cli.run("collect");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
    String prom = Files.readString(dir.resolve("prom/costmon.prom"));
    assertThat(prom)
        .contains("costmon_spend_month_to_date{account=\"ionos\",currency=\"EUR\",provider=\"fixed\",team=\"web\"} 6.0")
        .contains("costmon_cap_used_ratio{account=\"ionos\",provider=\"fixed\",team=\"web\"} 0.6")
        // 300 EUR over 30 days, 23 days accrued: 230 EUR of a 200 EUR cap.
        .contains("costmon_spend_month_to_date{account=\"ovh\",currency=\"EUR\",provider=\"fixed\"} 230.0")
        .contains("costmon_collect_success{account=\"claude\",provider=\"fixed\"} 1.0")
        .doesNotContain("costmon_demo");
  }

  @Test
  void checkReportsCapAndForecastBreachesWithPerfdata() {
    cli.run("collect");

    CliHarness.Result r = cli.run("check");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out().lines().findFirst().orElseThrow())
        .startsWith("COSTMON CRITICAL - 4 of 10 thresholds breached | ")
        .contains("'ovh_cap'=1.15;0.8;1;0;");
    assertThat(r.out()).contains("CRITICAL ovh cap: spend 230.00 EUR is 115.0% of cap 200.00 EUR")
        .contains("WARNING ovh forecast: forecast 300.00 EUR is 150.0% of cap 200.00 EUR (forecast over cap)")
        .contains("WARNING claude cap: spend 200.00 USD is 80.0% of cap 250.00 USD");
  }

  @Test
  void checkJsonHasAFormatVersionAndCallsTheGlobalCapTotalAsTextDoes() throws Exception {
    cli.run("collect");

    CliHarness.Result json = cli.run("check", "--format", "json");
    CliHarness.Result text = cli.run("check", "--verbose");

    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.path("format_version").asInt()).isEqualTo(1);
    assertThat(root.path("status").asText()).isEqualTo("CRITICAL");
    assertThat(root.path("exit_code").asInt()).isEqualTo(2);
    JsonNode total = null;
    for (JsonNode t : root.path("thresholds")) {
      if (t.path("name").asText().equals("cap") && t.path("account").asText().equals("total")) {
        total = t;
      }
    }
    assertThat(total).isNotNull();
    assertThat(total.path("limit").asText()).isEqualTo("upper");
    assertThat(text.out()).contains(total.path("status").asText() + " total cap: " + total.path("message").asText())
        .contains("'total_cap'=");
  }

  @Test
  void checkIsUnknownWhenNothingWasCollectedYet() {
    CliHarness.Result r = cli.run("check");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("no history at").contains("run 'costmon collect' first");
  }

  @Test
  void staleDataIsUnknownNeverOk() {
    cli.write("costmon.yaml", CONFIG.replace("cap: 300 EUR", "cap: 3000 EUR")
        .replace("amount: 300 EUR", "amount: 10 EUR").replace("amount: 200 USD", "amount: 10 USD"));
    cli.run("collect");
    cli.at("2026-11-25T07:00:00Z");

    CliHarness.Result r = cli.run("check");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out()).contains("UNKNOWN ionos freshness: no successful collection for 48h (max_age 36h)");
  }

  @Test
  void freshnessHasPerfdataAsAShareOfMaxAgeCriticalAtOne() throws Exception {
    cli.run("collect");
    cli.at("2026-11-23T16:00:00Z");   // 9 hours after the collect, max_age 36h

    String fresh = cli.run("check").out().lines().findFirst().orElseThrow();

    assertThat(fresh).contains(" | 'ionos_freshness'=0.25;;1;0; 'ionos_cap'=0.6;0.8;1;0;",
        "'ovh_freshness'=0.25;;1;0;", "'claude_freshness'=0.25;;1;0;");

    cli.at("2026-11-25T07:00:00Z");   // 48 hours: stale, UNKNOWN, over the critical field
    assertThat(cli.run("check").out().lines().findFirst().orElseThrow())
        .contains("'ionos_freshness'=1.3333;;1;0;");
    JsonNode ionos = new ObjectMapper().readTree(cli.run("check", "--format", "json").out()).path("thresholds").get(0);
    assertThat(ionos.path("name").asText()).isEqualTo("freshness");
    assertThat(ionos.path("status").asText()).isEqualTo("UNKNOWN");
    assertThat(ionos.path("ratio").decimalValue()).isEqualByComparingTo("1.333333333333333");
    assertThat(ionos.path("warn_at").isNull()).isTrue();
    assertThat(ionos.path("critical_at").asText()).isEqualTo("1");
  }

  @Test
  void collectingTwiceADayCountsOnce() throws Exception {
    cli.run("collect");
    cli.at("2026-11-23T19:00:00Z");
    cli.run("collect");

    CliHarness.Result r = cli.run("report", "--format", "json");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("\"amount\" : \"230\"");
  }

  @Test
  void reportTableShowsTotalsInTheReportingCurrency() {
    cli.run("collect");

    CliHarness.Result r = cli.run("report");

    assertThat(r.exitCode()).isZero();
    // 6 + 230 EUR + 200 USD at 0.5 = 336 EUR.
    assertThat(r.out()).contains("336.00").contains("300.00 EUR").contains("ionos").contains("fixed");
  }

  @Test
  void monthBoundariesFollowTheConfiguredTimezone() {
    cli.write("costmon.yaml", CONFIG.replace("currency: EUR", "currency: EUR\ntimezone: Europe/Berlin"));
    cli.at("2026-11-30T23:30:00Z"); // already 1 December in Berlin
    cli.run("collect");

    CliHarness.Result r = cli.run("report", "--format", "json");

    assertThat(r.out()).contains("\"month\" : \"2026-12\"");
  }

  @Test
  void theTrendOfAClosedThirtyOneDayMonthStartsOnItsFirstDay() throws Exception {
    cli.at("2026-10-31T20:00:00Z");
    assertThat(cli.run("collect").exitCode()).isZero();
    cli.at("2026-11-05T08:00:00Z");

    CliHarness.Result r = cli.run("report", "--month", "2026-10", "--format", "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode ovh = null;
    for (JsonNode account : new ObjectMapper().readTree(r.out()).path("accounts")) {
      if (account.path("id").asText().equals("ovh")) {
        ovh = account;
      }
    }
    assertThat(ovh).isNotNull();
    JsonNode trend = ovh.path("trend");
    assertThat(trend).hasSize(31);
    assertThat(trend.get(0).path("day").asText()).isEqualTo("2026-10-01");
    assertThat(trend.get(30).path("day").asText()).isEqualTo("2026-10-31");
  }
}
