package dev.costmon.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What notification channels were told, per threshold and billing period, and what on_hard_cap
 * actions did: the state that keeps costmon from paging twice for the same breach, across runs.
 */
public final class NotificationLog {
  private final History history;

  public NotificationLog(History history) {
    this.history = history;
  }

  /**
   * One channel's knowledge of one threshold in one period.
   *
   * @param subject the account id, or {@code ""} for the global cap
   * @param lastLevel the level last delivered (OK once "resolved" was delivered), empty if none yet
   * @param maxLevel the highest level delivered in the period, empty if none
   * @param failures consecutive failed deliveries since the last success
   * @param failedLevel the level of the last failed delivery
   * @param lastError why it failed, redacted
   */
  public record Delivery(String subject, String threshold, String period, String channel,
      Optional<String> lastLevel, Optional<String> maxLevel, Optional<Instant> lastSentAt, Instant lastAttemptAt,
      int failures, Optional<String> failedLevel, Optional<String> lastError) {
    public Delivery {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(threshold, "threshold");
      Objects.requireNonNull(period, "period");
      Objects.requireNonNull(channel, "channel");
    }
  }

  /** One attempt of an account's on_hard_cap action. */
  public record HardCapAttempt(String account, String period, Instant attemptedAt, String action, boolean ok,
      String result) {}

  public Optional<Delivery> find(String subject, String threshold, String period, String channel) {
    return history.query(c -> {
      try (PreparedStatement st = c.prepareStatement(SELECT
          + " WHERE subject = ? AND threshold = ? AND period = ? AND channel = ?")) {
        st.setString(1, subject);
        st.setString(2, threshold);
        st.setString(3, period);
        st.setString(4, channel);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(delivery(rs)) : Optional.empty();
        }
      }
    });
  }

  /** Every remembered delivery of a period, by subject, threshold and channel. */
  public List<Delivery> deliveries(String period) {
    return history.query(c -> {
      try (PreparedStatement st = c.prepareStatement(SELECT
          + " WHERE period = ? ORDER BY subject, threshold, channel")) {
        st.setString(1, period);
        List<Delivery> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(delivery(rs));
          }
        }
        return out;
      }
    });
  }

  /** Records a successful delivery of {@code level} ("OK" for resolved) with the period's new maximum. */
  public void sent(String subject, String threshold, String period, String channel, String level,
      String maxLevel, Instant at) {
    history.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          INSERT INTO notification(subject, threshold, period, channel, last_level, max_level, last_sent_at,
                                   last_attempt_at, failures, failed_level, last_error)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL)
          ON CONFLICT(subject, threshold, period, channel) DO UPDATE SET
            last_level = excluded.last_level, max_level = excluded.max_level, last_sent_at = excluded.last_sent_at,
            last_attempt_at = excluded.last_attempt_at, failures = 0, failed_level = NULL, last_error = NULL
          """)) {
        st.setString(1, subject);
        st.setString(2, threshold);
        st.setString(3, period);
        st.setString(4, channel);
        st.setString(5, level);
        st.setString(6, maxLevel);
        st.setLong(7, at.toEpochMilli());
        st.setLong(8, at.toEpochMilli());
        st.executeUpdate();
      }
      return null;
    });
  }

  /** Records a failed delivery; what was delivered before stays as it was, so it is tried again. */
  public void failed(String subject, String threshold, String period, String channel, String level,
      String error, Instant at) {
    history.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          INSERT INTO notification(subject, threshold, period, channel, last_attempt_at, failures, failed_level,
                                   last_error)
          VALUES (?, ?, ?, ?, ?, 1, ?, ?)
          ON CONFLICT(subject, threshold, period, channel) DO UPDATE SET
            last_attempt_at = excluded.last_attempt_at, failures = failures + 1,
            failed_level = excluded.failed_level, last_error = excluded.last_error
          """)) {
        st.setString(1, subject);
        st.setString(2, threshold);
        st.setString(3, period);
        st.setString(4, channel);
        st.setLong(5, at.toEpochMilli());
        st.setString(6, level);
        st.setString(7, error);
        st.executeUpdate();
      }
      return null;
    });
  }

  /** Clears a failure that no longer needs delivering (the breach went away before it was told). */
  public void forgetFailure(String subject, String threshold, String period, String channel) {
    history.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          UPDATE notification SET failures = 0, failed_level = NULL, last_error = NULL
          WHERE subject = ? AND threshold = ? AND period = ? AND channel = ?
          """)) {
        st.setString(1, subject);
        st.setString(2, threshold);
        st.setString(3, period);
        st.setString(4, channel);
        st.executeUpdate();
      }
      return null;
    });
  }

  public void recordHardCap(HardCapAttempt attempt) {
    history.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement(
          "INSERT INTO hard_cap_action(account, period, attempted_at, action, ok, result) VALUES (?, ?, ?, ?, ?, ?)")) {
        st.setString(1, attempt.account());
        st.setString(2, attempt.period());
        st.setLong(3, attempt.attemptedAt().toEpochMilli());
        st.setString(4, attempt.action());
        st.setInt(5, attempt.ok() ? 1 : 0);
        st.setString(6, attempt.result());
        st.executeUpdate();
      }
      return null;
    });
  }

  /** The attempts of a period, oldest first. */
  public List<HardCapAttempt> hardCapAttempts(String period) {
    return history.query(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          SELECT account, period, attempted_at, action, ok, result FROM hard_cap_action
          WHERE period = ? ORDER BY account, id
          """)) {
        st.setString(1, period);
        List<HardCapAttempt> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(new HardCapAttempt(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                rs.getString(4), rs.getInt(5) == 1, rs.getString(6)));
          }
        }
        return out;
      }
    });
  }

  private static final String SELECT = """
      SELECT subject, threshold, period, channel, last_level, max_level, last_sent_at, last_attempt_at, failures,
             failed_level, last_error
      FROM notification""";

  private static Delivery delivery(ResultSet rs) throws SQLException {
    long sent = rs.getLong(7);
    Optional<Instant> sentAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(sent));
    return new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)), sentAt,
        Instant.ofEpochMilli(rs.getLong(8)), rs.getInt(9), Optional.ofNullable(rs.getString(10)),
        Optional.ofNullable(rs.getString(11)));
  }
}
