package dev.costmon.doctor;

import dev.costmon.budget.UnmatchedRates;
import dev.costmon.config.Account;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Opens the history database the way report and check do: never creates it; an older schema is
 * migrated on open, as by any command, so afterwards it is current.
 */
final class DatabaseCheck {
  private static final String TOPIC = "database";
  /** How far back a rates: pattern is looked for in the usage: two months covers a closed month. */
  private static final int RATES_DAYS = 62;

  /** A WARN for each {@code rates:} dimension pattern that matched no usage the accounts reported lately. */
  List<Finding> rates(Path database, List<Account> accounts, LocalDate today) {
    if (!Files.exists(database) || accounts.stream().allMatch(a -> a.rates().isEmpty())) {
      return List.of();
    }
    try (Database db = Database.open(database, false)) {
      return UnmatchedRates.find(accounts, new History(db).latest(today.minusDays(RATES_DAYS), today)).stream()
          .map(line -> Finding.warn("rates", line)).toList();
    } catch (StoreException e) {
      return List.of();
    }
  }

  Finding run(Path database) {
    if (!Files.exists(database)) {
      Path dir = database.toAbsolutePath().getParent();
      if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
        return Finding.fail(TOPIC, database + ": no history yet, and collect cannot create it: " + dir
            + " is not writable");
      }
      return Finding.warn(TOPIC, database + ": no history yet, run costmon collect");
    }
    try (Database db = Database.open(database, false)) {
      return Finding.ok(TOPIC, database + ": opens, schema current, "
          + new History(db).dayRange().map(r -> "history " + r.first() + " .. " + r.last()).orElse("no figures yet"));
    } catch (StoreException e) {
      return Finding.fail(TOPIC, e.getMessage());
    }
  }
}
