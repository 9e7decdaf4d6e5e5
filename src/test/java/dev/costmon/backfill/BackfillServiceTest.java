package dev.costmon.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.config.ConfigLoader;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.Environment;
import dev.costmon.provider.ProviderFixture;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.provider.anthropic.AnthropicMonths;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.StoredObservation;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backfill stopped after two months keeps them, and the same backfill again asks only for the rest. */
class BackfillServiceTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-10T07:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  final ProviderFixture anthropic = new ProviderFixture();
  final AnthropicMonths costs = new AnthropicMonths(true, 0);

  @AfterEach
  void tearDown() {
    anthropic.close();
  }

  @Test
  void anInterruptedBackfillKeepsWhatItStoredAndTheSameCommandContinues() throws Exception {
    anthropic.route("/v1/organizations/cost_report", costs);
    anthropic.route("/v1/organizations/usage_report/messages", new AnthropicMonths(false, 0));
    CostmonConfig config = config();
    BackfillPlan plan = BackfillPlan.of(config.accounts(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 10),
        CLOCK.instant(), ZoneOffset.UTC, config.lookbackDays(), OptionalInt.empty());
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
    BackfillResult first = new BackfillService(config, CLOCK, line -> { }).run(plan, false, () -> stored.get() >= 2,
        counting);

    assertThat(first.stopped()).isTrue();
    assertThat(first.accounts().get(0).windows()).extracting(WindowResult::status).containsExactly(
        WindowResult.Status.STORED, WindowResult.Status.STORED, WindowResult.Status.STOPPED,
        WindowResult.Status.STOPPED);
    assertThat(spend(config, "2026-01-01", "2026-02-28")).isEqualByComparingTo("177.00");   // 49.60 + 127.40
    assertThat(spend(config, "2026-03-01", "2026-04-10")).isZero();
    int asked = costs.calls.get();

    BackfillResult second = new BackfillService(config, CLOCK, line -> { }).run(plan, false, () -> false,
        BackfillListener.NONE);

    assertThat(second.stopped()).isFalse();
    assertThat(second.accounts().get(0).windows()).extracting(WindowResult::status).containsExactly(
        WindowResult.Status.SKIPPED, WindowResult.Status.SKIPPED, WindowResult.Status.STORED,
        WindowResult.Status.STORED);
    assertThat(costs.calls.get() - asked).isEqualTo(5 + 2);   // March's pages and April's
    // Days 60..100 of the year at N x 10 cents.
    assertThat(spend(config, "2026-03-01", "2026-04-10")).isEqualByComparingTo("328.00");
    assertThat(spend(config, "2026-01-01", "2026-04-10")).isEqualByComparingTo("505.00");   // days 1..100
  }

  private BigDecimal spend(CostmonConfig config, String from, String to) {
    try (Database db = Database.open(config.database(), false)) {
      List<StoredObservation> all = new History(db).latest(LocalDate.parse(from), LocalDate.parse(to));
      return all.stream().filter(o -> o.observation().kind() == dev.costmon.model.ObservationKind.SPEND)
          .map(o -> o.observation().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
  }

  private CostmonConfig config() throws Exception {
    Path file = Files.writeString(dir.resolve("costmon.yaml"), """
        currency: USD
        database: history.db
        accounts:
          - id: claude
            provider: anthropic
            endpoint: %s
            admin_key: ${KEY}
        """.formatted(anthropic.base()));
    Environment env = new Environment(Map.of("KEY", "sk-ant-admin01-TEST", "HOME", dir.toString()), dir, dir, false);
    return new ConfigLoader(ProviderRegistry.builtIn(), env).load(file);
  }
}
