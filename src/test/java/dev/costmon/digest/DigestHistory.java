package dev.costmon.digest;

import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.store.AccountSnapshot;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.SnapshotStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A history for digest tests, written into a real SQLite file through the store, as nightly collects
 * would have left it on the morning of 2026-11-23: a DigitalOcean account with a droplet running all
 * month, a bucket that grows, and a GPU droplet "ml-test" started on 2026-11-22; a fixed fee in EUR;
 * a Supabase database near its quota; and a Vercel account whose collects stopped on 2026-11-20.
 */
public final class DigestHistory {
  /** The morning after: the next digest is about 2026-11-22. */
  public static final Instant MORNING = Instant.parse("2026-11-23T07:00:00Z");

  /** The config the history belongs to; {@code database: history.db} beside it. */
  public static final String CONFIG = """
      currency: USD
      database: history.db
      fx: {EUR: 1.08}
      cap: 600 USD
      accounts:
        - id: do
          provider: digitalocean
          token: ${DO_TOKEN}
          cap: 300 USD
        - id: ionos
          provider: fixed
          amount: 6 EUR
          cap: 10 EUR
        - id: supabase
          provider: fixed
          amount: 25 USD
          quotas: {database_size: 8GB}
        - id: vercel
          provider: fixed
          amount: 20 USD
      """;

  private DigestHistory() {}

  public static void write(Path database) {
    try (Database db = Database.open(database, true)) {
      History h = new History(db);
      for (LocalDate day = LocalDate.parse("2026-11-01"); day.isBefore(LocalDate.parse("2026-11-23"));
          day = day.plusDays(1)) {
        Instant at = day.plusDays(1).atTime(6, 0).toInstant(java.time.ZoneOffset.UTC);
        long run = h.startRun("collect", at);
        int n = day.getDayOfMonth();
        List<Observation> droplets = new ArrayList<>();
        droplets.add(Observation.spend(day, "Droplets / web-1", Money.of("1.60", "USD"), Provenance.ESTIMATE));
        // The bucket grows by 0.10 USD a day.
        droplets.add(Observation.spend(day, "Spaces / assets",
            Money.of(new BigDecimal("0.50").add(new BigDecimal("0.10").multiply(BigDecimal.valueOf(n))).toPlainString(),
                "USD"), Provenance.ESTIMATE));
        if (day.equals(LocalDate.parse("2026-11-22"))) {
          droplets.add(Observation.spend(day, "Droplets / ml-test", Money.of("25.50", "USD"), Provenance.ESTIMATE));
        }
        h.append(run, snapshot("do", "digitalocean", at, droplets));
        h.append(run, snapshot("ionos", "fixed", at, List.of(Observation.spend(day, "monthly fee",
            Money.of("0.2", "EUR"), Provenance.FIXED))));
        h.append(run, snapshot("supabase", "fixed", at, List.of(
            Observation.spend(day, "monthly fee", Money.of("0.8333", "USD"), Provenance.FIXED),
            Observation.usage(day, "database_size", "", BigDecimal.valueOf(6_000_000_000L + 50_000_000L * n),
                "bytes", Aggregation.LAST, Provenance.API))));
        if (n <= 20) {
          h.append(run, snapshot("vercel", "fixed", at, List.of(Observation.spend(day, "Pro plan",
              Money.of("0.6667", "USD"), Provenance.FIXED))));
        }
        h.finishRun(run, at.plusSeconds(5), "ok");
      }
    }
  }

  private static AccountSnapshot snapshot(String account, String provider, Instant at, List<Observation> rows) {
    LocalDate day = rows.get(0).day();
    return new AccountSnapshot(account, provider, at, at.plusSeconds(2), SnapshotStatus.OK, null, day, day, rows);
  }
}
