package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code collect --dry-run}: the figures a collect would store, printed instead of stored. */
class DryRunTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    cli.write("costmon.yaml", """
        currency: EUR
        database: history.db
        fx: {USD: 0.5}
        accounts:
          - id: ionos
            provider: fixed
            amount: 6.00 EUR
            accrual: upfront
          - id: vercel
            provider: demo
            scenario: quota
            amount: 20 USD
        """);
  }

  @Test
  void aPipeGetsATableOfEveryFigureWithItsProvenanceAndNothingIsStored() {
    CliHarness.Result r = cli.run("collect", "--dry-run");

    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    // 80 columns in a pipe: the provenance as a badge, explained below the table.
    assertThat(lines.get(0)).matches("ACCOUNT +DAY +KIND +METRIC +DIMENSION +AMOUNT +SRC");
    assertThat(lines).anyMatch(l -> l.matches("ionos +2026-11-01 +spend +spend +monthly fee +6\\.00 EUR +F"));
    assertThat(lines).anyMatch(l -> l.matches("vercel +2026-11-\\d\\d +usage +\\w+ +.* +\\d+(\\.\\d+)? \\w+ +[A-Z]"));
    assertThat(lines).anyMatch(l -> l.startsWith("SRC: ") && l.contains("F fixed"));
    assertThat(lines.get(lines.size() - 1)).matches("\\d+ figures from 2 accounts; nothing stored \\(dry run\\)");
    assertThat(lines).allMatch(l -> l.length() <= 80);
    assertThat(dir.resolve("history.db")).doesNotExist();
  }

  @Test
  void aWideTerminalSpellsTheProvenanceOut() {
    cli.env.put("COLUMNS", "200");

    List<String> lines = cli.run("collect", "--dry-run").out().lines().toList();

    assertThat(lines.get(0)).matches("ACCOUNT +DAY +KIND +METRIC +DIMENSION +AMOUNT +PROVENANCE");
    assertThat(lines).anyMatch(l -> l.matches("ionos +2026-11-01 +spend +spend +monthly fee +6\\.00 EUR +fixed"));
  }

  @Test
  void csvHasOneRecordPerFigureWithTheExactAmount() {
    CliHarness.Result r = cli.run("collect", "--dry-run", "--format", "csv");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("account,provider,day,kind,metric,dimension,value,unit,provenance,tags\r\n")
        .contains("\r\nionos,fixed,2026-11-01,spend,spend,monthly fee,6.00,EUR,fixed,\r\n")
        .doesNotContain("dry run");
    assertThat(dir.resolve("history.db")).doesNotExist();
  }

  @Test
  void jsonCarriesEachAccountsFiguresAsExactNumbers() throws Exception {
    CliHarness.Result r = cli.run("collect", "--dry-run", "--format", "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode root = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(r.out());
    JsonNode ionos = root.get("accounts").get(0);
    assertThat(ionos.get("account").asText()).isEqualTo("ionos");
    assertThat(ionos.get("status").asText()).isEqualTo("ok");
    JsonNode fee = ionos.get("figures").get(0);
    assertThat(fee.get("day").asText()).isEqualTo("2026-11-01");
    assertThat(fee.get("value").decimalValue()).isEqualByComparingTo(new BigDecimal("6.00"));
    assertThat(r.out()).contains("\"value\" : 6.00,"); // as the provider gave it, scale and all
    assertThat(fee.get("unit").asText()).isEqualTo("EUR");
    assertThat(fee.get("provenance").asText()).isEqualTo("fixed");
    assertThat(root.get("accounts").get(1).get("figures").size()).isPositive();
  }

  @Test
  void aFormatWithoutDryRunIsAUsageError() {
    CliHarness.Result r = cli.run("collect", "--format", "json");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("costmon: --format goes with --dry-run");
    assertThat(dir.resolve("history.db")).doesNotExist();
  }

  @Test
  void anUnknownFormatNamesTheChoices() {
    CliHarness.Result r = cli.run("collect", "--dry-run", "--format", "yaml");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("costmon: --format: unknown format 'yaml'; use table, json or csv");
  }
}
