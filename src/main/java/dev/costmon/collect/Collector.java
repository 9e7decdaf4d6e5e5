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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Collects accounts concurrently with a bounded pool (at most the provider's own limit of accounts
 * per host at a time, {@link Lanes}) and a timeout per account, and appends each
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
    if (accounts.isEmpty()) {
      return new CollectResult(List.of());
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, accounts.size()), Tasks.daemon("costmon-collect"));
    ExecutorService calls = Executors.newCachedThreadPool(Tasks.daemon("costmon-provider"));
    try {
      List<Future<AccountOutcome>> futures = Lanes.run(pool, accounts, account -> {
        // The provider's "now" is the start of its own collection, to the millisecond the snapshot
        // keeps: reprocess then hands it exactly the window it had, so a request built from it (a
        // BigQuery requestId) matches its archived answer, and a forecast comes out the same.
        Instant start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        CollectWindow own = new CollectWindow(window.from(), window.to(), start, window.zone());
        AccountOutcome outcome = collectOne(account, own, calls);
        if (history != null) {
          history.append(runId, new AccountSnapshot(
              account.id(), account.providerName(), start, clock.instant(),
              outcome.status(), outcome.error().isEmpty() ? null : outcome.error(), window.from(), window.to(),
              outcome.observations()));
        }
        progress.accept(outcome);
        return outcome;
      });
      List<AccountOutcome> outcomes = new ArrayList<>();
      for (Future<AccountOutcome> f : futures) {
        outcomes.add(Tasks.join(f, "collect"));
      }
      return new CollectResult(outcomes);
    } finally {
      pool.shutdownNow();
      calls.shutdownNow();
    }
  }

  private AccountOutcome collectOne(Account account, CollectWindow window, ExecutorService calls) {
    Instant start = clock.instant();
    if (account.unavailable().isPresent()) {
      // Not a transient failure: a condition, so check says UNKNOWN for it at once.
      return failed(account, SnapshotStatus.CONDITION, account.unavailable().get(), start);
    }
    Future<List<Observation>> call = calls.submit(() -> run(account.provider(), account, window));
    try {
      List<Observation> observations = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
    } catch (TimeoutException e) {
      call.cancel(true);
      return failed(account, SnapshotStatus.FAILED, "timed out after " + timeout.toSeconds() + " s", start);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      return failed(account, SnapshotStatus.FAILED, "interrupted", start);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ProviderException pe) {
        SnapshotStatus status =
            pe.kind() == ProviderException.Kind.CONDITION ? SnapshotStatus.CONDITION : SnapshotStatus.FAILED;
        return failed(account, status, Tasks.firstLine(pe.getMessage()), start);
      }
      // A bug in a provider must not stop the run; the message is still shown, without a trace.
      return failed(account, SnapshotStatus.FAILED, "internal error: " + Tasks.firstLine(String.valueOf(cause)), start);
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
