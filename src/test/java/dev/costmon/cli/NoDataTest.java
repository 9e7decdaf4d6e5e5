package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No data is not zero: an account never collected, and a month before the history began, show
 * "no data" in every report format, never a spend of 0.00 and 0% of the cap.
 */
class NoDataTest {
  /** A zero amount or ratio ({@code 0.00}, {@code 0%}), not the zeros inside {@code 100.00}. */
  private static final String ZERO = "(?<![0-9.])0(\\.00|%)";

  @TempDir Path dir;
  CliHarness cli;

  private static final String CONFIG = """
      currency: EUR
      fx: {USD: 0.9}
      database: history.db
      accounts:
        - id: ionos
          provider: fixed
          amount: 6 EUR
          cap: 10 EUR
          labels: {team: web}
        - id: claude-api
          provider: anthropic
          endpoint: http://127.0.0.1:9/
          admin_key: ${ANTHROPIC_ADMIN_KEY}
          cap: 100 USD
          labels: {team: ml}
      """;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    cli.write("costmon.yaml", CONFIG);
    assertThat(cli.run("collect").exitCode()).isEqualTo(ExitCodes.PARTIAL);
  }

  @Test
  void anAccountNeverCollectedShowsNoDataNotZero() throws Exception {
    String table = cli.run("report").out();
    String claude = table.lines().filter(l -> l.startsWith("claude-api")).findFirst().orElseThrow();
    assertThat(claude).doesNotContainPattern(ZERO).contains("100.00 USD");
    assertThat(table).contains("claude-api: never collected successfully, no data (UNKNOWN)");
    assertThat(table.lines().filter(l -> l.startsWith("ionos")).findFirst().orElseThrow()).contains("6.00 EUR");

    JsonNode json = new ObjectMapper().readTree(cli.run("report", "--format", "json").out());
    JsonNode account = null;
    for (JsonNode a : json.get("accounts")) {
      if (a.get("id").asText().equals("claude-api")) {
        account = a;
      }
    }
    assertThat(account.get("spend").isNull()).isTrue();
    assertThat(account.get("cap_ratio").isNull()).isTrue();
    assertThat(account.get("data").asText()).isEqualTo("never_collected");

    String csv = cli.run("report", "--format", "csv").out();
    String row = csv.lines().filter(l -> l.startsWith("account,") && l.contains(",claude-api,")).findFirst().orElseThrow();
    assertThat(row).contains(",USD,,,EUR,,").contains("secret not available").doesNotContain(",0,")
        .doesNotContain(",fixed,");

    assertThat(cli.run("report", "--format", "markdown").out().lines()
        .filter(l -> l.contains("claude-api") && l.startsWith("|")).findFirst().orElseThrow())
        .doesNotContainPattern(ZERO);
  }

  @Test
  void aMonthBeforeTheHistoryBeganIsNoDataNotAClosedMonthOfZero() throws Exception {
    CliHarness.Result r = cli.run("report", "--month", "2020-03");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String ionos = r.out().lines().filter(l -> l.startsWith("ionos")).findFirst().orElseThrow();
    assertThat(ionos).doesNotContainPattern(ZERO).contains("10.00 EUR");
    assertThat(r.out()).contains("ionos: no data for March 2020");
    assertThat(r.out().lines().filter(l -> l.startsWith("TOTAL")).findFirst().orElseThrow()).doesNotContainPattern(ZERO);

    JsonNode json = new ObjectMapper().readTree(cli.run("report", "--month", "2020-03", "--format", "json").out());
    assertThat(json.get("accounts").get(0).get("data").asText()).isEqualTo("no_data_for_month");
    assertThat(json.get("accounts").get(0).get("spend").isNull()).isTrue();
    assertThat(json.get("totals").get("spend").isNull()).isTrue();
    assertThat(cli.run("report", "--month", "2020-03", "--format", "csv").out()).contains(",no data,");
  }

  @Test
  void aGroupWhoseAccountsHaveNoFigureHasNoSubtotalNotZero() throws Exception {
    String table = cli.run("report", "--by", "label:team").out();
    assertThat(table.lines().filter(l -> l.startsWith("subtotal team=ml")).findFirst().orElseThrow())
        .doesNotContainPattern(ZERO).contains(" - ");
    assertThat(table.lines().filter(l -> l.startsWith("subtotal team=web")).findFirst().orElseThrow())
        .contains("6.00 EUR");

    JsonNode groups = new ObjectMapper().readTree(cli.run("report", "--by", "label:team", "--format", "json").out())
        .get("groups");
    JsonNode ml = groups.get(0);
    assertThat(ml.get("key").asText()).isEqualTo("ml");
    assertThat(ml.get("spend").isNull()).isTrue();
    assertThat(ml.get("forecast").isNull()).isTrue();
    assertThat(ml.get("data").asText()).isEqualTo("no_data");
    assertThat(ml.get("shares").get(0).get("spend").isNull()).isTrue();
    assertThat(groups.get(1).get("data").asText()).isEqualTo("ok");

    String csv = cli.run("report", "--by", "label:team", "--format", "csv").out();
    assertThat(csv.lines().filter(l -> l.startsWith("subtotal,") && l.contains(",ml,")).findFirst().orElseThrow())
        .contains(",no data,").doesNotContainPattern(",0(\\.0)?,");
    assertThat(cli.run("report", "--by", "provider").out().lines()
        .filter(l -> l.startsWith("subtotal anthropic")).findFirst().orElseThrow()).doesNotContainPattern(ZERO);
  }

  @Test
  void trendDaysBeforeTheHistoryBeganAreBlankNotQuietDays() throws Exception {
    // The first collect ran on 23 November and covered the month: 25-31 October were never asked about.
    JsonNode ionos = new ObjectMapper().readTree(cli.run("report", "--format", "json").out()).get("accounts").get(0);
    JsonNode trend = ionos.get("trend");
    assertThat(trend).hasSize(30);
    assertThat(trend.get(0).get("day").asText()).isEqualTo("2026-10-25");
    assertThat(trend.get(6).get("spend").isNull()).as("31 October").isTrue();
    assertThat(trend.get(7).get("day").asText()).isEqualTo("2026-11-01");
    assertThat(trend.get(7).get("spend").get("amount").asText()).isNotEmpty();

    cli.terminalColumns = 200;
    cli.terminal = true;
    String row = cli.run("report", "--no-color").out().lines().filter(l -> l.startsWith("ionos")).findFirst().orElseThrow();
    // Seven blanks, then 23 days of a fee accrued daily; before this, the blanks were quiet days ▁.
    assertThat(row).contains(" ".repeat(7) + "█".repeat(23) + " ").doesNotContain("▁");
  }
}
