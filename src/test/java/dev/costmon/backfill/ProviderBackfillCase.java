package dev.costmon.backfill;

import dev.costmon.provider.ProviderFixture;
import dev.costmon.provider.ProviderMonths;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each provider's backfill test shares: a loopback server for the provider's
 * {@link ProviderMonths}, one account of it in a config pointing there, a backfill run on
 * 2026-04-10 07:00 UTC, and the hand-computed daily figures to compare the stored ones with.
 */
public abstract class ProviderBackfillCase {
  /** The wall clock of every provider's backfill test. */
  public static final String NOW = "2026-04-10T07:00:00Z";

  @TempDir protected Path dir;
  protected final ProviderFixture fixture = new ProviderFixture();

  @AfterEach
  void closeFixture() {
    fixture.close();
  }

  /**
   * A backfill of one account {@code id} of {@code provider} at the loopback server, in USD.
   *
   * @param settings the account's own keys, each line indented by four spaces
   */
  protected BackfillHarness backfill(String id, String provider, String settings, Map<String, String> env) {
    return new BackfillHarness(dir, "currency: USD\ndatabase: history.db\naccounts:\n  - id: " + id + "\n    provider: "
        + provider + "\n    endpoint: " + fixture.base() + "\n" + settings, env, NOW);
  }

  /** {@code amount} of each day from {@code from} up to, not including, {@code until}. */
  protected static SortedMap<LocalDate, BigDecimal> expected(LocalDate from, LocalDate until,
      Function<LocalDate, BigDecimal> amount) {
    SortedMap<LocalDate, BigDecimal> out = new TreeMap<>();
    ProviderMonths.days(from, until).forEach(d -> out.put(d, amount.apply(d)));
    return out;
  }
}
