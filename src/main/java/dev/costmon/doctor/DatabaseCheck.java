package dev.costmon.doctor;

import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the history database the way report and check do: never creates it; an older schema is
 * migrated on open, as by any command, so afterwards it is current.
 */
final class DatabaseCheck {
  private static final String TOPIC = "database";

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
