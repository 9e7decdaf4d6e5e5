package dev.costmon.collect;

import dev.costmon.config.Account;
import dev.costmon.http.Http;
import dev.costmon.http.HttpEngine;
import dev.costmon.http.HttpSettings;
import dev.costmon.http.ResponseArchive;
import dev.costmon.http.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * HTTP for each account of a run, over one shared client that is only built when a provider first
 * sends a request (fixed fees never need one, and a CLI should not pay for what it does not use).
 */
final class LiveHttp implements Function<Account, Http> {
  private final HttpSettings settings;
  private final Clock clock;
  private final ResponseArchive archive;
  private final Consumer<String> verbose;
  private HttpClient client;

  LiveHttp(HttpSettings settings, Clock clock, ResponseArchive archive, Consumer<String> verbose) {
    this.settings = settings;
    this.clock = clock;
    this.archive = archive;
    this.verbose = verbose;
  }

  @Override
  public Http apply(Account account) {
    return request -> new HttpEngine(client(), settings, clock, Sleeper.system(), new SplittableRandom(), archive,
        line -> verbose.accept(account.id() + ": " + line)).send(account.id(), request);
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client = HttpEngine.newClient(settings);
    }
    return client;
  }
}
