package dev.costmon.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.SQLiteException;

/**
 * The SQLite history file: opened in WAL mode with a busy timeout and foreign keys on, checked to be
 * a costmon database, and migrated to the current schema.
 */
public final class Database implements AutoCloseable {
  private final Path path;
  private final Connection connection;

  private Database(Path path, Connection connection) {
    this.path = path;
    this.connection = connection;
  }

  /** Loads sqlite's native library, so that a later {@link #open} finds it loaded; called at start-up. */
  public static void warmUp() {
    try {
      SQLiteJDBCLoader.initialize();
    } catch (Exception e) {
      throw new StoreException("cannot load sqlite's native library: " + e.getMessage(), e);
    }
  }

  /** Opens the database, creating it (and its directory) if {@code create} is set. */
  public static Database open(Path path, boolean create) {
    if (!Files.exists(path)) {
      if (!create) {
        throw new StoreException("no history at " + path + " yet; run 'costmon collect' first");
      }
      DatabaseFile.createOwnerOnly(path);
    }
    DatabaseFile.refuseForeign(path);
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    config.enforceForeignKeys(true);
    try {
      Connection connection = config.createConnection("jdbc:sqlite:" + path.toAbsolutePath());
      Database db = new Database(path, connection);
      try {
        db.migrate();
      } catch (RuntimeException | SQLException e) {
        connection.close();
        throw e;
      }
      return db;
    } catch (SQLException e) {
      throw new StoreException(describe(path, e), e);
    }
  }

  public Path path() {
    return path;
  }

  Connection connection() {
    return connection;
  }

  private void migrate() throws SQLException {
    int applicationId = pragma("application_id");
    int version = pragma("user_version");
    if (applicationId != Migrations.APPLICATION_ID) {
      if (applicationId != 0 || version != 0 || hasTables()) {
        throw new StoreException(path + " is not a costmon database (it holds other data); choose another database: path");
      }
    }
    if (version > Migrations.STEPS.size()) {
      throw new StoreException(path + " was written by a newer costmon (schema " + version
          + ", this one knows " + Migrations.STEPS.size() + "); upgrade costmon");
    }
    if (version == Migrations.STEPS.size()) {
      return;
    }
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      for (int v = version; v < Migrations.STEPS.size(); v++) {
        for (String sql : Migrations.STEPS.get(v).split(";\\s*\\n")) {
          if (!sql.isBlank()) {
            st.execute(sql);
          }
        }
      }
      st.execute("PRAGMA application_id = " + Migrations.APPLICATION_ID);
      st.execute("PRAGMA user_version = " + Migrations.STEPS.size());
      connection.commit();
    } catch (SQLException e) {
      // Keep the first error: after a failed commit SQLite may have rolled back already.
      try {
        connection.rollback();
      } catch (SQLException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    connection.setAutoCommit(true);
  }

  private int pragma(String name) throws SQLException {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private boolean hasTables() throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
      return rs.next() && rs.getInt(1) > 0;
    }
  }

  static String describe(Path path, SQLException e) {
    if (e instanceof SQLiteException s) {
      SQLiteErrorCode code = s.getResultCode();
      if (code == SQLiteErrorCode.SQLITE_NOTADB) {
        return path + " is not a costmon database (not an SQLite file)";
      }
      if (code == SQLiteErrorCode.SQLITE_CORRUPT) {
        return path + " is corrupt (" + code.message + "); restore it from a backup";
      }
      if (code == SQLiteErrorCode.SQLITE_CANTOPEN) {
        return "cannot open " + path + " (check the directory exists and is writable)";
      }
      if (code == SQLiteErrorCode.SQLITE_READONLY || code == SQLiteErrorCode.SQLITE_PERM
          || (code.code & 0xff) == SQLiteErrorCode.SQLITE_READONLY.code) {
        return "permission denied: " + path + " is read-only for this user (" + Failures.writableHint(path) + ")";
      }
      // A full disk shows as SQLITE_FULL, or as an I/O error (SQLITE_IOERR_SHMSIZE, _WRITE) once nearly full.
      if (code == SQLiteErrorCode.SQLITE_FULL) {
        return "cannot write " + path + ": " + Failures.diskFullAnyway(path) + " [" + code.name() + "]";
      }
      if ((code.code & 0xff) == SQLiteErrorCode.SQLITE_IOERR.code) {
        return "cannot write " + path + ": " + Failures.diskFull(path).orElse("disk I/O error") + " ["
            + code.name() + "]";
      }
      if (code == SQLiteErrorCode.SQLITE_BUSY) {
        return path + " is busy (another process holds a write lock)";
      }
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return path + ": " + msg.lines().findFirst().orElse(msg);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException(describe(path, e), e);
    }
  }
}
