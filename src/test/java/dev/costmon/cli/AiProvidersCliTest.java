package dev.costmon.cli;

import static dev.costmon.provider.ProviderFixture.json;
import static dev.costmon.provider.ProviderFixture.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costmon.provider.ProviderFixture;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One account of each AI provider (Anthropic, OpenAI, OpenRouter) through the real command line,
 * each against its own loopback server answering in the provider's documented shape: exact totals
 * in report, check and the .prom file, attribution on the providers' project and workspace tags,
 * reprocess from the archive, and no secret anywhere.
 */
class AiProvidersCliTest {
  private static final String ANTHROPIC_KEY = "sk-ant-admin01-TESTanthropicSECRET0123456789";
  private static final String OPENAI_KEY = "sk-admin-TESTopenaiSECRET0123456789abcdef";
  private static final String OPENROUTER_KEY = "sk-or-v1-TESTopenrouterSECRET0123456789abcdef";

  /** 1250.5 cents in the default workspace on 11-20, 300 cents in wrkspc_data on 11-21. */
  private static final String ANTHROPIC_COSTS = """
      {"data": [
        {"starting_at": "2026-11-20T00:00:00Z", "ending_at": "2026-11-21T00:00:00Z", "results": [
          {"currency": "USD", "amount": "1250.5", "workspace_id": null,
           "description": "Claude Sonnet 4 Usage - Input Tokens", "cost_type": "tokens"}]},
        {"starting_at": "2026-11-21T00:00:00Z", "ending_at": "2026-11-22T00:00:00Z", "results": [
          {"currency": "USD", "amount": "300", "workspace_id": "wrkspc_data",
           "description": "Claude Haiku 3.5 Usage - Input Tokens", "cost_type": "tokens"}]}],
       "has_more": false, "next_page": null}
      """;

  @TempDir Path dir;
  CliHarness cli;
  final ProviderFixture anthropic = new ProviderFixture();
  final ProviderFixture openai = new ProviderFixture();
  final ProviderFixture openrouter = new ProviderFixture();

  @BeforeEach
  void setUp() {
    anthropic.route("/v1/organizations/cost_report", json(ANTHROPIC_COSTS));
    anthropic.route("/v1/organizations/usage_report/messages", json(resource("provider/anthropic/usage_empty.json")));
    // proj_abc ("web app"): 0.42 USD on 11-22 and 0.01 USD on 11-23.
    openai.route("/v1/organization/costs", json(resource("provider/openai/costs_page3.json")));
    openai.route("/v1/organization/usage/completions",
        json(resource("provider/openai/usage_completions_empty.json")));
    // November: 0.1015644762 + 0.05 + 1.2345678901 on 11-02, 0 on 11-15, 2.5 on 11-22.
    openrouter.route("/activity", json(resource("provider/openrouter/activity.json")));
    openrouter.route("/credits", json(resource("provider/openrouter/credits.json")));

    cli = new CliHarness(dir);
    cli.env.put("ANTHROPIC_ADMIN_KEY", ANTHROPIC_KEY);
    cli.env.put("OPENAI_ADMIN_KEY", OPENAI_KEY);
    cli.env.put("OPENROUTER_KEY", OPENROUTER_KEY);
    cli.write("prom/.keep", "");
    cli.write("costmon.yaml", """
        currency: USD
        database: history.db
        textfile: prom/costmon.prom
        accounts:
          - id: claude
            provider: anthropic
            endpoint: %s
            admin_key: ${ANTHROPIC_ADMIN_KEY}
            cap: 20 USD
          - id: openai
            provider: openai
            endpoint: %s
            admin_key: ${OPENAI_ADMIN_KEY}
            projects: {proj_abc: web app}
            cap: 10 USD
          - id: openrouter
            provider: openrouter
            endpoint: %s
            api_key: ${OPENROUTER_KEY}
        attribution:
          rules:
            - tags: {project: "web app"}
              labels: {team: web}
            - tags: {workspace: "wrkspc_*"}
              labels: {team: data}
        """.formatted(anthropic.base(), openai.base(), openrouter.base()));
  }

