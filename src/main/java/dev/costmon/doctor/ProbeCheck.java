package dev.costmon.doctor;

import dev.costmon.collect.AccountContext;
import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.http.Http;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderSettings;
import dev.costmon.provider.ProviderType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Asks each account's provider one cheap read-only question ({@link ProviderType#probe}), with the
 * config's concurrency and per-account timeout, and reports in account order as results arrive.
 */
final class ProbeCheck {
  private static final String TOPIC = "provider";

  private final Clock clock;
  private final Consumer<String> verbose;
  private final Function<Account, Http> http;

  ProbeCheck(Clock clock, Consumer<String> verbose, Function<Account, Http> http) {
    this.clock = clock;
    this.verbose = verbose;
    this.http = http;
  }

  void run(CostmonConfig config, Consumer<Finding> sink) {
    List<Account> accounts = config.accounts();
    if (accounts.isEmpty()) {
      sink.accept(Finding.warn(TOPIC, "no accounts configured: collect has nothing to do"));
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.concurrency(), accounts.size()), r -> {
      Thread t = new Thread(r, "costmon-probe");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Optional<String>>> futures = new ArrayList<>();
      for (Account account : accounts) {
        ProviderContext context = new AccountContext(clock, line -> verbose.accept(account.id() + ": " + line),
            account, http.apply(account));
        futures.add(pool.submit(() -> probe(account.provider(), account, context)));
      }
      for (int i = 0; i < accounts.size(); i++) {
        sink.accept(outcome(accounts.get(i), futures.get(i), config.accountTimeout()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static <S extends ProviderSettings> Optional<String> probe(
      ProviderType<S> type, Account account, ProviderContext context) throws ProviderException {
    if (account.unavailable().isPresent()) {
      // The secrets check has a FAIL line for each; asking the provider without them proves nothing.
      throw new ProviderException(ProviderException.Kind.OTHER, "not asked: " + account.unavailable().get());
    }
    return type.probe(account, type.settingsType().cast(account.settings()), context);
  }

  private static Finding outcome(Account account, Future<Optional<String>> probe, Duration timeout) {
    String who = account.id() + " (" + account.providerName() + "): ";
    try {
      // Probes run concurrently, so by the time an earlier one is done later ones have had as long.
      return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .map(what -> Finding.ok(TOPIC, who + what))
          .orElseGet(() -> Finding.ok(TOPIC, who + "no API"));
    } catch (TimeoutException e) {
      probe.cancel(true);
      return Finding.fail(TOPIC, who + "no answer within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Finding.fail(TOPIC, who + "interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ProviderException pe) {
        // A named condition ("no admin access") is a state of the account, not a broken set-up.
        return new Finding(pe.kind() == ProviderException.Kind.CONDITION ? Finding.Level.WARN : Finding.Level.FAIL,
            TOPIC, who + pe.getMessage());
      }
      return Finding.fail(TOPIC, who + "internal error: " + e.getCause());
    }
  }
}
