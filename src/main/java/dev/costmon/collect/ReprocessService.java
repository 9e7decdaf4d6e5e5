package dev.costmon.collect;

import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.http.ReplayHttp;
import dev.costmon.model.Observation;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.store.AccountSnapshot;
import dev.costmon.store.CollectLock;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.RawArchive;
import dev.costmon.store.RawResponse;
import dev.costmon.store.SnapshotRef;
import dev.costmon.store.SnapshotStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code costmon reprocess}: rebuilds observations from the raw archive without calling any
 * provider. Each archived run is replayed through the provider's own mapping with the window and
 * clock it had, oldest first, and stored as a new snapshot carrying the original times, so the
 * latest figures per day come out as a live collection would have left them.
 */
public final class ReprocessService {
  private final CostmonConfig config;
  private final Clock clock;
  private final Consumer<String> verbose;

  public ReprocessService(CostmonConfig config, Clock clock, Consumer<String> verbose) {
    this.config = config;
    this.clock = clock;
    this.verbose = verbose;
  }

  @SuppressWarnings("try") // the lock is held, not used, for the whole block
  public List<ReprocessOutcome> run(List<Account> accounts, LocalDate from) {
    try (CollectLock lock = CollectLock.acquire(config.database());
        Database db = Database.open(config.database(), false)) {
      History history = new History(db);
      RawArchive raw = new RawArchive(history);
      long runId = Runs.start(history, "reprocess", clock.instant(), verbose);
      List<ReprocessOutcome> outcomes = new ArrayList<>();
      for (Account account : accounts) {
        outcomes.add(reprocess(account, from, history, raw, runId));
      }
      history.finishRun(runId, clock.instant(),
          outcomes.stream().allMatch(o -> o.error().isEmpty()) ? "ok" : "partial");
      Textfile.refresh(config, history, clock, verbose);
      return outcomes;
    }
  }

  private ReprocessOutcome reprocess(Account account, LocalDate from, History history, RawArchive raw, long runId) {
    if (account.unavailable().isPresent()) {
      // Replaying signs and redacts requests as they were made: that needs the secrets.
      return new ReprocessOutcome(account, 0, 0, 0, account.unavailable().get());
    }
    int done = 0;
    int figures = 0;
    int withoutArchive = 0;
    for (SnapshotRef s : history.snapshotsSince(account.id(), from.atStartOfDay(config.timezone()).toInstant())) {
      List<RawResponse> responses = raw.ofRun(account.id(), s.runId());
      if (responses.isEmpty()) {
        withoutArchive++;
        continue;
      }
      CollectWindow window = new CollectWindow(s.windowFrom(), s.windowTo(), s.startedAt(), config.timezone());
      ReplayHttp replay = new ReplayHttp(responses.stream()
          .map(r -> new ReplayHttp.Recorded(r.method(), r.url(), r.status(), r.contentType(), r.body(),
              r.requestSha256())).toList());
      AccountContext context = new AccountContext(Clock.fixed(s.startedAt(), config.timezone()),
          line -> verbose.accept(account.id() + ": " + line), account, replay);
      try {
        List<Observation> observations = Collector.collectWith(account.provider(), account, window, context);
        history.append(runId, new AccountSnapshot(account.id(), account.providerName(), s.startedAt(),
            s.startedAt(), SnapshotStatus.OK, null, s.windowFrom(), s.windowTo(), observations));
        done++;
        figures += observations.size();
      } catch (ProviderException e) {
        return new ReprocessOutcome(account, done, figures, withoutArchive,
            "run of " + s.startedAt() + ": " + e.getMessage());
      }
    }
    return new ReprocessOutcome(account, done, figures, withoutArchive, "");
  }
}
