package dev.costmon.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which channel was sent the digest of which period: what keeps a second {@code costmon digest
 * --notify} in the same period from sending it again.
 */
public final class DigestLog {
  private final History history;

  public DigestLog(History history) {
    this.history = history;
  }

  /**
   * One channel's digest of one period.
   *
   * @param period {@code day 2026-11-22}, {@code week 2026-W47} or {@code month 2026-11}
   * @param sentAt when it was delivered; empty while every attempt failed
   * @param failures failed attempts since the last delivery
   */
  public record Delivery(String period, String channel, Optional<Instant> sentAt, Instant lastAttemptAt,
      int failures, Optional<String> lastError) {
    public Delivery {
      Objects.requireNonNull(period, "period");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(sentAt, "sentAt");
      Objects.requireNonNull(lastError, "lastError");
    }
  }

  /** What each channel got of a period, by channel name. */
  public Map<String, Delivery> of(String period) {
    return history.query(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          SELECT period, channel, sent_at, last_attempt_at, failures, last_error FROM digest_delivery
          WHERE period = ? ORDER BY channel
          """)) {
        st.setString(1, period);
        Map<String, Delivery> out = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            long sent = rs.getLong(3);
            Optional<Instant> sentAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(sent));
            out.put(rs.getString(2), new Delivery(rs.getString(1), rs.getString(2), sentAt,
                Instant.ofEpochMilli(rs.getLong(4)), rs.getInt(5), Optional.ofNullable(rs.getString(6))));
          }
        }
        return out;
      }
    });
  }

  public void sent(String period, String channel, Instant at) {
    history.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          INSERT INTO digest_delivery(period, channel, sent_at, last_attempt_at, failures, last_error)
          VALUES (?, ?, ?, ?, 0, NULL)
          ON CONFLICT(period, channel) DO UPDATE SET
            sent_at = excluded.sent_at, last_attempt_at = excluded.last_attempt_at, failures = 0, last_error = NULL
          """)) {
        st.setString(1, period);
        st.setString(2, channel);
        st.setLong(3, at.toEpochMilli());
        st.setLong(4, at.toEpochMilli());
        st.executeUpdate();
      }
      return null;
    });
  }

  /** A failed attempt; an earlier delivery of the same period (a --force resend that failed) stays recorded. */
  public void failed(String period, String channel, String error, Instant at) {
    history.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("""
          INSERT INTO digest_delivery(period, channel, sent_at, last_attempt_at, failures, last_error)
          VALUES (?, ?, NULL, ?, 1, ?)
          ON CONFLICT(period, channel) DO UPDATE SET
            last_attempt_at = excluded.last_attempt_at, failures = failures + 1, last_error = excluded.last_error
          """)) {
        st.setString(1, period);
        st.setString(2, channel);
        st.setLong(3, at.toEpochMilli());
        st.setString(4, error);
        st.executeUpdate();
      }
      return null;
    });
  }
}
