package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cap of zero means nothing may be spent: any spend is CRITICAL in every output, never a huge percentage. */
class ZeroCapTest {
  @TempDir Path dir;
  CliHarness cli;

  static final String CONFIG = """
      currency: EUR
      database: history.db
      textfile: prom/costmon.prom
      cap: 0 EUR
      accounts:
        - id: ovh
          provider: fixed
          amount: 300 EUR
          accrual: daily
          cap: 0 EUR
        - id: free
          provider: fixed
          amount: 0 EUR
          cap: 0 EUR
      """;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.write("costmon.yaml", CONFIG);
    Files.createDirectories(dir.resolve("prom"));
    assertThat(cli.run("collect").exitCode()).isZero();
  }

  @Test
  void anySpendOverAZeroCapIsCriticalAndSaysSo() {
    CliHarness.Result r = cli.run("check", "--verbose");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).doesNotContain("922337203685477580700").doesNotContain("E+");
    assertThat(r.out().lines().findFirst().orElseThrow()).contains("'ovh_cap'=U;0.8;1;0;", "'free_cap'=0;0.8;1;0;",
        "'total_cap'=U;0.8;1;0;");
    assertThat(r.out().lines()).contains(
        "CRITICAL ovh cap: spend 230.00 EUR is over a zero cap",
        "WARNING ovh forecast: forecast 300.00 EUR is over a zero cap (forecast over cap)",
        "OK free cap: spend 0.00 EUR is 0.0% of cap 0.00 EUR",
        "CRITICAL total cap: total spend 230.00 EUR is over a zero global cap");
  }

  @Test
  void jsonHasNoRatioForSpendOverAZeroCap() throws Exception {
    JsonNode check = new ObjectMapper().readTree(cli.run("check", "--format", "json").out());
    JsonNode ovhCap = null;
    for (JsonNode t : check.get("thresholds")) {
      if (t.get("account").asText().equals("ovh") && t.get("name").asText().equals("cap")) {
        ovhCap = t;
      }
    }
    assertThat(ovhCap.get("status").asText()).isEqualTo("CRITICAL");
    assertThat(ovhCap.get("ratio").isNull()).isTrue();

    JsonNode report = new ObjectMapper().readTree(cli.run("report", "--format", "json").out());
    assertThat(report.toString()).doesNotContain("E+100").doesNotContain("922337203685477580");
    assertThat(cli.run("report", "--format", "csv").out()).contains(",inf,").doesNotContain("E+100");
    assertThat(cli.run("report").out()).contains("over 0").doesNotContain("99999");
  }

  @Test
  void theTextfileExportsPlusInfWhichAlertRulesCompareAboveEveryThreshold() throws Exception {
    String prom = Files.readString(dir.resolve("prom/costmon.prom"));

    assertThat(prom)
        .contains("costmon_cap_used_ratio{account=\"ovh\",provider=\"fixed\"} +Inf\n")
        .contains("costmon_cap_used_ratio{account=\"free\",provider=\"fixed\"} 0.0\n")
        .contains("costmon_total_cap_used_ratio +Inf\n")
        .doesNotContain("9.223372036854776E18");
  }
}
