package dev.costmon.doctor;

import dev.costmon.config.Account;
import dev.costmon.http.Http;
import dev.costmon.http.HttpEngine;
import dev.costmon.http.HttpSettings;
import dev.costmon.http.ResponseArchive;
import dev.costmon.http.SharedClient;
import dev.costmon.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * HTTP for the probes, as collect's but archiving nothing (a probe is not a collection) and giving
 * up sooner: doctor is run by a person waiting for it. The client is built on the first request.
 */
final class ProbeHttp implements Function<Account, Http>, AutoCloseable {
  /** 10 s to connect, 30 s per request, one retry, at most 10 s of Retry-After, 8 MiB. */
  static final HttpSettings SETTINGS =
      new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 2, Duration.ofSeconds(10), 8L * 1024 * 1024);

  private final Clock clock;
  private final Consumer<String> verbose;
  private final SharedClient client = new SharedClient(SETTINGS);

  ProbeHttp(Clock clock, Consumer<String> verbose) {
    this.clock = clock;
    this.verbose = verbose;
  }

  @Override
  public Http apply(Account account) {
    return request -> new HttpEngine(client.get(), SETTINGS, clock, Sleeper.system(), new SplittableRandom(),
        ResponseArchive.NONE, line -> verbose.accept(account.id() + ": " + line)).send(account.id(), request);
  }

  @Override
  public void close() {
    client.close();
  }
}
