package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account whose program reports both spend and usage, with rates: for the usage: the reported
 * spend is the total, the estimate is shown beside it by report --by service, and a rates: pattern
 * that prices nothing is a WARN in doctor and report --verbose.
 */
class EstimateVsActualCliTest {
  @TempDir Path dir;
  private CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.at("2026-11-03T07:00:00Z");
    cli.write("figures.json", """
        {"spend": [
          {"day": "2026-11-01", "service": "gpt-4o, input", "amount": "10.00", "currency": "USD"},
          {"day": "2026-11-02", "service": "gpt-4o, input", "amount": "12.00", "currency": "USD"}],
         "usage": [
          {"day": "2026-11-01", "metric": "input_tokens", "dimension": "gpt-4o", "value": 3000000},
          {"day": "2026-11-02", "metric": "input_tokens", "dimension": "gpt-4o", "value": 4000000}]}
        """);
    cli.write("costmon.yaml", """
        currency: USD
        database: history.db
        accounts:
          - id: ai
            provider: command
            command: [cat, figures.json]
            rates:
              - {metric: input_tokens, dimension: "gpt-4o*", price: 2.50 USD per 1M}
              - {metric: input_tokens, dimension: "o3-mini", price: 1.10 USD per 1M}
        """.replace("figures.json", dir.resolve("figures.json").toString()));
    assertThat(cli.run("collect", "-c", dir.resolve("costmon.yaml").toString()).exitCode()).isZero();
  }

  @Test
  void reportBysServiceShowsTheEstimateBesideTheReportedSpendAndTheGap() {
    CliHarness.Result r = cli.run("report", "-c", dir.resolve("costmon.yaml").toString(), "--by", "service");

    assertThat(r.exitCode()).isZero();
    // 3M + 4M tokens at 2.50 USD per 1M = 17.50 estimated; 22.00 reported; the gap is +4.50.
    assertThat(r.out()).containsPattern("TOTAL +22\\.00 ")
        .contains("Estimate vs actual")
        .containsPattern("ai +input_tokens gpt-4o\\* \\(estimate\\) +2 +17\\.50 USD +22\\.00 USD +\\+4\\.50 USD +\\+20%");
  }

  @Test
  void jsonAndCsvCarryTheEstimateBesideTheSpendNeverInIt() throws Exception {
    String config = dir.resolve("costmon.yaml").toString();
    String json = cli.run("report", "-c", config, "--format", "json").out();
    JsonNode account = new ObjectMapper().readTree(json).get("accounts").get(0);
    assertThat(account.get("spend").get("amount").asText()).isEqualTo("22.00");
    JsonNode e = account.get("estimate_vs_actual").get(0);
    assertThat(new BigDecimal(e.get("estimate").get("amount").asText())).isEqualByComparingTo("17.50");
    assertThat(new BigDecimal(e.get("gap").get("amount").asText())).isEqualByComparingTo("4.50");

    assertThat(cli.run("report", "-c", config, "--format", "csv").out())
        .containsPattern("estimate_vs_actual,2026-11,,ai,command,input_tokens gpt-4o\\* \\(estimate\\),USD,,estimate,"
            + "[,]*2,17\\.50*,22\\.00,4\\.50*,false");
  }

  @Test
  void aRatesPatternThatPricedNothingIsAWarning() {
    String config = dir.resolve("costmon.yaml").toString();
    String warning = "account 'ai': rates: dimension 'o3-mini' of input_tokens matched no usage (seen: gpt-4o)";

    assertThat(cli.run("doctor", "-c", config, "--offline").out()).contains("WARN  rates        " + warning);
    assertThat(cli.run("report", "-c", config, "--verbose").err()).contains("WARN " + warning);
    assertThat(cli.run("report", "-c", config).err()).doesNotContain("matched no usage");
  }

  /** A command's metrics are known only from its output: a rate for one it never printed is a warning. */
  @Test
  void aRateForAMetricACommandNeverReportedIsAWarning() throws Exception {
    Path config = dir.resolve("costmon.yaml");
    cli.write("costmon.yaml", Files.readString(config).replace(
        "      - {metric: input_tokens, dimension: \"o3-mini\", price: 1.10 USD per 1M}",
        "      - {metric: output_tokens, price: 10 USD per 1M}"));

    assertThat(cli.run("doctor", "-c", config.toString(), "--offline").out()).contains("WARN  rates        account"
        + " 'ai': rates: names the metric 'output_tokens', which it has not reported (seen: input_tokens)");
  }
}
