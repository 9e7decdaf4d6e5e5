package dev.costmon.collect;

import dev.costmon.config.Account;
import dev.costmon.http.Http;
import dev.costmon.http.HttpEngine;
import dev.costmon.http.HttpSettings;
import dev.costmon.http.ResponseArchive;
import dev.costmon.http.SharedClient;
import dev.costmon.http.Sleeper;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/** HTTP for each account of a run, over one {@link SharedClient}; closed when the run is done. */
public final class LiveHttp implements Function<Account, Http>, AutoCloseable {
  private final HttpSettings settings;
  private final Clock clock;
  private final ResponseArchive archive;
  private final Consumer<String> verbose;
  private final SharedClient client;

  public LiveHttp(HttpSettings settings, Clock clock, ResponseArchive archive, Consumer<String> verbose) {
    this.settings = settings;
    this.clock = clock;
    this.archive = archive;
    this.verbose = verbose;
    this.client = new SharedClient(settings);
  }

  @Override
  public Http apply(Account account) {
    return archivingTo(account, archive);
  }

  /** HTTP for the account whose responses go to {@code to} instead of the run's archive. */
  public Http archivingTo(Account account, ResponseArchive to) {
    return request -> new HttpEngine(client.get(), settings, clock, Sleeper.system(), new SplittableRandom(), to,
        line -> verbose.accept(account.id() + ": " + line)).send(account.id(), request);
  }

  /**
   * HTTP for a reference source that is no account ({@code fx: {source: ecb}}): its answers are public
   * data, not a provider's, so they are not archived.
   */
  public Http named(String who) {
    return request -> new HttpEngine(client.get(), settings, clock, Sleeper.system(), new SplittableRandom(),
        ResponseArchive.NONE, line -> verbose.accept(who + ": " + line)).send(who, request);
  }

  @Override
  public void close() {
    client.close();
  }
}