  @AfterEach
  void tearDown() {
    anthropic.close();
    openai.close();
    openrouter.close();
  }

  @Test
  void exactTotalsInReportCheckAndPromAndSpendPerTeamFromProjectAndWorkspaceTags() throws Exception {
    CliHarness.Result collect = cli.run("collect");
    assertThat(collect.exitCode()).as(collect.err()).isZero();

    CliHarness.Result report = cli.run("report", "--format", "json");
    assertThat(report.exitCode()).as(report.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(report.out());
    assertThat(new BigDecimal(root.get("totals").get("spend").get("amount").asText()))
        .isEqualByComparingTo("19.8211323663");     // 15.505 + 0.43 + 3.8861323663

    CliHarness.Result byTeam = cli.run("report", "--by", "label:team", "--format", "json");
    assertThat(byTeam.spendByGroup()).containsOnlyKeys("web", "data", "unattributed");
    assertThat(new BigDecimal(byTeam.spendByGroup().get("web"))).isEqualByComparingTo("0.43");
    assertThat(new BigDecimal(byTeam.spendByGroup().get("data"))).isEqualByComparingTo("3.00");
    assertThat(new BigDecimal(byTeam.spendByGroup().get("unattributed"))).isEqualByComparingTo("16.3911323663");

    // 15.505 of 20 USD by the 23rd: under the cap, but the month-end forecast is over it.
    CliHarness.Result check = cli.run("check");
    assertThat(check.exitCode()).as(check.out()).isEqualTo(1);
    assertThat(check.out()).startsWith("COSTMON WARNING - 1 of 7 thresholds breached")
        .contains("'claude_cap'=0.7752;0.8;1;0;", "'openai_cap'=0.043;0.8;1;0;")
        .contains("WARNING claude forecast");

    assertThat(Files.readString(dir.resolve("prom/costmon.prom")))
        .contains("costmon_spend_month_to_date{account=\"claude\",currency=\"USD\",provider=\"anthropic\"} 15.505")
        .contains("costmon_spend_month_to_date{account=\"openai\",currency=\"USD\",provider=\"openai\"} 0.43")
        .contains("costmon_attributed_spend_month_to_date{currency=\"USD\",label=\"team\",value=\"web\"} 0.43")
        .contains("costmon_attributed_spend_month_to_date{currency=\"USD\",label=\"team\",value=\"data\"} 3.0")
        .contains("costmon_attributed_spend_month_to_date{currency=\"USD\",label=\"workspace\",value=\"default\"}"
            + " 12.505");
  }

  @Test
  void reprocessGivesTheSameTotalsWithoutCallingAnyProviderAndNothingHoldsASecret() throws Exception {
    assertThat(cli.run("collect").exitCode()).isZero();
    String before = cli.run("report", "--format", "json").out();
    int calls = anthropic.requests.size() + openai.requests.size() + openrouter.requests.size();

    CliHarness.Result reprocess = cli.run("reprocess", "--from", "2026-11-01");

    assertThat(reprocess.exitCode()).as(reprocess.err()).isZero();
    assertThat(anthropic.requests.size() + openai.requests.size() + openrouter.requests.size()).isEqualTo(calls);
    assertThat(cli.run("report", "--format", "json").out()).isEqualTo(before);

    String everything = String.join("\n", before, reprocess.out(), reprocess.err(),
        cli.run("check", "--verbose").out(), cli.run("config", "show").out(),
        cli.run("raw", "list", "--account", "claude").out(), cli.run("raw", "show", "1").out(),
        cli.run("export", "--format", "openmetrics").out());
    everything += cli.filesText();
    assertThat(everything).doesNotContain(ANTHROPIC_KEY, OPENAI_KEY, OPENROUTER_KEY);
  }
}
