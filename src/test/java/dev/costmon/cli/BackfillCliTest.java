package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costmon.provider.ProviderFixture;
import dev.costmon.provider.anthropic.AnthropicMonths;
import dev.costmon.provider.openai.OpenAiMonths;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect --from} through the real command line: an Anthropic organisation on loopback serving
 * three months and ten days in pages of seven daily buckets with a 429 in the middle, a fixed fee,
 * and the plan of paid and short-horizon providers.
 */
class BackfillCliTest {
  private static final String KEY = "sk-ant-admin01-TESTbackfillSECRET0123456789";

  @TempDir Path dir;
  CliHarness cli;
  final ProviderFixture anthropic = new ProviderFixture();
  final AnthropicMonths costs = new AnthropicMonths(true, 6);
  final AnthropicMonths usage = new AnthropicMonths(false, 0);

  @BeforeEach
  void setUp() {
    anthropic.route("/v1/organizations/cost_report", costs);
    anthropic.route("/v1/organizations/usage_report/messages", usage);
    cli = new CliHarness(dir);
    cli.at("2026-04-10T07:00:00Z");
    cli.env.put("ANTHROPIC_ADMIN_KEY", KEY);
    cli.env.put("OPENROUTER_KEY", "sk-or-v1-TESTbackfill");
    cli.env.put("AWS_KEY", "AKIATESTBACKFILL0000");
    cli.env.put("AWS_SECRET", "TESTbackfillAwsSecret");
    cli.write("costmon.yaml", """
        currency: USD
        database: history.db
        accounts:
          - id: claude
            provider: anthropic
            endpoint: %s
            admin_key: ${ANTHROPIC_ADMIN_KEY}
            cap: 20 USD
          - id: rent
            provider: fixed
            amount: 31 USD
          - id: router
            provider: openrouter
            endpoint: %1$s
            api_key: ${OPENROUTER_KEY}
            key_type: management
          - id: aws
            provider: aws
            endpoint: %1$s
            access_key_id: ${AWS_KEY}
            secret_access_key: ${AWS_SECRET}
        """.formatted(anthropic.base()));
  }

  @AfterEach
  void tearDown() {
    anthropic.close();
  }

  @Test
  void backfilledMonthsAreStoredAsHandComputedAndShowInReportAndOpenMetrics() throws Exception {
    CliHarness.Result run = cli.run("collect", "--from", "2026-01-01", "--account", "claude", "--account", "rent");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    // Jan 5 pages, Feb 4, Mar 5, Apr 1-10 2: 16 cost pages, one of them asked twice after the 429.
    assertThat(costs.calls.get()).isEqualTo(17);
    assertThat(usage.calls.get()).isEqualTo(16);

    // March: days 60..90 of the year at N x 10 cents = 232.50 USD; the fee 31 USD over 31 days.
    assertThat(monthSpend("2026-03", "claude")).isEqualByComparingTo("232.50");
    assertThat(monthSpend("2026-03", "rent")).isEqualByComparingTo("31.00");
    assertThat(monthSpend("2026-02", "claude")).isEqualByComparingTo("127.40");   // days 32..59
    assertThat(monthSpend("2026-01", "claude")).isEqualByComparingTo("49.60");    // days 1..31

    // The answers are archived like a nightly collect's: reprocess rebuilds the months without asking.
    int asked = costs.calls.get() + usage.calls.get();
    CliHarness.Result reprocess = cli.run("reprocess", "--account", "claude", "--from", "2026-04-01");
    assertThat(reprocess.exitCode()).as(reprocess.err()).isZero();
    assertThat(costs.calls.get() + usage.calls.get()).isEqualTo(asked);
    assertThat(monthSpend("2026-03", "claude")).isEqualByComparingTo("232.50");

    CliHarness.Result om = cli.run("export", "--format", "openmetrics", "--from", "2026-01-01", "--to", "2026-03-31");
    assertThat(om.exitCode()).as(om.err()).isZero();
    long march15 = LocalDate.of(2026, 3, 16).toEpochDay() * 86_400 - 1;   // the end of the day
    assertThat(om.out()).containsPattern("account=\"claude\".* " + AnthropicMonths.usd(LocalDate.of(2026, 3, 15))
        .toPlainString() + " " + march15);
    assertThat(om.out()).doesNotContain(KEY);
  }

