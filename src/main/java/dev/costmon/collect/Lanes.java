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
import java.util.function.Function;

/**
 * Starts one task per account, at most as many accounts of one provider host at a time as that
 * provider declares ({@link ProviderType#accountsPerHost()}): a provider whose rate limit is per user
 * or global sees a few requests at once however many of its accounts the config has, while every
 * other account starts at once. A host's waiting accounts hold no thread: each one is started when
 * one of the same host is done, that is when the future its task returned completes, which for an
 * account abandoned at its timeout is before its thread returns.
 */
public final class Lanes {
  private Lanes() {}

  /**
   * The accounts' results, in the accounts' order; each fails with its task's exception.
   *
   * @param start starts an account's task (on a thread of its own, without blocking) and returns
   *     its result; throwing (a pool shut down) fails that account and starts the next
   */
  public static <T> List<CompletableFuture<T>> run(List<Account> accounts,
      Function<Account, CompletableFuture<T>> start) {
    Map<String, Lane<T>> lanes = new LinkedHashMap<>();
    List<CompletableFuture<T>> results = new ArrayList<>();
    for (Account account : accounts) {
      Lane<T> lane = lanes.computeIfAbsent(key(account), k -> new Lane<>(start));
      CompletableFuture<T> result = new CompletableFuture<>();
      lane.waiting.add(new Entry<>(account, result));
      results.add(result);
    }
    for (Lane<T> lane : lanes.values()) {
      OptionalInt limit = lane.waiting.peek().account().provider().accountsPerHost();
      int first = limit.isPresent() ? Math.min(limit.getAsInt(), lane.waiting.size()) : lane.waiting.size();
      for (int i = 0; i < first; i++) {
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
    private final Function<Account, CompletableFuture<T>> start;
    private final Queue<Entry<T>> waiting = new ConcurrentLinkedQueue<>();

    Lane(Function<Account, CompletableFuture<T>> start) {
      this.start = start;
    }

    /** Starts the lane's next account, which starts the one after it when it is done. */
    void next() {
      Entry<T> entry = waiting.poll();
      if (entry == null) {
        return;
      }
      CompletableFuture<T> done;
      try {
        done = start.apply(entry.account());
      } catch (RuntimeException | Error e) {
        // The pool was shut down (the run was interrupted): this account never ran.
        done = CompletableFuture.failedFuture(e);
      }
      done.whenComplete((value, failure) -> {
        if (failure == null) {
          entry.result().complete(value);
        } else {
          entry.result().completeExceptionally(failure);
        }
        next();
      });
    }
  }
}
