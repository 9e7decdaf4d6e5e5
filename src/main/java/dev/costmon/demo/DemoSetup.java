package dev.costmon.demo;

import dev.costmon.budget.MonthAnalyzer;
import dev.costmon.budget.MonthView;
import dev.costmon.collect.CollectResult;
import dev.costmon.collect.Collector;
import dev.costmon.config.ConfigLoader;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.Environment;
import dev.costmon.export.PromTextfile;
import dev.costmon.http.Http;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.function.Consumer;

/**
 * Builds the demo: a config of synthetic accounts in a directory, and N days of history made by
 * running the real collector once per past day (as the nightly timer would have), then the
 * {@code .prom} file.
 */
public final class DemoSetup {
  private static final String CONFIG = "costmon.yaml";
  /** The hour the simulated nightly runs happen at. */
  private static final LocalTime RUN_TIME = LocalTime.of(6, 0);

  /** Demo accounts never call a provider; a request would be a bug, and says so. */
  private static final Http OFFLINE = request -> {
    throw new ProviderException(ProviderException.Kind.OTHER, "the demo makes no network requests");
  };

  private final Environment environment;
  private final Clock clock;
  private final ProviderRegistry providers;

  public DemoSetup(Environment environment, Clock clock, ProviderRegistry providers) {
    this.environment = environment;
    this.clock = clock;
    this.providers = providers;
  }

  /** Writes a fresh demo config into {@code dir}, removing an earlier demo history there. */
  public CostmonConfig prepare(Path dir) {
    try {
      Files.createDirectories(dir);
      for (String old : new String[] {"history.db", "history.db-wal", "history.db-shm", "costmon.prom"}) {
        Files.deleteIfExists(dir.resolve(old));
      }
      Path config = dir.resolve(CONFIG);
      try (InputStream in = DemoSetup.class.getResourceAsStream(CONFIG)) {
        Files.copy(in, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return new ConfigLoader(providers, environment).load(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo into " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Simulates {@code days} nightly collections ending now, then writes the {@code .prom} file. */
  public MonthView backfill(CostmonConfig config, int days, Consumer<String> verbose) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, config.timezone());
    try (Database db = Database.open(config.database(), true)) {
      History history = new History(db);
      for (int i = days - 1; i >= 0; i--) {
        Instant runAt = today.minusDays(i).atTime(RUN_TIME).atZone(config.timezone()).toInstant();
        Instant at = i == 0 || runAt.isAfter(now) ? now : runAt;
        Clock runClock = Clock.fixed(at, config.timezone());
        CollectWindow window = CollectWindow.of(at, config.timezone(), config.lookbackDays());
        long runId = history.startRun("demo", at);
        CollectResult result =
            Collector.of(config, runClock, verbose, account -> OFFLINE).collect(config.accounts(), window, history, runId, o -> { });
        history.finishRun(runId, at, result.failures() == 0 ? "ok" : "partial");
      }
      MonthView view = new MonthAnalyzer(config).analyze(history, YearMonth.from(today), now);
      config.textfile().ifPresent(path ->
          new PromTextfile(config.breakdownSeries(), config.attribution().top(), config.timezone()).write(path, view, true));
      return view;
    }
  }
}
