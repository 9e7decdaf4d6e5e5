package dev.costmon.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.config.ConfigLoader;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.Environment;
import dev.costmon.model.ObservationKind;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntSupplier;

/**
 * A backfill of one config against providers on loopback, for every provider's backfill test: the
 * real config loader, plan and {@link BackfillService} (real HTTP, Retry-After waits included) and a
 * real SQLite file, with what was stored read back per day.
 */
public final class BackfillHarness {
  private final CostmonConfig config;
  private final Clock clock;

  /**
   * @param yaml the whole config; {@code database:} is relative to {@code dir}
   * @param env the secrets it refers to
   * @param now the backfill's wall clock (UTC)
   */
  public BackfillHarness(Path dir, String yaml, Map<String, String> env, String now) {
    this.clock = Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
    try {
      Path file = Files.writeString(dir.resolve("costmon.yaml"), yaml);
      java.util.Map<String, String> all = new java.util.HashMap<>(env);
      all.put("HOME", dir.toString());
      this.config = new ConfigLoader(ProviderRegistry.builtIn(), new Environment(all, dir, dir, false)).load(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public CostmonConfig config() {
    return config;
  }

  /** What a backfill of {@code from}..{@code to} would ask, as {@code collect --from} plans it. */
  public BackfillPlan plan(String from, String to, OptionalInt maxRequests) {
    return BackfillPlan.of(config.accounts(), LocalDate.parse(from), LocalDate.parse(to), clock.instant(),
        config.timezone(), config.lookbackDays(), maxRequests);
  }

  /** Backfills {@code from}..{@code to}; windows stored before are skipped. */
  public BackfillResult run(String from, String to) {
    return run(plan(from, to, OptionalInt.empty()));
  }

  public BackfillResult run(BackfillPlan plan) {
    return run(plan, () -> false, BackfillListener.NONE);
  }

  /** Runs {@code plan} until {@code stop} answers true (as Ctrl-C does), telling {@code listener}. */
  public BackfillResult run(BackfillPlan plan, java.util.function.BooleanSupplier stop, BackfillListener listener) {
    return new BackfillService(config, clock, line -> { }).run(plan, false, stop, listener);
  }

  /** The statuses of the first account's windows, oldest first. */
  public static List<WindowResult.Status> statuses(BackfillResult result) {
    return result.accounts().get(0).windows().stream().map(WindowResult::status).toList();
  }

  /** The stored spend of {@code account} per day (every service added up), latest snapshot per day. */
  public SortedMap<LocalDate, BigDecimal> dailySpend(String account, String from, String to) {
    SortedMap<LocalDate, BigDecimal> out = new TreeMap<>();
    try (Database db = Database.open(config.database(), false)) {
      new History(db).latest(LocalDate.parse(from), LocalDate.parse(to)).stream()
          .filter(o -> o.account().equals(account) && o.observation().kind() == ObservationKind.SPEND)
          .forEach(o -> out.merge(o.observation().day(), o.observation().value(), BigDecimal::add));
    }
    return out;
  }

  /**
   * The same backfill again asks nothing ({@code requests} does not move), skips every window and
   * leaves every stored day as it was: nothing counts twice.
   */
  public void assertRerunChangesNothing(String account, String from, String to, IntSupplier requests) {
    SortedMap<LocalDate, BigDecimal> before = dailySpend(account, from, to);
    int asked = requests.getAsInt();

    BackfillResult again = run(from, to);

    assertThat(statuses(again)).isNotEmpty().containsOnly(WindowResult.Status.SKIPPED);
    assertThat(requests.getAsInt()).isEqualTo(asked);
    assertThat(dailySpend(account, from, to)).isEqualTo(before);
  }

  /** {@code expected} per day, compared as amounts (2.50 equals 2.5). */
  public static void assertSameAmounts(SortedMap<LocalDate, BigDecimal> actual,
      SortedMap<LocalDate, BigDecimal> expected) {
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((day, amount) -> assertThat(actual.get(day)).as(day.toString()).isEqualByComparingTo(amount));
  }
}
