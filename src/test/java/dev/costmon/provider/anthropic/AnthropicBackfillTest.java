package dev.costmon.provider.anthropic;

import static dev.costmon.backfill.BackfillHarness.assertSameAmounts;
import static dev.costmon.backfill.BackfillHarness.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.backfill.BackfillHarness;
import dev.costmon.backfill.BackfillResult;
import dev.costmon.backfill.ProviderBackfillCase;
import dev.costmon.backfill.WindowResult.Status;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code collect --from} of Anthropic's Admin API: any past month, a cost and a usage report a
 * month (at most 31 daily buckets a request), pages of seven buckets, a 429 in the middle.
 */
class AnthropicBackfillTest extends ProviderBackfillCase {
  @Test
  void monthsArePagedAndStoredAsHandComputedOnce() {
    AnthropicMonths costs = new AnthropicMonths(true, 3);
    AnthropicMonths usage = new AnthropicMonths(false, 0);
    fixture.route("/v1/organizations/cost_report", costs);
    fixture.route("/v1/organizations/usage_report/messages", usage);
    BackfillHarness backfill = backfill("claude", "anthropic", """
            admin_key: ${KEY}
        """, Map.of("KEY", "sk-ant-admin01-TEST"));

    BackfillResult result = backfill.run("2026-01-01", "2026-02-28");

    assertThat(statuses(result)).containsExactly(Status.STORED, Status.STORED);
    // 31 and 28 days in pages of seven: 5 + 4 pages; the throttled third is asked again.
    assertThat(costs.asked).containsExactly("2026-01-01..2026-02-01", "2026-01-08..2026-02-01",
        "2026-01-15..2026-02-01", "2026-01-22..2026-02-01", "2026-01-29..2026-02-01", "2026-02-01..2026-03-01",
        "2026-02-08..2026-03-01", "2026-02-15..2026-03-01", "2026-02-22..2026-03-01");
    assertThat(costs.calls).hasValue(10);
    assertThat(usage.calls).hasValue(9);
    assertSameAmounts(backfill.dailySpend("claude", "2026-01-01", "2026-02-28"),
        expected(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 1), AnthropicMonths::usd));

    backfill.assertRerunChangesNothing("claude", "2026-01-01", "2026-02-28", () -> costs.calls.get() + usage.calls.get());
  }
}
