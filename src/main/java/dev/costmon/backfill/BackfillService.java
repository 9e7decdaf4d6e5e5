package dev.costmon.backfill;

import dev.costmon.collect.AccountContext;
import dev.costmon.collect.Collector;
import dev.costmon.collect.LiveHttp;
import dev.costmon.collect.RunArchive;
import dev.costmon.collect.Tasks;
import dev.costmon.collect.Textfile;
import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.http.HttpSettings;
import dev.costmon.http.ResponseArchive;
import dev.costmon.model.Observation;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.store.AccountSnapshot;
import dev.costmon.store.CollectLock;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.RawArchive;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * provider allows. Thresholds and notifications are not evaluated: past months raise no alerts.
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
        Database db = Database.open(config.database(), true)) {
      History history = new History(db);
      long runId = history.startRun(COMMAND, clock.instant());
      List<AccountResult> results;
      try (LiveHttp live = new LiveHttp(http, clock, new RunArchive(new RawArchive(history), runId), verbose)) {
        results = new Run(plan, history, runId, live, refresh, stop, listener).accounts();
      }
      boolean stopped = stop.getAsBoolean();
      BackfillResult result = new BackfillResult(results, stopped);
      history.finishRun(runId, clock.instant(), stopped ? "interrupted"
          : result.allFailed() ? "failed" : result.failures() > 0 ? "partial" : "ok");
      Textfile.refresh(config, history, clock, verbose);
      return result;
    }
  }

  /** One backfill run's threads and state. */
  private final class Run {
    private final BackfillPlan plan;
    private final History history;
    private final long runId;
    private final LiveHttp live;
    private final boolean refresh;
    private final BooleanSupplier stop;
    private final BackfillListener listener;
    private final ExecutorService calls = Executors.newCachedThreadPool(Tasks.daemon("costmon-backfill-call"));

    Run(BackfillPlan plan, History history, long runId, LiveHttp live, boolean refresh, BooleanSupplier stop,
        BackfillListener listener) {
      this.plan = plan;
      this.history = history;
      this.runId = runId;
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
      Map<String, Instant> stored = refresh ? Map.of() : history.backfilledWindows(account.id());
      BudgetedHttp budgeted = new BudgetedHttp(plan.budget());
      AtomicBoolean giveUp = new AtomicBoolean();
      ExecutorService windows = Executors.newFixedThreadPool(plan.backfill().parallelWindows(),
          Tasks.daemon("costmon-backfill-" + account.id()));
      try {
        List<Future<WindowResult>> futures = new ArrayList<>();
        for (Window w : plan.windows()) {
          futures.add(windows.submit(() -> {
            WindowResult r = window(plan, w, stored, giveUp, budgeted);
            listener.window(plan, r);
            return r;
          }));
        }
        List<WindowResult> results = new ArrayList<>();
        for (Future<WindowResult> f : futures) {
          results.add(Tasks.join(f, "backfill"));
        }
        return new AccountResult(plan, results, budgeted.sent(), Optional.empty());
      } finally {
        windows.shutdownNow();
      }
    }

    private WindowResult window(AccountPlan plan, Window w, Map<String, Instant> stored, AtomicBoolean giveUp,
        BudgetedHttp budgeted) {
      if (stop.getAsBoolean() || giveUp.get()) {
        return WindowResult.stopped(w);
      }
      Instant before = stored.get(w.from() + ".." + w.to());
      if (before != null) {
        return WindowResult.skipped(w, before);
      }
      Account account = plan.account();
      // The window's responses are archived with its snapshot, in its transaction.
      List<RawResponse> raw = new CopyOnWriteArrayList<>();
      ResponseArchive archive = r -> raw.add(new RawResponse(0, runId, r.account(), r.method(), r.url(), r.status(),
          r.fetchedAt(), r.contentType(), r.body(), r.requestSha256()));
      AccountContext context = new AccountContext(clock, line -> verbose.accept(account.id() + ": " + line),
          account, budgeted.counting(live.archivingTo(account, archive)));
      Instant start = clock.instant();
      CollectWindow window = new CollectWindow(w.from(), w.to(), this.plan.now(), this.plan.zone());
      Future<List<Observation>> call = calls.submit(
          () -> Collector.collectWith(account.provider(), account, window, context));
      List<Observation> observations;
      try {
        observations = call.get(config.accountTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        call.cancel(true);
        return failed(w, "timed out after " + config.accountTimeout().toSeconds() + " s", start, raw);
      } catch (InterruptedException e) {
        call.cancel(true);
        Thread.currentThread().interrupt();
        return failed(w, "interrupted", start, raw);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ProviderException pe) {
          // A rejected key or a spent budget fails every later window the same way: stop asking.
          if (pe.kind() == ProviderException.Kind.AUTH || budgeted.exhausted()) {
            giveUp.set(true);
          }
          return failed(w, Tasks.firstLine(pe.getMessage()), start, raw);
        }
        return failed(w, "internal error: " + Tasks.firstLine(String.valueOf(cause)), start, raw);
      }
      List<Observation> own = ownDays(w, observations);
      history.append(runId, Optional.of(new AccountSnapshot(account.id(), account.providerName(), start,
          clock.instant(), SnapshotStatus.OK, null, w.from(), w.to(), own)), List.copyOf(raw));
      return WindowResult.stored(w, own.size(), since(start));
    }

    /** A failed window stores no figures; what the provider answered is still archived, for audit. */
    private WindowResult failed(Window w, String error, Instant start, List<RawResponse> raw) {
      if (!raw.isEmpty()) {
        history.append(runId, Optional.empty(), List.copyOf(raw));
      }
      return WindowResult.failed(w, error, since(start));
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
