package dev.costmon.store;

import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Provenance;
import dev.costmon.model.Tags;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Append-only history of runs, snapshots and observations. Reads return, for each account, kind,
 * metric and day, the observations of the latest snapshot that reported that day, so a day
 * collected twice (lookback, a second run) is never counted twice and revised figures win.
 */
public final class History {
  /**
   * The query of {@link #latest}, days from the first to the second parameter; public for the
   * start-up benchmark, which runs it without costmon's own code around it.
   */
  public static final String LATEST_SQL = """
      SELECT o.account, s.finished_at, o.kind, o.metric, o.dimension, o.day, o.value, o.unit,
             o.provenance, o.aggregation, o.tags
      FROM figure_newest n
      CROSS JOIN observation o ON o.day = n.day AND o.account = n.account AND o.kind = n.kind
                              AND o.metric = n.metric AND o.snapshot_id = n.snapshot_id
      JOIN snapshot s ON s.id = n.snapshot_id
      WHERE n.day BETWEEN ? AND ?
      ORDER BY o.account, o.day, o.kind, o.metric, o.dimension, o.tags
      """;

  private final Database db;

  public History(Database db) {
    this.db = db;
  }

  public long startRun(String command, Instant at) {
    return inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(
          "INSERT INTO run(command, started_at) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        st.setString(1, command);
        st.setLong(2, at.toEpochMilli());
        st.executeUpdate();
        try (ResultSet keys = st.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      }
    });
  }

  /**
   * Marks the runs that never finished, because their process was killed, as {@code interrupted};
   * only while holding the {@link CollectLock}, which no running writer then holds.
   */
  public int markInterrupted() {
    return inTransaction(c -> {
      try (Statement st = c.createStatement()) {
        return st.executeUpdate("UPDATE run SET status = 'interrupted' WHERE finished_at IS NULL AND status IS NULL");
      }
    });
  }

  public void finishRun(long runId, Instant at, String status) {
    inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE run SET finished_at = ?, status = ? WHERE id = ?")) {
        st.setLong(1, at.toEpochMilli());
        st.setString(2, status);
        st.setLong(3, runId);
        st.executeUpdate();
      }
      return null;
    });
  }

  /** Appends one account's snapshot and all its observations in one transaction. */
  public synchronized long append(long runId, AccountSnapshot snapshot) {
    return inTransaction(c -> insert(c, runId, snapshot));
  }

  /**
   * Appends the responses of one request window and, when it succeeded, its snapshot, in one
   * transaction (one commit instead of one per response: a backfill writes hundreds of windows).
   */
  public synchronized void append(long runId, java.util.Optional<AccountSnapshot> snapshot, List<RawResponse> raw) {
    inTransaction(c -> {
      for (RawResponse r : raw) {
        RawArchive.insert(c, runId, r);
      }
      if (snapshot.isPresent()) {
        insert(c, runId, snapshot.get());
      }
      return null;
    });
  }

  /** Inserts a snapshot and its observations inside the caller's transaction; returns its id. */
  long insert(Connection c, long runId, AccountSnapshot snapshot) throws SQLException {
    long id;
    try (PreparedStatement st = c.prepareStatement(
        "INSERT INTO snapshot(run_id, account, provider, started_at, finished_at, status, error, observations,"
            + " window_from, window_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      st.setLong(1, runId);
      st.setString(2, snapshot.account());
      st.setString(3, snapshot.provider());
      st.setLong(4, snapshot.startedAt().toEpochMilli());
      st.setLong(5, snapshot.finishedAt().toEpochMilli());
      st.setString(6, snapshot.status().label());
      st.setString(7, snapshot.error());
      st.setInt(8, snapshot.observations().size());
      st.setString(9, snapshot.windowFrom() == null ? null : snapshot.windowFrom().toString());
      st.setString(10, snapshot.windowTo() == null ? null : snapshot.windowTo().toString());
      st.executeUpdate();
      try (ResultSet keys = st.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    }
    try (PreparedStatement st = c.prepareStatement(
        "INSERT INTO observation(snapshot_id, account, kind, metric, dimension, day, value, unit, provenance,"
            + " aggregation, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Observation o : snapshot.observations()) {
        st.setLong(1, id);
        st.setString(2, snapshot.account());
        st.setString(3, o.kind().label());
        st.setString(4, o.metric());
        st.setString(5, o.dimension());
        st.setString(6, o.day().toString());
        st.setString(7, o.value().toPlainString());
        st.setString(8, o.unit());
        st.setString(9, o.provenance().label());
        st.setString(10, o.aggregation().label());
        st.setString(11, Tags.encode(o.tags()));
        st.addBatch();
      }
      st.executeBatch();
    }
    // The snapshot's figures now replace older ones of the same day, kind and metric (never newer
    // ones: ids only grow, and a replayed older answer is stored as a new snapshot anyway). A spend
    // key keeps its amounts too, for spendByDay.
    Map<String, Newest> keys = new LinkedHashMap<>();
    for (Observation o : snapshot.observations()) {
      Newest key = keys.computeIfAbsent(o.day() + "\n" + o.kind().label() + "\n" + o.metric(),
          k -> new Newest(o, o.kind() == ObservationKind.SPEND ? new StringBuilder() : null));
      if (key.amounts() != null) {
        key.amounts().append(key.amounts().length() == 0 ? "" : " ").append(o.value().toPlainString()).append(' ')
            .append(o.unit());
      }
    }
    try (PreparedStatement st = c.prepareStatement(
        "INSERT INTO figure_newest(day, account, kind, metric, snapshot_id, amounts) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT(day, account, kind, metric) DO UPDATE SET snapshot_id = excluded.snapshot_id,"
            + " amounts = excluded.amounts WHERE excluded.snapshot_id > figure_newest.snapshot_id")) {
      for (Newest key : keys.values()) {
        st.setString(1, key.first().day().toString());
        st.setString(2, snapshot.account());
        st.setString(3, key.first().kind().label());
        st.setString(4, key.first().metric());
        st.setLong(5, id);
        st.setString(6, key.amounts() == null ? null : key.amounts().toString());
        st.addBatch();
      }
      st.executeBatch();
    }
    return id;
  }

  /** A day, kind and metric of a snapshot being inserted: its first figure, and its amounts for a spend key. */
  private record Newest(Observation first, StringBuilder amounts) {}

  /** The current figures of every account for days in [from, to]. */
  public List<StoredObservation> latest(LocalDate from, LocalDate to) {
    return query(c -> {
      try (PreparedStatement st = c.prepareStatement(LATEST_SQL)) {
        st.setString(1, from.toString());
        st.setString(2, to.toString());
        List<StoredObservation> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            Observation o = new Observation(
                ObservationKind.fromLabel(rs.getString(3)), rs.getString(4), rs.getString(5),
                StoredDay.parse(rs.getString(6)), new BigDecimal(rs.getString(7)), rs.getString(8),
                Provenance.fromLabel(rs.getString(9)), Aggregation.fromLabel(rs.getString(10)),
                Tags.decode(rs.getString(11)));
            out.add(new StoredObservation(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), o));
          }
        }
        return out;
      }
    });
  }

  /**
   * The current spend figures of every account for days in [from, to], without their services, tags
   * or provenance: what a trend of days before the month draws. Read from figure_newest's amounts,
   * not the figures' rows (no usage rows, no row looked up per figure), unordered.
   */
  public List<DaySpend> spendByDay(LocalDate from, LocalDate to) {
    String sql = "SELECT account, day, amounts FROM figure_newest WHERE day BETWEEN ? AND ? AND kind = 'spend'";
    return query(c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setString(1, from.toString());
        st.setString(2, to.toString());
        List<DaySpend> out = new ArrayList<>();
        Map<String, Currency> currencies = new HashMap<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            String account = rs.getString(1);
            LocalDate day = StoredDay.parse(rs.getString(2));
            String[] parts = rs.getString(3).split(" ");
            for (int i = 0; i + 1 < parts.length; i += 2) {
              out.add(new DaySpend(account, day, new Money(new BigDecimal(parts[i]),
                  currencies.computeIfAbsent(parts[i + 1], Currency::getInstance))));
            }
          }
        }
        return out;
      }
    });
  }

  /** The newest day in [from, to] with any current figure, per account that has one. */
  public Map<String, LocalDate> newestDays(LocalDate from, LocalDate to) {
    String sql = "SELECT account, max(day) FROM figure_newest WHERE day BETWEEN ? AND ? GROUP BY account";
    return query(c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setString(1, from.toString());
        st.setString(2, to.toString());
        Map<String, LocalDate> out = new HashMap<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), StoredDay.parse(rs.getString(2)));
          }
        }
        return out;
      }
    });
  }

  /**
   * The last success and last attempt of every account that was ever collected. Walks the index of
   * each account from its newest snapshot, so it costs the same on a day's history as on years'.
   */
  public Map<String, CollectionState> collectionStates() {
    String sql = """
        SELECT s.account, s.finished_at, s.status, s.error, s.finished_at - s.started_at,
               (SELECT ok.finished_at FROM snapshot ok WHERE ok.account = s.account AND ok.status = 'ok'
                ORDER BY ok.finished_at DESC LIMIT 1)
        FROM (SELECT DISTINCT account FROM snapshot) a
        JOIN snapshot s ON s.id = (SELECT s2.id FROM snapshot s2 WHERE s2.account = a.account
                                   ORDER BY s2.finished_at DESC, s2.id DESC LIMIT 1)
        """;
    return query(c -> {
      Map<String, CollectionState> out = new LinkedHashMap<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          long lastOk = rs.getLong(6);
          Optional<Instant> success = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastOk));
          out.put(rs.getString(1), new CollectionState(
              rs.getString(1), success, Instant.ofEpochMilli(rs.getLong(2)),
              SnapshotStatus.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
              Optional.ofNullable(rs.getString(4)), Duration.ofMillis(rs.getLong(5))));
        }
      }
      return out;
    });
  }

  /**
   * The successful snapshots of an account started at or after {@code since}, oldest first, with
   * the window they covered: what {@code costmon reprocess} replays.
   */
  public List<SnapshotRef> snapshotsSince(String account, Instant since) {
    String sql = """
        SELECT id, run_id, started_at, window_from, window_to FROM snapshot
        WHERE account = ? AND status = 'ok' AND started_at >= ? AND window_from IS NOT NULL
        ORDER BY id
        """;
    return query(c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setString(1, account);
        st.setLong(2, since.toEpochMilli());
        List<SnapshotRef> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(new SnapshotRef(rs.getLong(1), rs.getLong(2), account, Instant.ofEpochMilli(rs.getLong(3)),
                StoredDay.parse(rs.getString(4)), StoredDay.parse(rs.getString(5))));
          }
        }
        return out;
      }
    });
  }

  /**
   * When each window of an account was last stored by a backfill ({@code collect --from}), keyed
   * {@code from..to}: what a re-run of the same backfill skips.
   */
  public Map<String, Instant> backfilledWindows(String account) {
    String sql = """
        SELECT s.window_from, s.window_to, max(s.finished_at) FROM snapshot s JOIN run r ON r.id = s.run_id
        WHERE s.account = ? AND s.status = 'ok' AND r.command = 'backfill' AND s.window_from IS NOT NULL
        GROUP BY s.window_from, s.window_to
        """;
    return query(c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setString(1, account);
        Map<String, Instant> out = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1) + ".." + rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)));
          }
        }
        return out;
      }
    });
  }

  /**
   * The days each account's successful collects asked its provider about, within [from, to], as
   * the windows they covered (overlapping, unsorted). Snapshots stored before windows were recorded
   * have none: their days are known from their figures alone.
   */
  public Map<String, List<DayRange>> coveredWindows(LocalDate from, LocalDate to) {
    String sql = """
        SELECT DISTINCT account, window_from, window_to FROM snapshot
        WHERE status = 'ok' AND window_from IS NOT NULL AND window_from <= ? AND window_to >= ?
        """;
    return query(c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setString(1, to.toString());
        st.setString(2, from.toString());
        Map<String, List<DayRange>> out = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(new DayRange(StoredDay.parse(rs.getString(2)), StoredDay.parse(rs.getString(3))));
          }
        }
        return out;
      }
    });
  }

  /** The earliest and latest day with any observation, if any. */
  public Optional<DayRange> dayRange() {
    return query(c -> {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT min(day), max(day) FROM observation")) {
        if (rs.next() && rs.getString(1) != null) {
          return Optional.of(new DayRange(StoredDay.parse(rs.getString(1)), StoredDay.parse(rs.getString(2))));
        }
        return Optional.empty();
      }
    });
  }

  /** Work against the connection that throws SQLException. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  <T> T query(SqlWork<T> work) {
    try {
      return work.run(db.connection());
    } catch (SQLException e) {
      throw new StoreException(Database.describe(db.path(), e), e);
    }
  }

  /**
   * Runs {@code work} in one transaction. The first error is the one reported: when a commit fails
   * (a full disk), SQLite has often rolled back already, and the rollback and the return to
   * auto-commit then fail too ("no transaction is active"); those are kept as suppressed, not thrown.
   */
  synchronized <T> T inTransaction(SqlWork<T> work) {
    Connection c = db.connection();
    Throwable failure = null;
    try {
      c.setAutoCommit(false);
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException e) {
      failure = e;
      rollback(c, e);
      throw new StoreException(Database.describe(db.path(), e), e);
    } catch (RuntimeException e) {
      failure = e;
      rollback(c, e);
      throw e;
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException e) {
        if (failure == null) {
          throw new StoreException(Database.describe(db.path(), e), e);
        }
        failure.addSuppressed(e);
      }
    }
  }

  private static void rollback(Connection c, Throwable failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
