package dev.costmon.backfill;

import dev.costmon.collect.Tasks;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The backfill's only writer: one thread that opens the history, starts the run and then does every
 * write the accounts hand it, each in a transaction of its own, in the order handed. The accounts
 * meanwhile ask for their next windows, so storing a window costs them no time. Where there is no
 * database yet, no earlier backfill can have stored anything, and the first requests go out while it
 * is being created.
 */
final class WindowWriter implements AutoCloseable {
  /** What a write does with the open history and the run's id. */
  @FunctionalInterface
  interface Write<T> {
    T run(History history, long runId);
  }

  private record Opened(Database db, History history, long runId) {}

  private final ExecutorService thread = Executors.newSingleThreadExecutor(Tasks.daemon("costmon-backfill-store"));
  private final boolean fresh;
  private final Future<Opened> opened;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

  /** Starts opening {@code database} (creating it) and the run on the writer's thread; returns at once. */
  WindowWriter(Path database, Clock clock) {
    this.fresh = !Files.exists(database);
    this.opened = thread.submit(() -> {
      try {
        Database db = Database.open(database, true);
        try {
          History history = new History(db);
          return new Opened(db, history, history.startRun(BackfillService.COMMAND, clock.instant()));
        } catch (RuntimeException e) {
          db.close();
          throw e;
        }
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
        throw e;
      }
    });
  }

  /** The windows that earlier backfills stored for {@code account}, by {@code from..to}; nothing yet without a database. */
  Future<Map<String, Instant>> backfilled(String account) {
    return fresh ? CompletableFuture.completedFuture(Map.of())
        : write((history, runId) -> history.backfilledWindows(account));
  }

  /** Queues {@code write}; it fails as the database did if the database could not be opened or written. */
  <T> Future<T> write(Write<T> write) {
    return thread.submit(() -> {
      Opened o = open();
      try {
        return write.run(o.history(), o.runId());
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
        throw e;
      }
    });
  }

  /** Whether opening the database or a write failed: no window should be asked that cannot be stored. */
  boolean broken() {
    return failure.get() != null;
  }

  /** Runs the queued writes, then closes the database. */
  @Override
  public void close() {
    thread.submit(() -> opened(opened).ifPresent(o -> o.db().close()));
    thread.shutdown();
    try {
      // A database locked by another process makes each write wait out its busy timeout.
      thread.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The open history; on the writer's thread, where opening it is already done. */
  private Opened open() {
    return Tasks.join(opened, "backfill");
  }

  private static Optional<Opened> opened(Future<Opened> opened) {
    try {
      return Optional.of(opened.get());
    } catch (ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
