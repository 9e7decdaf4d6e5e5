package dev.costmon.provider.vercel;

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
 * {@code collect --from} of Vercel's FOCUS charges: any past month, one request a month (the API
 * allows a year, a window is a month so an interrupted backfill resumes by month), billing days in
 * Los Angeles time, a 429 with Retry-After in the middle.
 */
class VercelBackfillTest extends ProviderBackfillCase {
  @Test
  void monthsAreAskedOneRequestEachInPacificDaysAndStoredAsHandComputedOnce() {
    VercelMonths charges = new VercelMonths(2);
    fixture.route("/v1/billing/charges", charges);
    BackfillHarness backfill = backfill("vercel", "vercel", """
            token: ${VERCEL_TOKEN}
            plan: pro
        """, Map.of("VERCEL_TOKEN", "vcp_TESTbackfill"));

    BackfillResult result = backfill.run("2025-11-01", "2026-01-31");

    assertThat(statuses(result)).containsExactly(Status.STORED, Status.STORED, Status.STORED);
    // The throttled second request is asked again after its Retry-After.
    assertThat(charges.asked).containsExactly("2025-11-01..2025-12-01", "2025-12-01..2026-01-01",
        "2026-01-01..2026-02-01");
    assertThat(charges.calls).hasValue(4);
    assertThat(fixture.requests.get(0)).contains("from=2025-11-01T07%3A00%3A00Z", "to=2025-12-01T08%3A00%3A00Z");
    assertSameAmounts(backfill.dailySpend("vercel", "2025-11-01", "2026-01-31"),
        expected(LocalDate.of(2025, 11, 1), LocalDate.of(2026, 2, 1), VercelMonths::usd));

    backfill.assertRerunChangesNothing("vercel", "2025-11-01", "2026-01-31", charges.calls::get);
  }
}
