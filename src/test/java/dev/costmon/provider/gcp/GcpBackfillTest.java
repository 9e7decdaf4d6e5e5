package dev.costmon.provider.gcp;

import static dev.costmon.backfill.BackfillHarness.assertSameAmounts;
import static dev.costmon.backfill.BackfillHarness.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.backfill.BackfillHarness;
import dev.costmon.backfill.BackfillResult;
import dev.costmon.backfill.ProviderBackfillCase;
import dev.costmon.backfill.WindowResult.Status;
import dev.costmon.provider.ProviderFixture;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code collect --from} of the GCP billing export: whatever the export holds, one token and one
 * query a month, each answer paged through jobs.getQueryResults, a 429 in the middle.
 */
class GcpBackfillTest extends ProviderBackfillCase {
  private static final String TABLE = "costmon-test.billing.gcp_billing_export_v1_01A2B3_C4D5E6_F7G8H9";

  @Test
  void monthsAreOneQueryEachFollowedThroughTheirPagesAndStoredOnce() {
    GcpMonths bigquery = new GcpMonths(3);
    fixture.route(GcpServer.TOKEN, ProviderFixture.json(GcpServer.gcp("token.json")));
    fixture.route(GcpServer.QUERIES, bigquery);
    BackfillHarness backfill = backfill("gcp", "gcp", """
            service_account_key: ${GCP_SA_KEY}
            table: %s
            token_uri: %s/token
        """.formatted(TABLE, fixture.base()), Map.of("GCP_SA_KEY", GcpServer.gcp("service_account_key.json")));

    BackfillResult result = backfill.run("2026-01-01", "2026-02-28");

    assertThat(statuses(result)).containsExactly(Status.STORED, Status.STORED);
    // January: the query's 20 rows, then the other 11; the throttled third request is asked again.
    assertThat(bigquery.asked).containsExactly("query 2026-01-01..2026-01-31", "results from 2026-01-21",
        "query 2026-02-01..2026-02-28", "results from 2026-02-21");
    assertThat(bigquery.calls).hasValue(5);
    assertThat(fixture.requests.stream().filter(r -> r.startsWith("POST /token")).count()).isEqualTo(2);
    assertSameAmounts(backfill.dailySpend("gcp", "2026-01-01", "2026-02-28"),
        expected(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 1), GcpMonths::usd));

    backfill.assertRerunChangesNothing("gcp", "2026-01-01", "2026-02-28", bigquery.calls::get);
  }
}
