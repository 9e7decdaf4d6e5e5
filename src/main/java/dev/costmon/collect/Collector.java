package dev.costmon.collect;

import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.http.Http;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderSettings;
import dev.costmon.provider.ProviderType;
import dev.costmon.store.AccountSnapshot;
import dev.costmon.store.History;
import dev.costmon.store.SnapshotStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Collects accounts concurrently with a bounded pool (at most the provider's own limit of accounts
 * per host at a time, {@link Lanes}) and a timeout per account, one thread per running account, and appends each
 * account's snapshot in its own transaction as soon as it is done, so one failing or hanging
 * provider never stops or loses the others.
 */
public final class Collector {
  private final Clock clock;
  private final int concurrency;
  private final Duration timeout;
  private final Function<Account, ProviderContext> contexts;
  private final Function<Currency, Optional<String>> missingRate;

  /** A collector that stores any currency (the history's figures are converted by someone else). */
  public Collector(Clock clock, int concurrency, Duration timeout, Function<Account, ProviderContext> contexts) {
    this(clock, concurrency, timeout, contexts, c -> Optional.empty());
  }

  /**
   * @param missingRate for a currency an answer is in, what is missing to convert it (one line), if
   *     anything: such an account fails and stores nothing it could not convert
   */
  public Collector(Clock clock, int concurrency, Duration timeout, Function<Account, ProviderContext> contexts,
      Function<Currency, Optional<String>> missingRate) {
    this.clock = clock;
    this.concurrency = concurrency;
    this.timeout = timeout;
    this.contexts = contexts;
    this.missingRate = missingRate;
  }

  /**
   * A collector with the config's concurrency and timeout whose providers log to {@code verbose}
   * and reach the network through {@code http}.
   */
  public static Collector of(
      CostmonConfig config, Clock clock, Consumer<String> verbose, Function<Account, Http> http) {
    return new Collector(clock, config.concurrency(), config.accountTimeout(),
        account -> new AccountContext(clock, line -> verbose.accept(account.id() + ": " + line), account,
            http.apply(account)),
        currency -> config.fx().canObtain(currency) ? Optional.empty() : Optional.of(config.fx().missing(currency)));
  }

  /**
   * Collects every account for the window; stores snapshots under {@code runId} unless {@code history}
   * is null (a dry run), and reports each outcome to {@code progress} as it completes.
   */
  public CollectResult collect(
      List<Account> accounts, CollectWindow window, History history, long runId, Consumer<AccountOutcome> progress) {
    return start(accounts, window, history == null ? null : CompletableFuture.completedFuture(new Target(history, runId)),
        progress).await();
  }

  /**
   * Starts collecting every account for the window and returns at once, so the caller can prepare
   * where the snapshots go while the first requests are under way; each account's snapshot is
   * stored once {@code target} is there (never, for a dry run's null). A target that fails fails
   * the accounts still to be stored.
   */
  public Running start(List<Account> accounts, CollectWindow window, CompletableFuture<Target> target,
      Consumer<AccountOutcome> progress) {
    return new Running(accounts, window, target, progress);
  }

  /** Where a run's snapshots go: the history, under the run they belong to. */
  public record Target(History history, long runId) {}

  /**
   * A collect under way. Each account runs its provider on a thread of the run's pool (one thread per
   * account at a time, the config's concurrency at most); one shared timer abandons an account at its
   * timeout: it settles the account as timed out, interrupts its thread and lets the next account
   * start, on a thread added to the pool for as long as the abandoned one has not returned.
   */
  public final class Running {
    private final List<CompletableFuture<AccountOutcome>> futures;
    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor timer;

    private Running(List<Account> accounts, CollectWindow window, CompletableFuture<Target> target,
        Consumer<AccountOutcome> progress) {
      int threads = Math.max(1, Math.min(concurrency, accounts.size()));
      pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
          Tasks.daemon("costmon-collect"));
      timer = new ScheduledThreadPoolExecutor(1, Tasks.daemon("costmon-timeout"));
      timer.setRemoveOnCancelPolicy(true);
      futures = Lanes.run(accounts, account -> {
        Attempt attempt = new Attempt(account, window, target, progress);
        pool.execute(attempt::run);
        return attempt.done;
      });
    }

    /** The outcomes, in the accounts' order, once every account is stored. */
    public CollectResult await() {
      try {
        List<AccountOutcome> outcomes = new ArrayList<>();
        for (Future<AccountOutcome> f : futures) {
          outcomes.add(Tasks.join(f, "collect"));
        }
        return new CollectResult(outcomes);
      } finally {
        cancel();
      }
    }

    /** Stops the accounts still running (interrupting their threads) and those not started. */
    public void cancel() {
      pool.shutdownNow();
      timer.shutdownNow();
    }

    /** A thread for the accounts after one abandoned at its timeout, while the abandoned one is stuck. */
    private synchronized void resize(int by) {
      if (by > 0) {
        pool.setMaximumPoolSize(pool.getMaximumPoolSize() + by);
        pool.setCorePoolSize(pool.getCorePoolSize() + by);
      } else {
        pool.setCorePoolSize(pool.getCorePoolSize() + by);
        pool.setMaximumPoolSize(pool.getMaximumPoolSize() + by);
      }
    }

