package dev.costmon.collect;

import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.provider.focus.FocusException;
import dev.costmon.provider.focus.FocusReader;
import dev.costmon.provider.focus.FocusRules;
import dev.costmon.provider.focus.FocusSettings;
import dev.costmon.provider.focus.FocusTotals;
import dev.costmon.store.AccountSnapshot;
import dev.costmon.store.CollectLock;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.ImportedFiles;
import dev.costmon.store.ImportedFiles.ImportedFile;
import dev.costmon.store.SnapshotStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code costmon import focus}: FOCUS exports into an account's history. Each file becomes one
 * snapshot, written with its fingerprint (SHA-256 of its bytes) in one transaction; a file the
 * account already has changes nothing. The snapshot replaces the account's figures of the days it holds,
 * so files given in order (or an export re-delivered with revised figures) leave the newest figures
 * per day, and the same rows imported again give the same totals. Parts of one export are summed into
 * one snapshot instead.
 */
public final class ImportService {
  private static final String FORMAT = "focus";

  private final CostmonConfig config;
  private final Clock clock;
  private final Consumer<String> verbose;

  public ImportService(CostmonConfig config, Clock clock, Consumer<String> verbose) {
    this.config = config;
    this.clock = clock;
    this.verbose = verbose;
  }

  /**
   * Imports the files in order, each as its own snapshot, or all as one if they are {@code parts}
   * of one export; reports each outcome to {@code progress} as soon as it is stored.
   *
   * @throws FocusException naming the file (and line) that could not be imported; the files before it
   *     are stored, nothing of it is
   */
  @SuppressWarnings("try") // the lock is held, not used, for the whole block
  public List<ImportOutcome> focus(Account account, List<Path> files, boolean parts, Consumer<ImportOutcome> progress) {
    FocusRules rules = account.settings() instanceof FocusSettings s ? s.rules() : FocusRules.ALL;
    FocusReader reader = new FocusReader(rules);
    List<ImportOutcome> outcomes = new ArrayList<>();
    try (CollectLock lock = CollectLock.acquire(config.database());
        Database db = Database.open(config.database(), true)) {
      History history = new History(db);
      ImportedFiles imported = new ImportedFiles(history);
      long runId = Runs.start(history, "import", clock.instant(), verbose);
      boolean changed = false;
      try {
        List<List<Path>> batches = parts ? List.of(files) : files.stream().map(List::of).toList();
        for (List<Path> batch : batches) {
          ImportOutcome o = importBatch(account, batch, reader, imported, runId);
          changed |= !o.skipped();
          outcomes.add(o);
          progress.accept(o);
        }
      } finally {
        history.finishRun(runId, clock.instant(), outcomes.size() == (parts ? 1 : files.size()) ? "ok" : "failed");
      }
      if (changed) {
        Textfile.refresh(config, history, clock, verbose);
      }
    }
    return outcomes;
  }

  private ImportOutcome importBatch(
      Account account, List<Path> batch, FocusReader reader, ImportedFiles imported, long runId) {
    Instant start = clock.instant();
    // The fingerprint is taken beside the parse: a file the account already has is recognised once it
    // is hashed, and not parsed to its end.
    FocusTotals totals = new FocusTotals();
    List<FocusReader.Read> reads = new ArrayList<>();
    List<Path> knownFiles = new ArrayList<>();
    Optional<ImportedFiles.Earlier> earlier = Optional.empty();
    for (Path file : batch) {
      AtomicReference<Optional<ImportedFiles.Earlier>> known = new AtomicReference<>(Optional.empty());
      Optional<FocusReader.Read> read = inFile(file, () -> reader.readUnlessKnown(file, sha256 -> {
        known.set(imported.find(account.id(), sha256));
        return known.get().isPresent();
      }));
      if (read.isEmpty()) {
        verbose.accept(file + ": already imported into " + account.id() + " (sha256 known), not parsed");
        knownFiles.add(file);
        earlier = earlier.or(known::get);
      } else {
        reads.add(read.get());
      }
    }
    if (reads.isEmpty()) {
      verbose.accept(batch + ": already imported into " + account.id() + " (snapshot " + earlier.get().snapshotId()
          + "), skipped");
      return new ImportOutcome(batch, true, earlier.get().importedAt(), 0, 0, 0, Optional.empty(), Optional.empty());
    }
    // Parts of one export are stored as one snapshot: a known part beside a new one is read after all.
    for (Path file : knownFiles) {
      reads.add(inFile(file, () -> reader.read(file)));
    }
    for (FocusReader.Read r : reads) {
      verbose.accept(r.file() + ": FOCUS " + r.version() + ", " + r.totals().rows() + " rows, "
          + r.totals().counted() + " counted, sha256 " + r.sha256());
      totals.addAll(r.totals());
    }
    for (String code : totals.currencies()) {
      if (!config.fx().canObtain(Money.currency(code))) {
        throw new FocusException(batch.get(0) + ": the rows are billed in " + code + " but fx: has no rate for "
            + code + " into " + config.currency().getCurrencyCode() + "; add it, e.g. fx: {" + code + ": 1.08}");
      }
    }
    List<Observation> observations = totals.observations();
    Instant now = clock.instant();
    AccountSnapshot snapshot = new AccountSnapshot(account.id(), account.providerName(), start, now,
        SnapshotStatus.OK, null, totals.firstDay().orElse(null), totals.lastDay().orElse(null), observations);
    List<ImportedFile> records = new ArrayList<>();
    for (FocusReader.Read r : reads) {
      records.add(new ImportedFile(r.sha256(), FORMAT, r.file().toAbsolutePath().toString(), r.size(),
          r.totals().rows(), r.totals().firstDay().orElse(null), r.totals().lastDay().orElse(null)));
    }
    imported.append(runId, snapshot, records, now);
    return new ImportOutcome(batch, false, now, totals.rows(), totals.counted(), observations.size(),
        totals.firstDay(), totals.lastDay());
  }

  private static <T> T inFile(Path file, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (FocusException e) {
      throw new FocusException(file + ": " + e.getMessage(), e);
    }
  }
}
