package dev.costmon.collect;

import dev.costmon.config.Account;
import dev.costmon.provider.ProviderType;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Runs one task per account on a shared pool, at most as many accounts of one provider host at a time
 * as that provider declares ({@link ProviderType#accountsPerHost()}): a provider whose rate limit is
 * per user or global sees a few requests at once however many of its accounts the config has, while
 * every other account starts at once. A host's waiting accounts hold no pool thread: each one is
 * submitted when one of the same host ends.
 */
public final class Lanes {
  private Lanes() {}

  /** The accounts' results, in the accounts' order; each future fails with its task's exception. */
  public static <T> List<Future<T>> run(ExecutorService pool, List<Account> accounts, Function<Account, T> task) {
    Map<String, Lane<T>> lanes = new LinkedHashMap<>();
    List<Future<T>> results = new ArrayList<>();
    for (Account account : accounts) {
      Lane<T> lane = lanes.computeIfAbsent(key(account), k -> new Lane<>(pool, task));
      CompletableFuture<T> result = new CompletableFuture<>();
      lane.waiting.add(new Entry<>(account, result));
      results.add(result);
    }
    for (Lane<T> lane : lanes.values()) {
      OptionalInt limit = lane.waiting.peek().account().provider().accountsPerHost();
      int start = limit.isPresent() ? Math.min(limit.getAsInt(), lane.waiting.size()) : lane.waiting.size();
      for (int i = 0; i < start; i++) {
        lane.next();
      }
    }
    return results;
  }

  /** The provider and the host its account talks to (its {@code endpoint:}, else the provider's own). */
  static String key(Account account) {
    return account.providerName() + " " + account.endpoint().map(URI::getAuthority).orElse("");
  }

  private record Entry<T>(Account account, CompletableFuture<T> result) {}

  private static final class Lane<T> {
    private final ExecutorService pool;
    private final Function<Account, T> task;
    private final Queue<Entry<T>> waiting = new ConcurrentLinkedQueue<>();

    Lane(ExecutorService pool, Function<Account, T> task) {
      this.pool = pool;
      this.task = task;
    }

    /** Submits the lane's next account, which submits the one after it when it ends. */
    void next() {
      Entry<T> entry = waiting.poll();
      if (entry == null) {
        return;
      }
      try {
        pool.execute(() -> {
          try {
            entry.result().complete(task.apply(entry.account()));
          } catch (RuntimeException | Error e) {
            entry.result().completeExceptionally(e);
          } finally {
            next();
          }
        });
      } catch (RejectedExecutionException e) {
        // The pool was shut down (the run was interrupted): this account and those after it never ran.
        entry.result().completeExceptionally(e);
        next();
      }
    }
  }
}