  @Test
  void theTrendShowsTheBackfilledDaysOfLastMonthNotAnEmptyPast() throws Exception {
    assertThat(cli.run("collect", "--from", "2026-03-01", "--account", "claude").exitCode()).isZero();

    // This month's report: its 30-day trend reaches back into March, which only the backfill stored.
    JsonNode trend = account(cli.run("report", "--format", "json"), "claude").path("trend");
    assertThat(trend).hasSize(30);
    assertThat(trend.get(0).path("day").asText()).isEqualTo("2026-03-12");
    for (JsonNode day : trend) {
      assertThat(new BigDecimal(day.path("spend").path("amount").asText())).as(day.path("day").asText())
          .isEqualByComparingTo(AnthropicMonths.usd(LocalDate.parse(day.path("day").asText())));
    }
    // The table's TREND column draws those days: no day of it is the empty bar.
    cli.env.put("COLUMNS", "200");
    String row = cli.run("report").out().lines().filter(l -> l.startsWith("claude ")).findFirst().orElseThrow();
    assertThat(row).containsPattern("[\u2582-\u2588]{30}").doesNotContain("\u2581");
    // A closed month's trend is the whole month.
    assertThat(account(cli.run("report", "--month", "2026-03", "--format", "json"), "claude").path("trend"))
        .hasSize(31);
  }

  private static JsonNode account(CliHarness.Result report, String id) throws java.io.IOException {
    for (JsonNode a : new ObjectMapper().readTree(report.out()).get("accounts")) {
      if (a.get("id").asText().equals(id)) {
        return a;
      }
    }
    throw new AssertionError("no account " + id + " in " + report.out());
  }

  @Test
  void aSecondIdenticalBackfillAsksNothingAndARefreshAsksAgainWithoutCountingTwice() {
    assertThat(cli.run("collect", "--from", "2026-01-01", "--account", "claude").exitCode()).isZero();
    String before = cli.run("export", "--format", "csv", "--from", "2026-01-01").out();
    int asked = costs.calls.get();
    cli.at("2026-04-10T07:12:00Z");
    cli.terminal = true;

    CliHarness.Result again = cli.run("collect", "--from", "2026-01-01", "--account", "claude");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(costs.calls.get()).isEqualTo(asked);
    assertThat(again.out()).contains("claude: skipped 4 windows, 2026-01 to 2026-04-01..2026-04-10"
        + " (stored 12 minutes ago; --refresh asks again)");
    assertThat(cli.run("export", "--format", "csv", "--from", "2026-01-01").out()).isEqualTo(before);

    CliHarness.Result refresh = cli.run("collect", "--from", "2026-03-01", "--account", "claude", "--refresh");

    assertThat(refresh.exitCode()).as(refresh.err()).isZero();
    assertThat(costs.calls.get()).isEqualTo(asked + 7);
    assertThat(monthSpend("2026-03", "claude")).isEqualByComparingTo("232.50");
  }

  @Test
  void theDryRunPrintsThePlanAndAsksNothing() {
    CliHarness.Result plan = cli.run("collect", "--from", "2025-01-01", "--dry-run");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(anthropic.requests).isEmpty();
    assertThat(plan.out()).isEqualTo("""
        backfill plan for 2025-01-01 .. 2026-04-10 (days in UTC); dry run, nothing asked or stored
        ACCOUNT  PROVIDER    DAYS                    WINDOWS  REQUESTS  API COST
        claude   anthropic   2025-01-01..2026-04-10       16        32         -
        rent     fixed       2025-01-01..2026-04-10       16         0         -
        router   openrouter  2026-03-11..2026-04-10        2         4         -
        aws      aws         2025-03-01..2026-04-10       14        15  0.15 USD
        TOTAL                                             48        51  0.15 USD
        router: activity only covers the last 30 days; backfilled from 2026-03-11
        aws: Cost Explorer keeps the current month and the 13 before it; backfilled from 2025-03-01
        aws: needs about 15 requests, more than max_requests: 5; would be refused without --max-requests 15
        Requests are counted without paging; a window is stored in one transaction, and a re-run skips\
         the windows already stored.
        """);
  }

  @Test
  void aPaidApiOverItsRequestBudgetIsRefusedWithOneLineAndTheOthersAreBackfilled() {
    CliHarness.Result run = cli.run("collect", "--from", "2025-01-01", "--account", "aws", "--account", "rent");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(run.err()).isEqualTo("costmon: account 'aws': the backfill needs about 15 requests (0.15 USD), more"
        + " than max_requests: 5; run again with --max-requests 15 to allow them\n");
    assertThat(anthropic.requests).isEmpty();
    assertThat(monthSpend("2025-06", "rent")).isEqualByComparingTo("31.00");
  }

  @Test
  void anAccountWhoseSecretIsNotSetIsOneLineAndAsksNothingTheOthersAreBackfilled() {
    cli.env.remove("ANTHROPIC_ADMIN_KEY");

    CliHarness.Result run = cli.run("collect", "--from", "2026-03-01", "--account", "claude", "--account", "rent");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(run.err()).isEqualTo("costmon: account 'claude': secret not available: admin_key"
        + " ${ANTHROPIC_ADMIN_KEY} (not set, line 7)\n");
    assertThat(anthropic.requests).isEmpty();
    assertThat(monthSpend("2026-03", "rent")).isEqualByComparingTo("31.00");
  }

