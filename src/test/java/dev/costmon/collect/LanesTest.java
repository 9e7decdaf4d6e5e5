package dev.costmon.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.config.Account;
import dev.costmon.config.ConfigLoader;
import dev.costmon.config.Environment;
import dev.costmon.provider.ProviderRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LanesTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(64);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** Each account's task on the pool, as the collector starts them. */
  private Function<Account, CompletableFuture<String>> onPool(Function<Account, String> task) {
    return account -> CompletableFuture.supplyAsync(() -> task.apply(account), pool);
  }

  /** 10 openrouter accounts on its own host, 2 on another host, 3 fixed fees, bound by the real loader. */
  private static List<Account> accounts() {
    StringBuilder yaml = new StringBuilder("currency: USD\naccounts:\n");
    for (int i = 0; i < 10; i++) {
      yaml.append("  - {id: router-").append(i).append(", provider: openrouter, api_key: '${KEY}'}\n");
    }
    for (int i = 0; i < 2; i++) {
      yaml.append("  - {id: proxied-").append(i)
          .append(", provider: openrouter, api_key: '${KEY}', endpoint: 'http://127.0.0.1:9/api'}\n");
    }
    for (int i = 0; i < 3; i++) {
      yaml.append("  - {id: fee-").append(i).append(", provider: fixed, amount: 5 USD}\n");
    }
    Environment env = new Environment(Map.of("KEY", "k"), Path.of("/tmp"), Path.of("/tmp"), false);
    return new ConfigLoader(ProviderRegistry.builtIn(), env).parse(Path.of("/tmp/costmon.yaml"), yaml.toString())
        .accounts();
  }

  @Test
  void aRateLimitedProviderRunsFourAccountsPerHostAndTheOthersAllAtOnce() throws Exception {
    List<Account> accounts = accounts();
    Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> most = new ConcurrentHashMap<>();
    AtomicInteger started = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);

    List<CompletableFuture<String>> results = Lanes.run(accounts, onPool(account -> {
      String key = Lanes.key(account);
      int now = running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      most.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
      started.incrementAndGet();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.get(key).decrementAndGet();
      return account.id();
    }));

    // Before anything ends: 4 openrouter accounts on its host, 2 on the other host, the 3 fees.
    for (int i = 0; i < 1000 && started.get() < 9; i++) {
      Thread.sleep(10);
    }
    Thread.sleep(100); // room for a tenth account to start, which it must not
    assertThat(started.get()).isEqualTo(9);
    release.countDown();

    assertThat(results).extracting(f -> f.get(10, TimeUnit.SECONDS))
        .containsExactlyElementsOf(accounts.stream().map(Account::id).toList());
    assertThat(started.get()).isEqualTo(15);
    assertThat(most.get("openrouter ").get()).isEqualTo(4);
    assertThat(most.get("openrouter 127.0.0.1:9").get()).isEqualTo(2);
    assertThat(most.get("fixed ").get()).isEqualTo(3);
  }

  @Test
  void aFailingAccountStartsTheNextOneOfItsHost() throws Exception {
    List<Account> accounts = accounts().subList(0, 6);
    List<CompletableFuture<String>> results = Lanes.run(accounts, onPool(account -> {
      if (account.id().equals("router-0")) {
        throw new IllegalStateException("boom");
      }
      return account.id();
    }));

    assertThat(results.get(0)).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().withMessageContaining("boom");
    assertThat(results.subList(1, 6)).extracting(f -> f.get(10, TimeUnit.SECONDS))
        .containsExactly("router-1", "router-2", "router-3", "router-4", "router-5");
  }
}
