package dev.costmon.provider.cloudflare;

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
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * {@code collect --from} of Cloudflare: analytics keep 31 days (R2's retention, the shortest), so
 * the backfill goes back that far and says so; billable usage is asked per billing period (the
 * range must hold the anchor day, the 15th), a 429 in the middle.
 */
class CloudflareBackfillTest extends ProviderBackfillCase {
  static final String EMPTY_SUBSCRIPTIONS = "{\"success\": true, \"errors\": [], \"messages\": [], \"result\": [],"
      + " \"result_info\": {\"page\": 1, \"per_page\": 50, \"count\": 0, \"total_count\": 0, \"total_pages\": 1}}";
  static final String EMPTY_ANALYTICS = "{\"data\": {\"viewer\": {\"accounts\": [{\"workersInvocationsAdaptive\": [],"
      + " \"pagesFunctionsInvocationsAdaptiveGroups\": [], \"r2OperationsAdaptiveGroups\": [],"
      + " \"r2StorageAdaptiveGroups\": []}]}}, \"errors\": null}";

  @Test
  void theLast31DaysAreAskedByBillingPeriodAndStoredOnce() {
    CloudflareServer server = new CloudflareServer(fixture);
    server.info(ProviderFixture.json(ProviderFixture.resource("provider/cloudflare/billable_usage_info.json")));
    CloudflareMonths usage = new CloudflareMonths(server, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 5, 1), 2);
    server.usage(usage);
    server.subscriptions(ProviderFixture.json(EMPTY_SUBSCRIPTIONS));
    server.graphql(ProviderFixture.json(EMPTY_ANALYTICS));
    BackfillHarness backfill = backfill("cf", "cloudflare", """
            token: ${CF_TOKEN}
            account_id: %s
        """.formatted(CloudflareServer.ACCOUNT), Map.of("CF_TOKEN", "cf-TESTbackfill"));

    assertThat(backfill.plan("2026-01-01", "2026-04-10", OptionalInt.empty()).accounts().get(0).shortfall())
        .hasValue("cf: analytics only cover the last 31 days; backfilled from 2026-03-11");
    BackfillResult result = backfill.run("2026-01-01", "2026-04-10");

    assertThat(statuses(result)).containsExactly(Status.STORED, Status.STORED);
    // March 11-31 lies in the periods starting February 15 and March 15 (each asked from its anchor
    // day, to the window's end at most); April 1-10 in the second. The throttled second is asked again.
    assertThat(usage.asked).containsExactly("2026-02-15..2026-03-14", "2026-03-15..2026-03-31",
        "2026-03-15..2026-04-10");
    assertThat(usage.calls).hasValue(4);
    assertThat(server.graphqlBodies).hasSize(2);
    assertThat(server.graphqlBodies.get(0)).contains("\"from\":\"2026-03-11\"", "\"to\":\"2026-03-31\"");
    assertThat(server.graphqlBodies.get(1)).contains("\"from\":\"2026-04-01\"", "\"to\":\"2026-04-10\"");
    assertSameAmounts(backfill.dailySpend("cf", "2026-01-01", "2026-04-10"),
        expected(LocalDate.of(2026, 3, 11), LocalDate.of(2026, 4, 11), CloudflareMonths::usd));

    backfill.assertRerunChangesNothing("cf", "2026-01-01", "2026-04-10", usage.calls::get);
  }
}
