package dev.costmon.collect;

import dev.costmon.budget.MonthAnalyzer;
import dev.costmon.budget.MonthView;
import dev.costmon.config.CostmonConfig;
import dev.costmon.export.PromTextfile;
import dev.costmon.store.History;
import java.time.Clock;
import java.time.YearMonth;
import java.util.function.Consumer;

/** Rewrites the configured {@code .prom} file from the history after the history changed. */
public final class Textfile {
  private Textfile() {}

  public static void refresh(CostmonConfig config, History history, Clock clock, Consumer<String> verbose) {
    config.textfile().ifPresent(path -> {
      MonthView view = new MonthAnalyzer(config).analyze(history, YearMonth.now(clock.withZone(config.timezone())),
          clock.instant());
      new PromTextfile(config.breakdownSeries(), config.attribution().top(), config.timezone()).write(path, view, config.demo());
      verbose.accept("wrote " + path);
    });
  }
}