  @Test
  void rawListFiltersTheBackfillsAnswersByDayAndAccount() {
    assertThat(cli.run("collect", "--from", "2026-04-01", "--account", "claude", "--account", "rent").exitCode())
        .isZero();

    CliHarness.Result all = cli.run("raw", "list", "--from", "2026-04-10", "--to", "2026-04-10");
    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(all.out().lines().toList()).hasSize(1 + 4).first().asString()
        .startsWith("ID     FETCHED              ACCOUNT              METHOD HTTP");
    assertThat(all.out()).contains(" claude ", "/v1/organizations/cost_report?starting_at=2026-04-01");
    assertThat(cli.run("raw", "list", "--account", "claude").out().lines().toList()).hasSize(1 + 4)
        .first().asString().startsWith("ID     FETCHED              METHOD HTTP");
    assertThat(cli.run("raw", "list", "--from", "2026-04-11").out().lines().toList()).hasSize(1);
    assertThat(cli.run("raw", "list", "--account", "rent").out().lines().toList()).hasSize(1);
    assertThat(cli.run("raw", "list", "--from", "2026-04-11", "--to", "2026-04-10").exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void aBackfillLongerThanTwoSecondsShowsABarOnATerminalAndNoneInAPipe() {
    usage.delayMillis = 1_300;
    cli.terminal = true;

    CliHarness.Result terminal = cli.run("collect", "--from", "2026-04-01", "--account", "claude");

    assertThat(terminal.exitCode()).as(terminal.err()).isZero();
    assertThat(terminal.out()).contains("claude [", "] 1/1  done", "\033[");
    assertThat(terminal.out()).containsPattern("(?s)ok       claude               anthropic    1 of 1 windows stored,"
        + " \\d+ figures, 4 requests\n.*claude \\[#+\\] 1/1  done\n$");

    cli.terminal = false;
    CliHarness.Result pipe = cli.run("collect", "--from", "2026-04-01", "--account", "claude", "--refresh");

    assertThat(pipe.exitCode()).as(pipe.err()).isZero();
    assertThat(pipe.out()).isEmpty();
    assertThat(pipe.err()).isEmpty();
  }

  @Test
  void openAiMonthsArePagedAndThrottledAndStoredAsHandComputedOnce() {
    try (ProviderFixture openai = new ProviderFixture()) {
      OpenAiMonths openaiCosts = new OpenAiMonths(true, 4);
      openai.route("/v1/organization/costs", openaiCosts);
      openai.route("/v1/organization/usage/completions", new OpenAiMonths(false, 0));
      cli.env.put("OPENAI_ADMIN_KEY", "sk-admin-TESTbackfill");
      cli.write("openai.yaml", """
          currency: USD
          database: openai.db
          accounts:
            - id: openai
              provider: openai
              endpoint: %s
              admin_key: ${OPENAI_ADMIN_KEY}
          """.formatted(openai.base()));

      CliHarness.Result run = cli.run("-c", "openai.yaml", "collect", "--from", "2026-01-01", "--to", "2026-03-31");

      assertThat(run.exitCode()).as(run.err()).isZero();
      // 31, 28 and 31 days in pages of 10: 4 + 3 + 4 pages, and the page answered 429 asked again.
      assertThat(openaiCosts.calls.get()).isEqualTo(11 + 1);
      CliHarness.Result feb = cli.run("-c", "openai.yaml", "report", "--month", "2026-02", "--format", "json");
      assertThat(feb.out()).contains("\"amount\" : \"101.50\"");   // 0.25 x (1 + ... + 28)

      assertThat(cli.run("-c", "openai.yaml", "collect", "--from", "2026-01-01", "--to", "2026-03-31").exitCode())
          .isZero();
      assertThat(openaiCosts.calls.get()).isEqualTo(12);
    }
  }

  @Test
  void badDatesAreOneLineUsageErrors() {
    assertThat(cli.run("collect", "--from", "2026-13-01").err()).contains("--from '2026-13-01' is not a date like");
    assertThat(cli.run("collect", "--from", "2026-05-01").err()).contains("--from 2026-05-01 is in the future");
    assertThat(cli.run("collect", "--from", "2026-03-01", "--to", "2026-02-01").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("collect", "--refresh").err()).contains("need --from DATE");
  }

  private BigDecimal monthSpend(String month, String account) {
    CliHarness.Result report = cli.run("report", "--month", month, "--format", "json");
    assertThat(report.exitCode()).as(report.err()).isZero();
    try {
      for (JsonNode a : new ObjectMapper().readTree(report.out()).get("accounts")) {
        if (a.get("id").asText().equals(account)) {
          return new BigDecimal(a.get("spend").get("amount").asText());
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError("no account " + account + " in " + report.out());
  }
}
