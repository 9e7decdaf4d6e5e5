package dev.costmon.provider.aws;

import static dev.costmon.backfill.BackfillHarness.assertSameAmounts;
import static dev.costmon.backfill.BackfillHarness.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.backfill.AccountPlan;
import dev.costmon.backfill.BackfillHarness;
import dev.costmon.backfill.BackfillPlan;
import dev.costmon.backfill.BackfillResult;
import dev.costmon.backfill.ProviderBackfillCase;
import dev.costmon.backfill.PlanText;
import dev.costmon.backfill.WindowResult.Status;
import dev.costmon.provider.ProviderMonths;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * {@code collect --from} of AWS Cost Explorer, a paid API: three months in pages of ten days with a
 * throttled request in the middle, the request count planned before anything is asked, and the
 * account's request budget never exceeded however many pages the answers turn out to have.
 */
class AwsBackfillTest extends ProviderBackfillCase {
  private static final Map<String, String> ENV = Map.of("AWS_KEY", "AKIATESTBACKFILL0000", "AWS_SECRET", "s3cr3t");

  private BackfillHarness harness(AwsMonths ce, int maxRequests) {
    fixture.route("/", ce);
    return backfill("aws", "aws", """
            access_key_id: ${AWS_KEY}
            secret_access_key: ${AWS_SECRET}
            max_requests: %d
        """.formatted(maxRequests), ENV);
  }

  @Test
  void threeMonthsArePagedWithinTheBudgetAndStoredAsHandComputedOnce() {
    AwsMonths ce = new AwsMonths(5);
    BackfillHarness backfill = harness(ce, 14);
    BackfillPlan plan = backfill.plan("2026-01-01", "2026-03-31", OptionalInt.empty());

    // What the user sees before the first request: windows without paging, and the hard bound.
    AccountPlan aws = plan.accounts().get(0);
    assertThat(PlanText.cost(aws)).isEqualTo(
        "aws: about 3 requests (0.03 USD), within 14 allowed (max_requests or --max-requests)");
    assertThat(ce.calls).hasValue(0);

    BackfillResult result = backfill.run(plan);

    assertThat(statuses(result)).containsExactly(Status.STORED, Status.STORED, Status.STORED);
    // 31, 28 and 31 days in pages of ten: 4 + 3 + 4 billed pages, each following NextPageToken;
    // the throttled fifth request is asked again.
    assertThat(ce.asked).containsExactly("2026-01-01..2026-02-01", "2026-01-11..2026-02-01",
        "2026-01-21..2026-02-01", "2026-01-31..2026-02-01", "2026-02-01..2026-03-01", "2026-02-11..2026-03-01",
        "2026-02-21..2026-03-01", "2026-03-01..2026-04-01", "2026-03-11..2026-04-01", "2026-03-21..2026-04-01",
        "2026-03-31..2026-04-01");
    assertThat(ce.calls).hasValue(11 + 1);
    assertThat(result.accounts().get(0).requests()).isEqualTo(11).isLessThanOrEqualTo(aws.budget());
    assertSameAmounts(backfill.dailySpend("aws", "2026-01-01", "2026-03-31"),
        expected(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 1), AwsMonths::usd));
    assertThat(backfill.dailySpend("aws", "2026-02-01", "2026-02-28").values().stream()
        .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("507.78");   // 1.25 x 406 + 0.01 x 28

    backfill.assertRerunChangesNothing("aws", "2026-01-01", "2026-03-31", ce.calls::get);
  }

  @Test
  void pagesBeyondTheBudgetAreNeverAskedAndTheMonthsBeforeStayStored() {
    AwsMonths ce = new AwsMonths(0);
    BackfillHarness backfill = harness(ce, 8);

    BackfillResult result = backfill.run("2026-01-01", "2026-03-31");

    // January's 4 pages and February's 3 fit in 8; March gets its first page, its second would be
    // the ninth billed request and is refused before it is sent.
    assertThat(statuses(result)).containsExactly(Status.STORED, Status.STORED, Status.FAILED);
    assertThat(result.accounts().get(0).windows().get(2).error()).contains("the backfill used its 8 requests");
    assertThat(ce.calls).hasValue(8);
    assertThat(backfill.dailySpend("aws", "2026-01-01", "2026-03-31")).containsOnlyKeys(
        ProviderMonths.days(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 1)));
  }
}
