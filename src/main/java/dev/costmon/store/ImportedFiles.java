package dev.costmon.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The files imported into each account, by the SHA-256 of their bytes: importing a file an account
 * already has changes nothing. A file's record is written in the same transaction as the snapshot
 * that holds its figures, so an import either happened completely or not at all.
 */
public final class ImportedFiles {
  private final History history;

  public ImportedFiles(History history) {
    this.history = history;
  }

  /**
   * One imported file.
   *
   * @param format what kind of file, e.g. {@code focus}
   * @param rows data rows read
   */
  public record ImportedFile(
      String sha256, String format, String path, long size, long rows, LocalDate firstDay, LocalDate lastDay) {

    public ImportedFile {
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(path, "path");
    }
  }

  /** When a file was imported into the account, and into which snapshot, if it was. */
  public record Earlier(Instant importedAt, long snapshotId) {}

  public Optional<Earlier> find(String account, String sha256) {
    return history.query(c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT imported_at, snapshot_id FROM imported_file WHERE account = ? AND sha256 = ?")) {
        st.setString(1, account);
        st.setString(2, sha256);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next()
              ? Optional.of(new Earlier(Instant.ofEpochMilli(rs.getLong(1)), rs.getLong(2)))
              : Optional.empty();
        }
      }
    });
  }

  /**
   * Appends the snapshot holding the files' figures and records the files, in one transaction.
   *
   * @return the snapshot's id
   */
  public long append(long runId, AccountSnapshot snapshot, List<ImportedFile> files, Instant at) {
    return history.inTransaction(c -> {
      long id = history.insert(c, runId, snapshot);
      try (PreparedStatement st = c.prepareStatement(
          "INSERT OR REPLACE INTO imported_file(account, sha256, format, path, size, rows, first_day, last_day,"
              + " snapshot_id, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (ImportedFile f : files) {
          st.setString(1, snapshot.account());
          st.setString(2, f.sha256());
          st.setString(3, f.format());
          st.setString(4, f.path());
          st.setLong(5, f.size());
          st.setLong(6, f.rows());
          st.setString(7, f.firstDay() == null ? null : f.firstDay().toString());
          st.setString(8, f.lastDay() == null ? null : f.lastDay().toString());
          st.setLong(9, id);
          st.setLong(10, at.toEpochMilli());
          st.addBatch();
        }
        st.executeBatch();
      }
      return id;
    });
  }
}
