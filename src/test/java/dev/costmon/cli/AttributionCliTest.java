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

/** Attribution through the real command line: config, collect, report by label, the .prom file. */
class AttributionCliTest {
  @TempDir Path dir;
  CliHarness cli;

  static final String CONFIG = CollectReportCheckTest.CONFIG + """
      attribution:
        top: 1
        rules:
          - account: "o*"
            labels: {team: infra}
          - provider: fixed
            service: "*"
            labels: {env: prod}
      """;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    cli.env.put("COLUMNS", "200"); // tables in full: the tests read their columns
    cli.write("costmon.yaml", CONFIG);
    cli.write("prom/.keep", "");
  }

  @Test
  void promFileHasTheTopValuesPerLabelThenUnattributedAndOther() throws Exception {
    assertThat(cli.run("collect").exitCode()).isZero();

    // ovh 230 EUR by rule, ionos 6 EUR by its own label (beyond top 1), claude 200 USD at 0.5 without a team.
    assertThat(Files.readString(dir.resolve("prom/costmon.prom")))
        .contains("""
            costmon_attributed_spend_month_to_date{currency="EUR",label="env",value="prod"} 336.0
            costmon_attributed_spend_month_to_date{currency="EUR",label="team",value="infra"} 230.0
            costmon_attributed_spend_month_to_date{currency="EUR",label="team",value="other"} 6.0
            costmon_attributed_spend_month_to_date{currency="EUR",label="team",value="unattributed"} 100.0
            """)
        .contains("costmon_total_spend_month_to_date{currency=\"EUR\"} 336.0");
  }

  @Test
  void everyReportFormatAddsUpToTheTotal() throws Exception {
    cli.run("collect");

    CliHarness.Result json = cli.run("report", "--by", "label:team", "--format", "json");
    assertThat(json.exitCode()).isZero();
    JsonNode root = new ObjectMapper().readTree(json.out());
    BigDecimal sum = BigDecimal.ZERO;
    StringBuilder groups = new StringBuilder();
    for (JsonNode group : root.get("groups")) {
      sum = sum.add(new BigDecimal(group.get("spend").get("amount").asText()));
      groups.append(group.get("key").asText()).append(' ');
    }
    assertThat(groups.toString()).isEqualTo("infra web unattributed ");
    assertThat(sum).isEqualByComparingTo(root.get("totals").get("spend").get("amount").asText())
        .isEqualByComparingTo("336");

    CliHarness.Result csv = cli.run("report", "--by", "label:team", "--format", "csv");
    BigDecimal subtotals = csv.out().lines().filter(l -> l.startsWith("subtotal,"))
        .map(l -> new BigDecimal(l.split(",", -1)[10])).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(subtotals).isEqualByComparingTo("336");
    assertThat(csv.out()).containsPattern("\ntotal,2026-11,,,,,,,,EUR,336(\\.0+)?,");

    for (String format : new String[] {"table", "markdown"}) {
      CliHarness.Result r = cli.run("report", "--by", "label:team", "--format", format);
      assertThat(r.exitCode()).isZero();
      assertThat(r.out()).containsPattern("subtotal team=infra[ |]+230\\.00 ")
          .containsPattern("subtotal team=web[ |]+6\\.00 ")
          .containsPattern("subtotal team=unattributed[ |]+100\\.00 ")
          .containsPattern("TOTAL[ |]+336\\.00 ");
    }
  }

  @Test
  void configShowListsTheRules() {
    CliHarness.Result r = cli.run("config", "show", "--format", "json");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out().replaceAll("\\s+", "")).contains("\"attribution\":{\"top\":1,\"rules\":["
        + "{\"account\":\"o*\",\"labels\":{\"team\":\"infra\"}},"
        + "{\"provider\":\"fixed\",\"service\":\"*\",\"labels\":{\"env\":\"prod\"}}]}");
  }

  @Test
  void aRuleMistakeIsAConfigErrorAtItsLine() {
    cli.write("costmon.yaml", CONFIG.replace("account: \"o*\"", "acount: \"o*\""));

    CliHarness.Result r = cli.run("report");

    assertThat(r.exitCode()).isEqualTo(78);
    assertThat(r.err()).contains("costmon.yaml:26:7: attribution rule 1: unknown key 'acount' (did you mean 'account'?)");
  }

  @Test
  void aLabelNoAccountHasIsAUsageErrorNamingTheLabelsThereAre() {
    cli.run("collect");

    CliHarness.Result r = cli.run("report", "--by", "label:tema");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("costmon: --by label:tema: no account has the label 'tema' (labels: env, team)\n");
    assertThat(r.out()).isEmpty();
  }
}
