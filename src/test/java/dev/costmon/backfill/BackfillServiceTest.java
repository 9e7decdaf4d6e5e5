package dev.costmon.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.provider.anthropic.AnthropicMonths;
import java.math.BigDecimal;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A backfill stopped after two months keeps them, and the same backfill again asks only for the rest. */
class BackfillServiceTest extends ProviderBackfillCase {
  final AnthropicMonths costs = new AnthropicMonths(true, 0);

  @Test
  void anInterruptedBackfillKeepsWhatItStoredAndTheSameCommandContinues() {
    fixture.route("/v1/organizations/cost_report", costs);
    fixture.route("/v1/organizations/usage_report/messages", new AnthropicMonths(false, 0));
    BackfillHarness backfill = backfill("claude", "anthropic", "    admin_key: ${KEY}\n",
        Map.of("KEY", "sk-ant-admin01-TEST"));
    BackfillPlan plan = backfill.plan("2026-01-01", "2026-04-10", OptionalInt.empty());
    AtomicInteger stored = new AtomicInteger();
    BackfillListener counting = new BackfillListener() {
      @Override
      public void window(AccountPlan account, WindowResult result) {
        if (result.status() == WindowResult.Status.STORED) {
          stored.incrementAndGet();
        }
      }
    };

    // Stopped (as by Ctrl-C) once two windows are stored: the windows of one account run one at a time.
    BackfillResult first = backfill.run(plan, () -> stored.get() >= 2, counting);

    assertThat(first.stopped()).isTrue();
    assertThat(BackfillHarness.statuses(first)).containsExactly(
        WindowResult.Status.STORED, WindowResult.Status.STORED, WindowResult.Status.STOPPED,
        WindowResult.Status.STOPPED);
    assertThat(spend(backfill, "2026-01-01", "2026-02-28")).isEqualByComparingTo("177.00");   // 49.60 + 127.40
    assertThat(spend(backfill, "2026-03-01", "2026-04-10")).isZero();
    int asked = costs.calls.get();

    BackfillResult second = backfill.run(plan);

    assertThat(second.stopped()).isFalse();
    assertThat(BackfillHarness.statuses(second)).containsExactly(
        WindowResult.Status.SKIPPED, WindowResult.Status.SKIPPED, WindowResult.Status.STORED,
        WindowResult.Status.STORED);
    assertThat(costs.calls.get() - asked).isEqualTo(5 + 2);   // March's pages and April's
    // Days 60..100 of the year at N x 10 cents.
    assertThat(spend(backfill, "2026-03-01", "2026-04-10")).isEqualByComparingTo("328.00");
    assertThat(spend(backfill, "2026-01-01", "2026-04-10")).isEqualByComparingTo("505.00");   // days 1..100
  }

  private static BigDecimal spend(BackfillHarness backfill, String from, String to) {
    return backfill.dailySpend("claude", from, to).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
