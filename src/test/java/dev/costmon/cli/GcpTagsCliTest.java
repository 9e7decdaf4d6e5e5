package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.provider.ProviderFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gcp account through the real command line against a loopback Google: figures split by project
 * and labels, attribution rules on them, the .prom breakdown, and reprocess from the archived
 * BigQuery answers alone (the token exchange is never archived, and not needed to replay).
 */
class GcpTagsCliTest {
  private static final String ACCESS_TOKEN = "ya29.c.c0ASRK0GaTESTaccessTOKENvalue_0123456789-abcdefghijklmnop";
  private static final String QUERIES = "/bigquery/v2/projects/costmon-test/queries";

  @TempDir Path dir;
  CliHarness cli;
  ProviderFixture google;

  @BeforeEach
  void setUp() {
    google = new ProviderFixture();
    google.route("/token", ProviderFixture.json(ProviderFixture.resource("provider/gcp/token.json")));
    google.route(QUERIES, ProviderFixture.json(ProviderFixture.resource("provider/gcp/results_tagged.json")));
    cli = new CliHarness(dir);
    cli.env.put("GCP_SA_KEY", ProviderFixture.resource("provider/gcp/service_account_key.json"));
    cli.write("prom/.keep", "");
    cli.write("costmon.yaml", """
        currency: USD
        database: history.db
        textfile: prom/costmon.prom
        accounts:
          - id: gcp
            provider: gcp
            endpoint: %1$s
            token_uri: %1$s/token
            service_account_key: ${GCP_SA_KEY}
            table: costmon-test.billing.gcp_billing_export_resource_v1_01A2B3_C4D5E6_F7G8H9
            label_keys: [team, cost-center]
            labels: {team: platform}
        attribution:
          rules:
            - tags: {cost-center: "42*"}
              labels: {team: finance}
            - tags: {project: analytics}
              labels: {team: data}
        """.formatted(google.base()));
  }

  @AfterEach
  void tearDown() {
    google.close();
  }

  @Test
  void rulesOnProjectAndLabelsThenLabelTagsThenTheAccountsLabelSplitTheSpendExactly() throws Exception {
    CliHarness.Result collect = cli.run("collect");
    assertThat(collect.exitCode()).as(collect.err()).isZero();

    CliHarness.Result report = cli.run("report", "--by", "label:team", "--format", "json");

    assertThat(report.exitCode()).as(report.err()).isZero();
    Map<String, String> groups = report.spendByGroup();
    // web by its team label, finance by a rule on cost-center (beating team=data), data by a rule on the
    // project, platform (untagged Compute Engine and Support) by the account's label.
    assertThat(groups).containsExactlyInAnyOrderEntriesOf(Map.of(
        "platform", "30.25", "web", "3.0", "finance", "2", "data", "0.75"));
    assertThat(Files.readString(dir.resolve("prom/costmon.prom"))).contains("""
        costmon_attributed_spend_month_to_date{currency="USD",label="team",value="data"} 0.75
        costmon_attributed_spend_month_to_date{currency="USD",label="team",value="finance"} 2.0
        costmon_attributed_spend_month_to_date{currency="USD",label="team",value="platform"} 30.25
        costmon_attributed_spend_month_to_date{currency="USD",label="team",value="web"} 3.0
        """).contains("""
        costmon_attributed_spend_month_to_date{currency="USD",label="project",value="analytics"} 0.75
        costmon_attributed_spend_month_to_date{currency="USD",label="project",value="shop-prod"} 6.25
        costmon_attributed_spend_month_to_date{currency="USD",label="project",value="unattributed"} 29.0
        """).contains("costmon_total_spend_month_to_date{currency=\"USD\"} 36.0");
  }

  @Test
  void reprocessReplaysTheArchivedBigQueryAnswersWithoutATokenExchange() {
    assertThat(cli.run("collect").exitCode()).isZero();
    String before = cli.run("report", "--by", "label:team", "--format", "csv").out();
    CliHarness.Result raw = cli.run("raw", "list", "--account", "gcp");
    int requests = google.requests.size();
    // Google is gone: a token exchange or a query would now fail.
    google.route("/token", ProviderFixture.respond(503, "text/plain", "down"));
    google.route(QUERIES, ProviderFixture.respond(503, "text/plain", "down"));

    CliHarness.Result reprocess = cli.run("reprocess", "--account", "gcp");

    assertThat(reprocess.exitCode()).as(reprocess.err()).isZero();
    assertThat(reprocess.out()).startsWith("gcp").contains("1 runs replayed");
    assertThat(google.requests).hasSize(requests);
    assertThat(raw.out()).contains(QUERIES).doesNotContain("/token");
    assertThat(cli.run("report", "--by", "label:team", "--format", "csv").out()).isEqualTo(before);
    assertThat(String.join("\n", raw.out(), cli.run("raw", "show", "1").out(), reprocess.out(), reprocess.err()))
        .doesNotContain(ACCESS_TOKEN);
  }

  @Test
  void collectThenReprocessAtRealTimeFindsTheArchivedQuery() {
    // Time passes as it does for real (sub-millisecond, between reads), from a fixed date so the
    // archived rows stay inside the window: the BigQuery requestId built at collect time must be
    // built again identically on replay.
    Instant base = Instant.parse("2026-11-23T07:00:00.000123456Z");
    long started = System.nanoTime();
    cli.clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return base.plusNanos(System.nanoTime() - started);
      }
    };
    assertThat(cli.run("collect").exitCode()).isZero();
    String before = cli.run("report", "--by", "label:team", "--format", "csv").out();

    CliHarness.Result reprocess = cli.run("reprocess", "--account", "gcp");

    assertThat(reprocess.exitCode()).as(reprocess.err()).isZero();
    assertThat(reprocess.out()).startsWith("gcp").contains("1 runs replayed");
    assertThat(cli.run("report", "--by", "label:team", "--format", "csv").out()).isEqualTo(before);
  }
}
