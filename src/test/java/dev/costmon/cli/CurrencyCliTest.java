package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A missing conversion rate is caught as early as it can be known: when the config loads for a
 * currency a provider declares, else by the collect that first sees it in an answer; never later by
 * report, check or export.
 */
class CurrencyCliTest {
  @TempDir Path dir;
  private CliHarness cli;
  private String config;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    cli.env.put("HCLOUD_TOKEN", "hcloud-test-token");
    config = dir.resolve("costmon.yaml").toString();
  }

  @Test
  void aHetznerAccountInAUsdConfigWithoutAnEuroRateIsAConfigErrorNamingTheRate() {
    cli.write("costmon.yaml", """
        currency: USD
        accounts:
          - id: cloud
            provider: hetzner
            token: ${HCLOUD_TOKEN}
        """);

    for (String command : new String[] {"collect", "report", "check", "export"}) {
      CliHarness.Result r = cli.run(command, "-c", config);
      // check keeps the monitoring-plugin convention: a config it cannot use is UNKNOWN.
      assertThat(r.exitCode()).as(command).isEqualTo(command.equals("check") ? 3 : 78);
      assertThat(r.err()).as(command).contains(config + ":3:5: account 'cloud': no conversion rate for EUR"
          + " into USD; add it under fx:, e.g. fx: {EUR: 1.08}");
    }
  }

  @Test
  void aHetznerAccountInAnEuroConfigNeedsNoRate() {
    cli.write("costmon.yaml", """
        currency: EUR
        accounts:
          - id: cloud
            provider: hetzner
            token: ${HCLOUD_TOKEN}
            prices: gross
        """);

    CliHarness.Result r = cli.run("config", "show", "-c", config);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("currency: EUR").contains("prices: gross");
  }

  @Test
  void anAnswerInACurrencyWithoutARateFailsThatAccountAtCollectAndStoresNothing() {
    cli.write("pounds.txt", "spend 12.50 GBP hosting\n");
    cli.write("dollars.txt", "spend 3 USD api\n");
    cli.write("costmon.yaml", """
        currency: USD
        database: history.db
        accounts:
          - id: uk-host
            provider: command
            command: [cat, POUNDS]
          - id: api
            provider: command
            command: [cat, DOLLARS]
        """.replace("POUNDS", dir.resolve("pounds.txt").toString())
        .replace("DOLLARS", dir.resolve("dollars.txt").toString()));

    CliHarness.Result collect = cli.run("collect", "-c", config);

    assertThat(collect.exitCode()).isEqualTo(1);
    assertThat(collect.err()).contains("uk-host").contains("answered in GBP, but no conversion rate for GBP into USD;"
        + " add it under fx:, e.g. fx: {GBP: 1.08}");
    assertThat(collect.err().lines().filter(l -> l.contains("GBP"))).hasSize(1);
    // The other account is stored; report and export work and do not discover the rate again.
    CliHarness.Result report = cli.run("report", "-c", config, "--format", "csv");
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.out()).contains("account,2026-11,,api,command,,USD,3,").doesNotContain("GBP");
    assertThat(cli.run("export", "-c", config, "--format", "csv", "--output", "-").exitCode()).isZero();
  }
}
