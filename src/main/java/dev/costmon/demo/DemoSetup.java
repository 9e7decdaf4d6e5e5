package dev.costmon.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.costmon.budget.MonthAnalyzer;
import dev.costmon.budget.MonthView;
import dev.costmon.collect.CollectResult;
import dev.costmon.collect.Collector;
import dev.costmon.config.ConfigLoader;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.Environment;
import dev.costmon.export.PromTextfile;
import dev.costmon.fx.RateHistory;
import dev.costmon.http.Http;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.store.Database;
import dev.costmon.store.DemoHistory;
import dev.costmon.store.ExchangeRates;
import dev.costmon.store.History;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds the demo: a config of synthetic accounts in a directory, and N days of history made by
 * running the real collector once per past day (as the nightly timer would have), then the
 * {@code .prom} file.
 */
public final class DemoSetup {
  private static final String CONFIG = "costmon.yaml";
  /** The history and .prom file the demo's config names. */
  private static final String HISTORY = "history.db";
  private static final String TEXTFILE = "costmon.prom";
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

  /**
   * Writes a fresh demo config into {@code dir}, replacing an earlier demo there.
   *
   * @throws DemoRefusedException when {@code dir} holds anything but an earlier demo: its history,
   *     recognised from the database itself, with the demo's config and .prom file; nothing is touched
   */
  public CostmonConfig prepare(Path dir) {
    refuseForeign(dir);
    try {
      Files.createDirectories(dir);
      for (String old : new String[] {HISTORY, HISTORY + "-wal", HISTORY + "-shm", TEXTFILE}) {
        Files.deleteIfExists(dir.resolve(old));
      }
      Path config = dir.resolve(CONFIG);
      try (InputStream in = DemoSetup.class.getResourceAsStream(CONFIG)) {
        Files.copy(in, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      ownerOnly(config);
      return new ConfigLoader(providers, environment).load(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo into " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The demo replaces only what it made itself: an empty or missing directory, or one whose history
   * holds nothing but demo runs (file names prove nothing), beside the demo's own config.
   */
  private static void refuseForeign(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    String keep = "; nothing was changed: give an empty or new directory with --dir";
    if (!Files.isDirectory(dir)) {
      throw new DemoRefusedException(dir + " is not a directory" + keep);
    }
    List<String> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries = list.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new DemoRefusedException("cannot read " + dir + " (" + e.getClass().getSimpleName() + ")" + keep);
    }
    if (entries.isEmpty()) {
      return;
    }
    Path history = dir.resolve(HISTORY);
    if (!Files.isRegularFile(history)) {
      throw new DemoRefusedException(dir + " is not empty and holds no demo history (" + String.join(", ",
          entries.subList(0, Math.min(3, entries.size()))) + (entries.size() > 3 ? ", ..." : "") + ")" + keep);
    }
    DemoHistory.foreign(history).ifPresent(why -> {
      throw new DemoRefusedException(history + " is not a demo history: " + why + keep);
    });
    Path config = dir.resolve(CONFIG);
    if (Files.exists(config) && !isDemoConfig(config)) {
      throw new DemoRefusedException(config + " is not the demo's config (it has no 'demo: true')" + keep);
    }
  }

  private static boolean isDemoConfig(Path config) {
    try {
      JsonNode root = new YAMLMapper().readTree(config.toFile());
      return root != null && root.path("demo").asBoolean(false);
    } catch (IOException e) {
      return false;
    }
  }

  /** The config as doctor wants it: readable by its owner only. */
  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // No POSIX modes on this file system: nothing to tighten.
    }
  }

  /** Simulates {@code days} nightly collections ending now, then writes the {@code .prom} file. */
  public MonthView backfill(CostmonConfig config, int days, Consumer<String> verbose) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, config.timezone());
    try (Database db = Database.open(config.database(), true)) {
      History history = new History(db);
      // As a collect does: the config's rates are stored, here from the demo's first day, so the
      // demo's closed months are converted with a recorded rate like a real history's.
      LocalDate first = today.minusDays(days - 1L);
      ExchangeRates rates = new ExchangeRates(history);
      rates.record(RateHistory.toRecord(config.fx(), rates.all(), first),
          first.atTime(RUN_TIME).atZone(config.timezone()).toInstant());
      for (int i = days - 1; i >= 0; i--) {
        Instant runAt = today.minusDays(i).atTime(RUN_TIME).atZone(config.timezone()).toInstant();
        Instant at = i == 0 || runAt.isAfter(now) ? now : runAt;
        Clock runClock = Clock.fixed(at, config.timezone());
        CollectWindow window = CollectWindow.of(at, config.timezone(), config.lookbackDays());
        long runId = history.startRun(DemoHistory.RUN_COMMAND, at);
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
