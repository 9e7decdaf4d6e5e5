package dev.costmon.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.config.Account;
import dev.costmon.config.Thresholds;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderType;
import dev.costmon.provider.fixed.Accrual;
import dev.costmon.provider.fixed.FixedSettings;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.SnapshotStatus;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's threads: each account's provider runs on the account's own pool thread, a timeout
 * abandons a stuck one and lets the next start, every outcome is stored exactly once, storing waits
 * for a run that is still being prepared, and a cancelled run interrupts its providers.
 */
class CollectorTest {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final CollectWindow WINDOW = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);

  @TempDir Path dir;
  private Database db;
  private History history;
  private long runId;
  /** What each account's provider does, by account id. */
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();

  @FunctionalInterface
  private interface Behaviour {
    List<Observation> collect() throws ProviderException;
  }

  /** A provider doing what the test tells it; one account per host at a time when {@code perHost} is 1. */
  private record Scripted(Map<String, Behaviour> behaviours, OptionalInt perHost)
      implements ProviderType<FixedSettings> {
    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public Class<FixedSettings> settingsType() {
      return FixedSettings.class;
    }

    @Override
    public OptionalInt accountsPerHost() {
      return perHost;
    }

    @Override
    public List<Observation> collect(Account account, FixedSettings settings, CollectWindow window,
        ProviderContext context) throws ProviderException {
      return behaviours.get(account.id()).collect();
    }
  }

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("history.db"), true);
    history = new History(db);
    runId = history.startRun("collect", CLOCK.instant());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private List<Account> accounts(OptionalInt perHost, String... ids) {
    List<Account> out = new ArrayList<>();
    for (String id : ids) {
      out.add(new Account(id, new Scripted(behaviours, perHost), Map.of(), Currency.getInstance("USD"),
          Optional.empty(), Thresholds.DEFAULT, Map.of(), Map.of(), List.of(), Duration.ofHours(36), Optional.empty(),
          new FixedSettings(Money.parse("1 USD"), Accrual.DAILY, 1, null, null)));
    }
    return out;
  }

  private Collector collector(int concurrency, Duration timeout) {
    return new Collector(CLOCK, concurrency, timeout, account -> new AccountContext(CLOCK, line -> {}, account,
        request -> {
          throw new ProviderException(ProviderException.Kind.OTHER, "no network in this test");
        }));
  }

  /** Account id to its stored snapshots' "status error" lines. */
  private Map<String, List<String>> stored() throws Exception {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("history.db"));
        ResultSet rs = c.createStatement().executeQuery("SELECT account, status, error FROM snapshot ORDER BY id")) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
            .add(rs.getString(2) + (rs.getString(3) == null ? "" : " " + rs.getString(3)));
      }
    }
    return out;
  }

  @Test
  void aProviderIgnoringItsInterruptIsAbandonedAtItsTimeoutAndTheNextAccountOfItsHostStarts() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch returned = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    behaviours.put("stuck", () -> {
      // A provider stuck where an interrupt does not reach it (a native call, a loop).
      while (true) {
        try {
          if (release.await(10, TimeUnit.SECONDS)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted.countDown();
        }
      }
      returned.countDown();
      return List.of();
    });
    // Only the timeout can interrupt it while "next" runs: the run's end, which interrupts too, waits for "next".
    AtomicBoolean interruptedWhileNextRan = new AtomicBoolean();
    behaviours.put("next", () -> {
      try {
        interruptedWhileNextRan.set(interrupted.await(5, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of();
    });

    // One account per host and one thread: "next" can only run if the stuck one is abandoned.
    long started = System.nanoTime();
    CollectResult result = collector(1, Duration.ofSeconds(1))
        .collect(accounts(OptionalInt.of(1), "stuck", "next"), WINDOW, history, runId, o -> {});
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(result.outcomes()).extracting(o -> o.account().id() + " " + o.status() + " " + o.error())
        .containsExactly("stuck FAILED timed out after 1 s", "next OK ");
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(interruptedWhileNextRan.get()).as("the stuck provider's thread is interrupted at the timeout").isTrue();
    assertThat(returned.getCount()).as("still stuck when the collect returned").isEqualTo(1);

    release.countDown();
    assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200); // room for a late answer to be stored, which it must not be
    assertThat(stored()).containsExactlyInAnyOrderEntriesOf(Map.of("next", List.of("ok"), "stuck",
        List.of("failed timed out after 1 s")));
  }

  @Test
  void anAnswerRacingItsTimeoutIsStoredExactlyOnce() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "a" + i;
      ids.add(id);
      long busy = 900 + 5L * i; // around the 1 s timeout, on both sides of it
      behaviours.put(id, () -> {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(busy);
        while (System.nanoTime() < end) {
          Thread.onSpinWait(); // deaf to the interrupt, as a CPU-bound provider is
        }
        return List.of();
      });
    }
    List<AccountOutcome> progress = java.util.Collections.synchronizedList(new ArrayList<>());

    CollectResult result = collector(64, Duration.ofSeconds(1))
        .collect(accounts(OptionalInt.empty(), ids.toArray(String[]::new)), WINDOW, history, runId, progress::add);
    Thread.sleep(500); // every provider has returned by now

    assertThat(result.outcomes()).hasSize(40)
        .allSatisfy(o -> assertThat(o.ok() || o.error().equals("timed out after 1 s")).as(o.error()).isTrue());
    assertThat(progress).hasSize(40);
    Map<String, List<String>> stored = stored();
    assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(stored.values()).allSatisfy(snapshots -> assertThat(snapshots).hasSize(1));
  }

  @Test
  void theProvidersAskWhileTheRunIsPreparedAndAreStoredOnceItIsThere() throws Exception {
    CountDownLatch asked = new CountDownLatch(2);
    behaviours.put("a", () -> {
      asked.countDown();
      return List.of();
    });
    behaviours.put("b", () -> {
      asked.countDown();
      return List.of();
    });
    CompletableFuture<Collector.Target> target = new CompletableFuture<>();

    Collector.Running running = collector(64, Duration.ofSeconds(30))
        .start(accounts(OptionalInt.empty(), "a", "b"), WINDOW, target, o -> {});

    assertThat(asked.await(10, TimeUnit.SECONDS)).as("asked before the run exists").isTrue();
    Thread.sleep(100);
    assertThat(stored()).isEmpty();
    target.complete(new Collector.Target(history, runId));
    assertThat(running.await().outcomes()).extracting(AccountOutcome::status)
        .containsExactly(SnapshotStatus.OK, SnapshotStatus.OK);
    assertThat(stored()).containsExactlyInAnyOrderEntriesOf(Map.of("a", List.of("ok"), "b", List.of("ok")));
  }

  @Test
  void aRunThatCouldNotBePreparedFailsTheCollectInsteadOfWaiting() {
    behaviours.put("a", List::of);
    CompletableFuture<Collector.Target> target = new CompletableFuture<>();
    Collector.Running running = collector(64, Duration.ofSeconds(30))
        .start(accounts(OptionalInt.empty(), "a"), WINDOW, target, o -> {});

    target.completeExceptionally(new IllegalStateException("database is locked"));

    assertThatThrownBy(running::await).hasMessage("database is locked");
  }

  @Test
  void cancellingTheRunInterruptsItsProvidersAndStartsNoMore() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    behaviours.put("slow", () -> {
      waiting.countDown();
      try {
        Thread.sleep(60_000);
        return List.of();
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "interrupted while waiting for the API");
      }
    });
    Set<String> ran = ConcurrentHashMap.newKeySet();
    behaviours.put("later", () -> {
      ran.add("later");
      return List.of();
    });
    Collector.Running running = collector(64, Duration.ofSeconds(30))
        .start(accounts(OptionalInt.of(1), "slow", "later"), WINDOW, null, o -> {});
    assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

    running.cancel();

    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200);
    assertThat(ran).isEmpty();
  }
}
