package dev.costmon.provider.digitalocean;

import static dev.costmon.backfill.BackfillHarness.assertSameAmounts;
import static dev.costmon.backfill.BackfillHarness.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.backfill.BackfillHarness;
import dev.costmon.backfill.BackfillResult;
import dev.costmon.backfill.ProviderBackfillCase;
import dev.costmon.backfill.WindowResult.Status;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * {@code collect --from} of DigitalOcean: invoices of any past month, followed through two pages of
 * the invoice list, each month's invoice total on its first day and explicit zeros after it, and
 * never the current month's preview items for a past month.
 */
class DigitalOceanBackfillTest extends ProviderBackfillCase {
  @Test
  void pastMonthsAreTheirInvoicesFromThePagedListStoredOnce() {
    DigitalOceanMonths billing = new DigitalOceanMonths(2, "2026-04-10T06:40:12Z");
    fixture.route("/v2/customers/my", billing);
    BackfillHarness backfill = backfill("droplets", "digitalocean", """
            token: ${DIGITALOCEAN_TOKEN}
        """, Map.of("DIGITALOCEAN_TOKEN", "dop_v1_TESTbackfill"));

    BackfillResult result = backfill.run("2024-01-01", "2024-02-29");

    assertThat(statuses(result)).containsExactly(Status.STORED, Status.STORED);
    // Newest first, 20 a page: March 2026 .. August 2024, then the page that reaches back past the
    // window's month, then the window month's invoice items; never the balance, which is today's.
    // The throttled second request (the second page) is asked again.
    assertThat(billing.asked).containsExactly("invoices", "invoices page 2", "inv-2024-01",
        "invoices", "invoices page 2", "inv-2024-02");
    assertThat(billing.calls).hasValue(7);
    SortedMap<LocalDate, BigDecimal> expected = expected(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 1),
        d -> d.getDayOfMonth() == 1 ? DigitalOceanMonths.usd(YearMonth.from(d)) : BigDecimal.ZERO);
    assertSameAmounts(backfill.dailySpend("droplets", "2024-01-01", "2024-02-29"), expected);
    assertThat(expected.get(LocalDate.of(2024, 2, 1))).isEqualByComparingTo("20.02");

    backfill.assertRerunChangesNothing("droplets", "2024-01-01", "2024-02-29", billing.calls::get);
  }
}
