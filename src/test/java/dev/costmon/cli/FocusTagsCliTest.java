package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FOCUS {@code Tags} through the real command line: only the account's {@code tag_keys} are kept,
 * a kept key that is a label name labels its spend, rules match the others, totals stay exact.
 */
class FocusTagsCliTest {
  @TempDir Path dir;
  CliHarness cli;

  static final String EXPORT = """
      BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,ServiceProviderName,Tags
      1.50,USD,2026-11-20T00:00:00Z,Amazon S3,AWS,"{""team"": ""web"", ""user:cost-center"": ""9001"", ""owner"": ""alice""}"
      4.00,USD,2026-11-20T00:00:00Z,Amazon EC2,AWS,"{""team"": ""data"", ""user:cost-center"": ""4242""}"
      0.25,USD,2026-11-21T00:00:00Z,Amazon S3,AWS,"{""owner"": ""bob""}"
      2.00,USD,2026-11-21T00:00:00Z,Amazon EC2,AWS,{}
      """;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    cli.write("prom/.keep", "");
    cli.write("costmon.yaml", """
        currency: USD
        database: history.db
        textfile: prom/costmon.prom
        accounts:
          - id: aws
            provider: focus
            tag_keys: [team, "user:cost-center"]
        attribution:
          rules:
            - tags: {"user:cost-center": "42*"}
              labels: {team: finance}
        """);
    cli.write("export.csv", EXPORT);
  }

  @Test
  void keptTagsLabelTheirSpendAndRulesMatchTheOthers() throws Exception {
    CliHarness.Result imported = cli.run("import", "focus", "--account", "aws", "export.csv");
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    // A collect writes the .prom file; the focus account without a path reads no files.
    cli.run("collect");

    CliHarness.Result report = cli.run("report", "--by", "label:team", "--format", "json");

    assertThat(report.exitCode()).as(report.err()).isZero();
    Map<String, String> groups = report.spendByGroup();
    // The rule on cost-center 4242 beats the row's team=data; owner is not kept, so bob's row is untagged.
    assertThat(groups).containsExactlyInAnyOrderEntriesOf(Map.of(
        "finance", "4.00", "web", "1.50", "unattributed", "2.25"));
    assertThat(Files.readString(dir.resolve("prom/costmon.prom"))).contains("""
        costmon_attributed_spend_month_to_date{currency="USD",label="team",value="finance"} 4.0
        costmon_attributed_spend_month_to_date{currency="USD",label="team",value="unattributed"} 2.25
        costmon_attributed_spend_month_to_date{currency="USD",label="team",value="web"} 1.5
        """).contains("costmon_total_spend_month_to_date{currency=\"USD\"} 7.75");
    assertThat(cli.run("report", "--by", "service", "--format", "json").out())
        .contains("\"service\" : \"Amazon EC2\"").contains("\"amount\" : \"7.75\"");
  }
}
