package dev.costmon.collect;

import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.http.HttpSettings;
import dev.costmon.http.ResponseArchive;
import dev.costmon.provider.CollectWindow;
import dev.costmon.fx.EcbFeed;
import dev.costmon.fx.RateHistory;
import dev.costmon.store.CollectLock;
import dev.costmon.store.Database;
import dev.costmon.store.ExchangeRates;
import dev.costmon.store.History;
import dev.costmon.store.RawArchive;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One {@code costmon collect}: takes the lock, starts the accounts, meanwhile prunes the raw archive
 * and starts the run, stores each account into the history, records the run, then rewrites the
 * {@code .prom} file if one is configured.
 */
public final class CollectService {
  private final CostmonConfig config;
  private final Clock clock;
  private final Consumer<String> verbose;
  private final HttpSettings http;

  public CollectService(CostmonConfig config, Clock clock, Consumer<String> verbose) {
    this(config, clock, verbose, HttpSettings.defaults());
  }

  public CollectService(CostmonConfig config, Clock clock, Consumer<String> verbose, HttpSettings http) {
    this.config = config;
    this.clock = clock;
    this.verbose = verbose;
    this.http = http;
  }

  /** Collects and stores; with {@code dryRun} the providers are asked but nothing is written. */
  @SuppressWarnings("try") // the lock is held, not used, for the whole block
  public CollectResult run(List<Account> accounts, boolean dryRun, Consumer<AccountOutcome> progress) {
    CollectWindow window = CollectWindow.of(clock.instant(), config.timezone(), config.lookbackDays());
    verbose.accept("collecting " + accounts.size() + " accounts for " + window.from() + " .. " + window.to());
    if (dryRun) {
      try (LiveHttp live = new LiveHttp(http, clock, ResponseArchive.NONE, verbose)) {
        return Collector.of(config, clock, verbose, live).collect(accounts, window, null, 0, progress);
      }
    }
    // The accounts start as soon as the lock is ours (two collects never both ask a paid API), and
    // ask while the database is opened and the run started; their snapshots and raw responses wait
    // for the run, so what is stored is as it was. An ECB rate fetch runs beside them.
    CompletableFuture<Collector.Target> target = new CompletableFuture<>();
    ResponseArchive archive = response -> {
      Collector.Target run = target.join();
      new RunArchive(new RawArchive(run.history()), run.runId()).store(response);
    };
    try (CollectLock lock = CollectLock.acquire(config.database());
        LiveHttp live = new LiveHttp(http, clock, archive, verbose)) {
      Collector.Running running = Collector.of(config, clock, verbose, live).start(accounts, window, target, progress);
      try (Database db = Database.open(config.database(), true)) {
        try {
          History history = new History(db);
          long runId = begin(history);
          target.complete(new Collector.Target(history, runId));
          Optional<EcbFeed.Outcome> fetched = config.fx().source().ecb()
              ? Optional.of(new EcbFeed(live.named("fx"), new ExchangeRates(history)).update(config.fx(),
                  needed(accounts), LocalDate.ofInstant(clock.instant(), config.timezone()), clock.instant()))
              : Optional.empty();
          fetched.ifPresent(f -> verbose.accept("fx: " + f.stored() + " ECB rates stored, the newest of "
              + f.newest().map(LocalDate::toString).orElse("no day")));
          CollectResult result = running.await();
          if (fetched.isPresent()) {
            result = result.withRates(fetched.get());
          }
          history.finishRun(runId, clock.instant(),
              result.allFailed() ? "failed" : result.failures() > 0 ? "partial" : "ok");
          Textfile.refresh(config, history, clock, verbose);
          return result;
        } finally {
          running.cancel(); // before the database closes, should anything above have failed
        }
      } finally {
        // A database that could not be opened or prepared: the accounts' storing fails instead of waiting.
        target.cancel(false);
        running.cancel();
      }
    }
  }

  /** Prunes the raw archive, records the config's rates and starts the run; its id. */
  private long begin(History history) {
    int pruned = new RawArchive(history).pruneBefore(clock.instant().minus(config.rawRetention()));
    if (pruned > 0) {
      verbose.accept("pruned " + pruned + " raw responses older than the raw_retention");
    }
    // The config's rates are stored with the day they are first seen, so the months they convert
    // keep them when fx: is edited later.
    ExchangeRates rates = new ExchangeRates(history);
    rates.record(RateHistory.toRecord(config.fx(), rates.all(), LocalDate.ofInstant(clock.instant(), config.timezone())),
        clock.instant());
    return Runs.start(history, "collect", clock.instant(), verbose);
  }

  /** The currencies that must convert: the accounts' own, the caps' and the rates' prices. */
  private Set<Currency> needed(List<Account> accounts) {
    Set<Currency> out = new HashSet<>();
    config.cap().ifPresent(c -> out.add(c.currency()));
    for (Account a : accounts) {
      out.add(a.currency());
      a.cap().ifPresent(c -> out.add(c.currency()));
      a.rates().forEach(r -> out.add(r.price().price().currency()));
    }
    return out;
  }
}
