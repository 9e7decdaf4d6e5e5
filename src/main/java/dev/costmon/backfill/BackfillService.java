package dev.costmon.backfill;

import dev.costmon.collect.AccountContext;
import dev.costmon.collect.Collector;
import dev.costmon.collect.LiveHttp;
import dev.costmon.collect.Tasks;
import dev.costmon.collect.Textfile;
import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.http.ArchivedResponse;
import dev.costmon.http.HttpSettings;
import dev.costmon.http.ResponseArchive;
import dev.costmon.model.Observation;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.store.AccountSnapshot;
import dev.costmon.store.CollectLock;
import dev.costmon.store.RawResponse;
import dev.costmon.store.SnapshotStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code costmon collect --from}: asks each account's provider for the planned windows and stores
 * each answer as a snapshot of its own, in its own transaction, exactly as a nightly collect stores
 * its window, so the latest snapshot per day wins and nothing counts twice. Accounts run in
 * parallel (the config's {@code concurrency}), the windows of one account as many at a time as its
 * provider allows; one writer thread stores the answered windows while the accounts ask for their
 * next ones. Thresholds and notifications are not evaluated: past months raise no alerts.
 */
public final class BackfillService {
  /** The {@code run.command} of a backfill, by which a re-run finds the windows it already stored. */
  public static final String COMMAND = "backfill";

  private final CostmonConfig config;
  private final Clock clock;
  private final Consumer<String> verbose;
  private final HttpSettings http;

  public BackfillService(CostmonConfig config, Clock clock, Consumer<String> verbose) {
    this(config, clock, verbose, HttpSettings.defaults());
  }

  public BackfillService(CostmonConfig config, Clock clock, Consumer<String> verbose, HttpSettings http) {
    this.config = config;
    this.clock = clock;
    this.verbose = verbose;
    this.http = http;
  }

  /**
   * Runs the plan. Windows a backfill stored before are skipped unless {@code refresh}; once
   * {@code stop} answers true no new window starts, and the ones under way finish and are stored.
   */
  @SuppressWarnings("try") // the lock is held, not used, for the whole block
  public BackfillResult run(BackfillPlan plan, boolean refresh, BooleanSupplier stop, BackfillListener listener) {
    try (CollectLock lock = CollectLock.acquire(config.database());
        WindowWriter writer = new WindowWriter(config.database(), clock)) {
      List<AccountResult> results;
      // Each window's responses are archived with its snapshot, in its transaction, not by the run.
      try (LiveHttp live = new LiveHttp(http, clock, ResponseArchive.NONE, verbose)) {
        results = new Run(plan, writer, live, refresh, stop, listener).accounts();
      }
      boolean stopped = stop.getAsBoolean();
      BackfillResult result = new BackfillResult(results, stopped);
      String status = stopped ? "interrupted" : result.allFailed() ? "failed" : result.failures() > 0 ? "partial" : "ok";
      Tasks.join(writer.write((history, runId) -> {
        history.finishRun(runId, clock.instant(), status);
        Textfile.refresh(config, history, clock, verbose);
        return null;
      }), "backfill");
      return result;
    }
  }

  /** One backfill run's threads and state. */
  private final class Run {
    private final BackfillPlan plan;
    private final WindowWriter writer;
    private final LiveHttp live;
    private final boolean refresh;
    private final BooleanSupplier stop;
    private final BackfillListener listener;
    private final ExecutorService calls = Executors.newCachedThreadPool(Tasks.daemon("costmon-backfill-call"));

    Run(BackfillPlan plan, WindowWriter writer, LiveHttp live, boolean refresh, BooleanSupplier stop,
        BackfillListener listener) {
      this.plan = plan;
      this.writer = writer;
      this.live = live;
      this.refresh = refresh;
      this.stop = stop;
      this.listener = listener;
    }

    List<AccountResult> accounts() {
      if (plan.accounts().isEmpty()) {
        return List.of();
      }
      ExecutorService pool = Executors.newFixedThreadPool(
          Math.min(config.concurrency(), plan.accounts().size()), Tasks.daemon("costmon-backfill"));
      try {
        List<Future<AccountResult>> futures = new ArrayList<>();
        for (AccountPlan account : plan.accounts()) {
          futures.add(pool.submit(() -> {
            AccountResult result = account(account);
            listener.account(result);
            return result;
          }));
        }
        List<AccountResult> out = new ArrayList<>();
        for (Future<AccountResult> f : futures) {
          out.add(Tasks.join(f, "backfill"));
        }
        return out;
      } finally {
        pool.shutdownNow();
        calls.shutdownNow();
      }
    }

    private AccountResult account(AccountPlan plan) {
      if (plan.overBudget()) {
        return new AccountResult(plan, List.of(), 0, Optional.of(overBudget(plan)));
      }
      Account account = plan.account();
      if (account.unavailable().isPresent()) {
        // A secret that did not resolve fails every window alike: say so once, ask nothing.
        return new AccountResult(plan, List.of(), 0, account.unavailable());
      }
      Map<String, Instant> stored = refresh ? Map.of() : Tasks.join(writer.backfilled(account.id()), "backfill");
      Lane lane = new Lane(plan, stored);
      ExecutorService windows = Executors.newFixedThreadPool(plan.backfill().parallelWindows(),
          Tasks.daemon("costmon-backfill-" + account.id()));
      try {
        List<Future<Future<WindowResult>>> futures = new ArrayList<>();
        for (Window w : plan.windows()) {
          futures.add(windows.submit(() -> lane.window(w)));
        }
        List<WindowResult> results = new ArrayList<>();
        for (Future<Future<WindowResult>> f : futures) {
          results.add(Tasks.join(Tasks.join(f, "backfill"), "backfill"));
        }
        return new AccountResult(plan, results, lane.budgeted.sent(), Optional.empty());
      } finally {
        windows.shutdownNow();
      }
    }

    /** One account's windows: asked as its provider allows, each handed to the writer once answered. */
    private final class Lane {
      private final AccountPlan plan;
      private final Map<String, Instant> stored;
      private final BudgetedHttp budgeted;
      private final AtomicBoolean giveUp = new AtomicBoolean();
      /**
       * A window waits here for the one before it to be stored: the next window is asked while one
       * is being stored, never while several wait (a database locked by another process must not
       * leave the answers of a whole year, and the paid requests, in memory).
       */
      private final Semaphore unstored;

      Lane(AccountPlan plan, Map<String, Instant> stored) {
        this.plan = plan;
        this.stored = stored;
        this.budgeted = new BudgetedHttp(plan.budget());
        this.unstored = new Semaphore(plan.backfill().parallelWindows());
      }

      /** The window's fate, known once the writer has stored what it must. */
      Future<WindowResult> window(Window w) {
        if (stop.getAsBoolean() || giveUp.get() || writer.broken()) {
          return done(WindowResult.stopped(w));
        }
        Instant before = stored.get(w.from() + ".." + w.to());
        if (before != null) {
          return done(WindowResult.skipped(w, before));
        }
        Account account = plan.account();
        List<ArchivedResponse> raw = new CopyOnWriteArrayList<>();
        AccountContext context = new AccountContext(clock, line -> verbose.accept(account.id() + ": " + line),
            account, budgeted.counting(live.archivingTo(account, raw::add)));
        Instant start = clock.instant();
        CollectWindow window = new CollectWindow(w.from(), w.to(), Run.this.plan.now(), Run.this.plan.zone());
        Future<List<Observation>> call = calls.submit(
            () -> Collector.collectWith(account.provider(), account, window, context));
        try {
          List<Observation> own = ownDays(w, call.get(config.accountTimeout().toMillis(), TimeUnit.MILLISECONDS));
          return store(w, raw, start, Optional.of(own), "");
        } catch (TimeoutException e) {
          call.cancel(true);
          return store(w, raw, start, Optional.empty(), "timed out after " + config.accountTimeout().toSeconds() + " s");
        } catch (InterruptedException e) {
          call.cancel(true);
          Thread.currentThread().interrupt();
          return store(w, raw, start, Optional.empty(), "interrupted");
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof ProviderException pe) {
            // A rejected key or a spent budget fails every later window the same way: stop asking.
            if (pe.kind() == ProviderException.Kind.AUTH || budgeted.exhausted()) {
              giveUp.set(true);
            }
            return store(w, raw, start, Optional.empty(), Tasks.firstLine(pe.getMessage()));
          }
          return store(w, raw, start, Optional.empty(), "internal error: " + Tasks.firstLine(String.valueOf(cause)));
        }
      }

      /**
       * Hands the window to the writer: its figures, if it has them, and whatever the provider
       * answered (a failed window stores no figures; its answers are still archived, for audit).
       */
      private Future<WindowResult> store(Window w, List<ArchivedResponse> raw, Instant start,
          Optional<List<Observation>> figures, String error) {
        Account account = plan.account();
        // A call given up on (a timeout) may still archive a late answer: not into this window's transaction.
        List<ArchivedResponse> answers = List.copyOf(raw);
        if (figures.isEmpty() && answers.isEmpty()) {
          return done(WindowResult.failed(w, error, since(start)));
        }
        Instant finished = clock.instant();
        try {
          unstored.acquire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return done(WindowResult.failed(w, "interrupted", since(start)));
        }
        return writer.write((history, runId) -> {
          try {
            history.append(runId, figures.map(own -> new AccountSnapshot(account.id(), account.providerName(), start,
                finished, SnapshotStatus.OK, null, w.from(), w.to(), own)), answers.stream().map(r -> new RawResponse(0,
                runId, r.account(), r.method(), r.url(), r.status(), r.fetchedAt(), r.contentType(), r.body(),
                r.requestSha256())).toList());
          } finally {
            unstored.release();
          }
          WindowResult result = figures.map(own -> WindowResult.stored(w, own.size(), since(start)))
              .orElseGet(() -> WindowResult.failed(w, error, since(start)));
          listener.window(plan, result);
          return result;
        });
      }

      private Future<WindowResult> done(WindowResult result) {
        listener.window(plan, result);
        return CompletableFuture.completedFuture(result);
      }
    }

    /**
     * A past window keeps only its own days: what a provider reports as the current state (a
     * balance, today's usage) belongs to today, which a nightly collect stores, not to a past month.
     */
    private List<Observation> ownDays(Window w, List<Observation> observations) {
      LocalDate today = LocalDate.ofInstant(plan.now(), plan.zone());
      if (!w.to().isBefore(today)) {
        return observations;
      }
      return observations.stream().filter(o -> w.contains(o.day())).toList();
    }

    private Duration since(Instant start) {
      return Duration.between(start, clock.instant());
    }
  }

  private static String overBudget(AccountPlan plan) {
    String price = plan.cost().map(c -> " (" + c.amount().toPlainString() + " " + c.currency().getCurrencyCode()
        + ")").orElse("");
    return "the backfill needs about " + plan.requests() + " requests" + price + ", more than max_requests: "
        + plan.budget() + "; run again with --max-requests " + plan.requests() + " to allow them";
  }
}