    /** One account's collection: settled exactly once, by its provider's end or by its timeout. */
    private final class Attempt {
      private final Account account;
      private final CollectWindow window;
      private final CompletableFuture<Target> target;
      private final Consumer<AccountOutcome> progress;
      private final CompletableFuture<AccountOutcome> done = new CompletableFuture<>();
      private final AtomicBoolean settled = new AtomicBoolean();
      private Thread runner; // guarded by this: the thread running the provider, while it does
      private boolean abandoned; // guarded by this

      Attempt(Account account, CollectWindow window, CompletableFuture<Target> target,
          Consumer<AccountOutcome> progress) {
        this.account = account;
        this.window = window;
        this.target = target;
        this.progress = progress;
      }

      void run() {
        // The provider's "now" is the start of its own collection, to the millisecond the snapshot
        // keeps: reprocess then hands it exactly the window it had, so a request built from it (a
        // BigQuery requestId) matches its archived answer, and a forecast comes out the same.
        Instant start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        CollectWindow own = new CollectWindow(window.from(), window.to(), start, window.zone());
        synchronized (this) {
          runner = Thread.currentThread();
        }
        AccountOutcome outcome;
        ScheduledFuture<?> deadline = null;
        try {
          deadline = timer.schedule(() -> expire(start), timeout.toMillis(), TimeUnit.MILLISECONDS);
          outcome = collectOne(account, own, start);
        } catch (RejectedExecutionException e) {
          // The run was cancelled before this account's timer could be set.
          outcome = failed(account, SnapshotStatus.FAILED, "interrupted", start);
        } finally {
          if (deadline != null) {
            deadline.cancel(false);
          }
          synchronized (this) {
            runner = null;
            if (abandoned) {
              resize(-1);
            }
          }
        }
        if (settled.compareAndSet(false, true)) {
          settle(outcome, start);
        }
        // Otherwise the timeout settled it: a late answer is dropped, never stored a second time.
      }

      private void expire(Instant start) {
        if (!settled.compareAndSet(false, true)) {
          return;
        }
        synchronized (this) {
          if (runner != null) {
            abandoned = true;
            resize(1);
            runner.interrupt();
          }
        }
        settle(failed(account, SnapshotStatus.FAILED, "timed out after " + timeout.toSeconds() + " s", start), start);
      }

      private void settle(AccountOutcome outcome, Instant start) {
        try {
          if (target != null) {
            Target to = target.join();
            to.history().append(to.runId(), new AccountSnapshot(
                account.id(), account.providerName(), start, clock.instant(),
                outcome.status(), outcome.error().isEmpty() ? null : outcome.error(), window.from(), window.to(),
                outcome.observations()));
          }
          progress.accept(outcome);
          done.complete(outcome);
        } catch (RuntimeException | Error e) {
          done.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
        }
      }
    }
  }

  private AccountOutcome collectOne(Account account, CollectWindow window, Instant start) {
    if (account.unavailable().isPresent()) {
      // Not a transient failure: a condition, so check says UNKNOWN for it at once.
      return failed(account, SnapshotStatus.CONDITION, account.unavailable().get(), start);
    }
    try {
      List<Observation> observations = run(account.provider(), account, window);
      // A currency the config could not convert is caught here, by the collect that first sees it,
      // not months later by report, check or export.
      Set<Currency> seen = new TreeSet<>(Comparator.comparing(Currency::getCurrencyCode));
      observations.stream().filter(o -> o.kind() != ObservationKind.USAGE).forEach(o -> seen.add(o.money().currency()));
      for (Currency currency : seen) {
        Optional<String> missing = missingRate.apply(currency);
        if (missing.isPresent()) {
          return failed(account, SnapshotStatus.FAILED, "answered in " + currency.getCurrencyCode() + ", but "
              + missing.get(), start);
        }
      }
      return new AccountOutcome(account, SnapshotStatus.OK, "", observations, since(start));
    } catch (ProviderException pe) {
      if (Thread.currentThread().isInterrupted()) {
        return failed(account, SnapshotStatus.FAILED, "interrupted", start);
      }
      SnapshotStatus status =
          pe.kind() == ProviderException.Kind.CONDITION ? SnapshotStatus.CONDITION : SnapshotStatus.FAILED;
      return failed(account, status, Tasks.firstLine(pe.getMessage()), start);
    } catch (RuntimeException | Error e) {
      // A bug in a provider must not stop the run; the message is still shown, without a trace.
      return failed(account, SnapshotStatus.FAILED, "internal error: " + Tasks.firstLine(String.valueOf(e)), start);
    }
  }

  private List<Observation> run(ProviderType<?> type, Account account, CollectWindow window) throws ProviderException {
    return collectWith(type, account, window, contexts.apply(account));
  }

  /** Runs the account's provider in the given context (live, or replaying an archive). */
  public static <S extends ProviderSettings> List<Observation> collectWith(
      ProviderType<S> type, Account account, CollectWindow window, ProviderContext context) throws ProviderException {
    return type.collect(account, type.settingsType().cast(account.settings()), window, context);
  }

  private AccountOutcome failed(Account account, SnapshotStatus status, String error, Instant start) {
    return new AccountOutcome(account, status, error, List.of(), since(start));
  }

  private Duration since(Instant start) {
    return Duration.between(start, clock.instant());
  }
}
