package dev.costmon.provider.openai;

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
 * {@code collect --from} of OpenAI's organization costs: any past month, a costs and a usage request
 * a month, pages of ten daily buckets, a 429 in the middle.
 */
class OpenAiBackfillTest extends ProviderBackfillCase {
  @Test
  void monthsArePagedAndStoredAsHandComputedOnce() {
    OpenAiMonths costs = new OpenAiMonths(true, 2);
    OpenAiMonths usage = new OpenAiMonths(false, 0);
    fixture.route("/v1/organization/costs", costs);
    fixture.route("/v1/organization/usage/completions", usage);
    BackfillHarness backfill = backfill("openai", "openai", """
            admin_key: ${KEY}
        """, Map.of("KEY", "sk-admin-TEST"));

    BackfillResult result = backfill.run("2025-12-01", "2026-01-31");

    assertThat(statuses(result)).containsExactly(Status.STORED, Status.STORED);
    assertThat(costs.asked).containsExactly("2025-12-01..2026-01-01", "2025-12-11..2026-01-01",
        "2025-12-21..2026-01-01", "2025-12-31..2026-01-01", "2026-01-01..2026-02-01", "2026-01-11..2026-02-01",
        "2026-01-21..2026-02-01", "2026-01-31..2026-02-01");
    assertThat(costs.calls).hasValue(9);
    assertSameAmounts(backfill.dailySpend("openai", "2025-12-01", "2026-01-31"),
        expected(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 2, 1), OpenAiMonths::usd));

    backfill.assertRerunChangesNothing("openai", "2025-12-01", "2026-01-31", () -> costs.calls.get() + usage.calls.get());
  }
}
