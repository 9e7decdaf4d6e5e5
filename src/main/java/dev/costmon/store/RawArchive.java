package dev.costmon.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The raw provider responses: stored gzip-compressed with the run they belong to, listed for audit,
 * replayed by {@code costmon reprocess}, and pruned after {@code raw_retention}.
 */
public final class RawArchive {
  private final History history;

  public RawArchive(History history) {
    this.history = history;
  }

  public void store(long runId, RawResponse r) {
    history.inTransaction(c -> {
      insert(c, runId, r);
      return null;
    });
  }

  /** Inserts a response inside the caller's transaction. */
  static void insert(java.sql.Connection c, long runId, RawResponse r) throws java.sql.SQLException {
    byte[] compressed = gzip(r.body());
    try (PreparedStatement st = c.prepareStatement(
        "INSERT INTO raw_response(run_id, account, method, url, status, fetched_at, content_type, size, body,"
            + " request_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      st.setLong(1, runId);
      st.setString(2, r.account());
      st.setString(3, r.method());
      st.setString(4, r.url());
      st.setInt(5, r.status());
      st.setLong(6, r.fetchedAt().toEpochMilli());
      st.setString(7, r.contentType());
      st.setInt(8, r.body().length);
      st.setBytes(9, compressed);
      st.setString(10, r.requestSha256());
      st.executeUpdate();
    }
  }

  /** The responses an account's collection received in one run, in the order they came. */
  public List<RawResponse> ofRun(String account, long runId) {
    return select("WHERE account = ? AND run_id = ? ORDER BY id", account, runId);
  }

  /** The newest {@code limit} responses of an account, newest first. */
  public List<RawResponse> latest(String account, int limit) {
    return select("WHERE account = ? ORDER BY id DESC LIMIT ?", account, limit);
  }

  /**
   * The newest {@code limit} responses, newest first, of the given accounts (all when empty) fetched
   * at or after {@code from} and before {@code before} where given.
   */
  public List<RawResponse> list(List<String> accounts, java.util.Optional<Instant> from,
      java.util.Optional<Instant> before, int limit) {
    StringBuilder where = new StringBuilder("WHERE 1 = 1");
    if (!accounts.isEmpty()) {
      where.append(" AND account IN (").append(String.join(", ", java.util.Collections.nCopies(accounts.size(), "?")))
          .append(')');
    }
    from.ifPresent(f -> where.append(" AND fetched_at >= ?"));
    before.ifPresent(b -> where.append(" AND fetched_at < ?"));
    return history.query(c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT id, run_id, account, method, url, status, fetched_at, content_type, body, request_sha256 FROM raw_response "
              + where + " ORDER BY id DESC LIMIT ?")) {
        int i = 1;
        for (String account : accounts) {
          st.setString(i++, account);
        }
        if (from.isPresent()) {
          st.setLong(i++, from.get().toEpochMilli());
        }
        if (before.isPresent()) {
          st.setLong(i++, before.get().toEpochMilli());
        }
        st.setInt(i, limit);
        return read(st);
      }
    });
  }

  public java.util.Optional<RawResponse> byId(long id) {
    List<RawResponse> found = history.query(c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT id, run_id, account, method, url, status, fetched_at, content_type, body, request_sha256 FROM raw_response"
              + " WHERE id = ?")) {
        st.setLong(1, id);
        return read(st);
      }
    });
    return found.stream().findFirst();
  }

  /** Deletes responses fetched before {@code cutoff}; returns how many. */
  public int pruneBefore(Instant cutoff) {
    return history.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("DELETE FROM raw_response WHERE fetched_at < ?")) {
        st.setLong(1, cutoff.toEpochMilli());
        return st.executeUpdate();
      }
    });
  }

  private List<RawResponse> select(String where, String account, long number) {
    return history.query(c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT id, run_id, account, method, url, status, fetched_at, content_type, body, request_sha256 FROM raw_response "
              + where)) {
        st.setString(1, account);
        st.setLong(2, number);
        return read(st);
      }
    });
  }

  private static List<RawResponse> read(PreparedStatement st) throws java.sql.SQLException {
    List<RawResponse> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        out.add(new RawResponse(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8), gunzip(rs.getBytes(9)), rs.getString(10)));
      }
    }
    return out;
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] compressed) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new StoreException("an archived response is damaged: " + e.getMessage(), e);
    }
  }
}
