package dev.costmon.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.collect.Tasks;
import dev.costmon.provider.anthropic.AnthropicMonths;
import dev.costmon.store.Database;
import dev.costmon.store.StoreException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A backfill stopped midway keeps whole windows, the same backfill again asks only for the rest, and
 * storing a window never holds up the requests of the next.
 */
class BackfillServiceTest extends ProviderBackfillCase {
  final AnthropicMonths costs = new AnthropicMonths(true, 0);
  final AnthropicMonths usage = new AnthropicMonths(false, 0);

  @Test
  void anInterruptedBackfillKeepsWhatItStoredAndTheSameCommandContinues() {
    BackfillHarness backfill = anthropic();
    fixture.route("/v1/organizations/cost_report", costs);
    BackfillPlan plan = backfill.plan("2026-01-01", "2026-04-10", OptionalInt.empty());

    // Stopped (as by Ctrl-C) once March is asked: February may still be waiting for the writer and
    // March is under way; both end whole and stored, April is never asked.
    BackfillResult first = backfill.run(plan, () -> costs.asked.stream().anyMatch(a -> a.startsWith("2026-03-01")),
        BackfillListener.NONE);

    assertThat(first.stopped()).isTrue();
    assertThat(BackfillHarness.statuses(first)).containsExactly(
        WindowResult.Status.STORED, WindowResult.Status.STORED, WindowResult.Status.STORED,
        WindowResult.Status.STOPPED);
    assertThat(spend(backfill, "2026-01-01", "2026-03-31")).isEqualByComparingTo("409.50");   // days 1..90
    assertThat(spend(backfill, "2026-04-01", "2026-04-10")).isZero();
    assertThat(costs.asked).noneMatch(a -> a.startsWith("2026-04"));
    int asked = costs.calls.get();

    BackfillResult second = backfill.run(plan);

    assertThat(second.stopped()).isFalse();
    assertThat(BackfillHarness.statuses(second)).containsExactly(
        WindowResult.Status.SKIPPED, WindowResult.Status.SKIPPED, WindowResult.Status.SKIPPED,
        WindowResult.Status.STORED);
    assertThat(costs.calls.get() - asked).isEqualTo(2);   // April's two pages
    assertThat(spend(backfill, "2026-04-01", "2026-04-10")).isEqualByComparingTo("95.50");   // days 91..100
    assertThat(spend(backfill, "2026-01-01", "2026-04-10")).isEqualByComparingTo("505.00");
  }

  /**
   * Another process takes the database's write lock at January's first request: January's answers
   * wait for it to be stored, February is asked meanwhile, and once the lock is gone all is stored.
   */
  @Test
  void storingAWindowDoesNotHoldUpTheNextWindowsRequests() throws Exception {
    BackfillHarness backfill = anthropic();
    try (Database db = Database.open(backfill.config().database(), true);
        WriteLock lock = new WriteLock(db.path())) {
      AtomicBoolean februaryAskedWhileLocked = new AtomicBoolean();
      fixture.route("/v1/organizations/cost_report", exchange -> {
        String query = exchange.getRequestURI().getQuery();
        if (query.contains("starting_at=2026-01-01") && !query.contains("page=")) {
          lock.take();
          // One window at a time, February would wait for the lock: stop waiting long before the busy timeout.
          lock.dropAfter(3);
        } else if (query.contains("starting_at=2026-02-01") && !query.contains("page=") && lock.held()) {
          februaryAskedWhileLocked.set(true);
          lock.drop();
        }
        costs.handle(exchange);
      });

      BackfillResult result = backfill.run("2026-01-01", "2026-03-31");

      assertThat(februaryAskedWhileLocked).as("February asked while January waited for the database").isTrue();
      assertThat(BackfillHarness.statuses(result)).containsExactly(
          WindowResult.Status.STORED, WindowResult.Status.STORED, WindowResult.Status.STORED);
      assertThat(spend(backfill, "2026-01-01", "2026-03-31")).isEqualByComparingTo("409.50");
    }
  }

  @Test
  void aDatabaseThatCannotBeOpenedAsksNothing() throws Exception {
    BackfillHarness backfill = anthropic();
    fixture.route("/v1/organizations/cost_report", costs);
    Files.writeString(backfill.config().database(), "notes, not a database\n");

    assertThatThrownBy(() -> backfill.run("2026-01-01", "2026-03-31"))
        .isInstanceOf(StoreException.class).hasMessageContaining("is not a costmon database");
    assertThat(fixture.requests).isEmpty();
  }

  /** One Anthropic account; the test routes its cost report. */
  private BackfillHarness anthropic() {
    fixture.route("/v1/organizations/usage_report/messages", usage);
    return backfill("claude", "anthropic", "    admin_key: ${KEY}\n", Map.of("KEY", "sk-ant-admin01-TEST"));
  }

  private static BigDecimal spend(BackfillHarness backfill, String from, String to) {
    return backfill.dailySpend("claude", from, to).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** A database's write lock held as another writing process holds it, from a thread of its own. */
  private static final class WriteLock implements AutoCloseable {
    private final Path database;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private final AtomicBoolean held = new AtomicBoolean();
    private Connection holder;

    WriteLock(Path database) {
      this.database = database;
    }

    void take() {
      on(() -> {
        holder = DriverManager.getConnection("jdbc:sqlite:" + database);
        try (Statement st = holder.createStatement()) {
          st.execute("BEGIN IMMEDIATE");
        }
        held.set(true);
        return null;
      });
    }

    boolean held() {
      return held.get();
    }

    void dropAfter(int seconds) {
      thread.schedule(this::release, seconds, TimeUnit.SECONDS);
    }

    void drop() {
      on(this::release);
    }

    private Void release() throws Exception {
      if (holder != null) {
        held.set(false);
        holder.close();
        holder = null;
      }
      return null;
    }

    private void on(Callable<Void> work) {
      Tasks.join(thread.submit(work), "write lock");
    }

    @Override
    public void close() {
      drop();
      thread.shutdownNow();
    }
  }
}
