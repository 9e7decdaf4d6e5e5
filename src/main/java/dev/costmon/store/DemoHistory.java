package dev.costmon.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Tells a history written only by {@code costmon demo} (its runs are recorded as {@code demo}) from
 * one holding anything else, reading the file without writing a byte: the demo may replace the
 * former, never the latter.
 */
public final class DemoHistory {
  /** The run command the demo records its simulated nightly collections under. */
  public static final String RUN_COMMAND = "demo";

  private DemoHistory() {}

  /**
   * Why the file is not a history the demo wrote, in a few words; empty when everything in it came
   * from the demo.
   */
  public static Optional<String> foreign(Path db) {
    Path wal = db.resolveSibling(db.getFileName() + "-wal");
    try {
      // An open database or a killed run keeps figures in the log; reading it would mean writing.
      if (Files.exists(wal) && Files.size(wal) > 0) {
        return Optional.of("it has an unfinished write-ahead log (in use, or a run was killed)");
      }
    } catch (IOException e) {
      return Optional.of("its write-ahead log cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.OPEN_URI);
    // immutable: no locks, no -shm or -wal files, nothing written next to the file.
    try (Connection c = config.createConnection("jdbc:sqlite:" + db.toAbsolutePath().toUri() + "?immutable=1");
        Statement st = c.createStatement()) {
      if (pragma(st, "application_id") != Migrations.APPLICATION_ID) {
        return Optional.of("it is not a costmon database");
      }
      List<String> others = new ArrayList<>();
      int demoRuns = 0;
      try (ResultSet rs = st.executeQuery("SELECT command, count(*) FROM run GROUP BY command ORDER BY command")) {
        while (rs.next()) {
          if (rs.getString(1).equals(RUN_COMMAND)) {
            demoRuns = rs.getInt(2);
          } else {
            others.add(rs.getInt(2) + " " + rs.getString(1) + " run" + (rs.getInt(2) == 1 ? "" : "s"));
          }
        }
      }
      if (!others.isEmpty()) {
        return Optional.of("it holds data the demo did not write (" + String.join(", ", others) + ")");
      }
      return demoRuns == 0 ? Optional.of("it holds no demo runs") : Optional.empty();
    } catch (SQLException e) {
      return Optional.of("it cannot be read as a costmon database");
    }
  }

  private static int pragma(Statement st, String name) throws SQLException {
    try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
