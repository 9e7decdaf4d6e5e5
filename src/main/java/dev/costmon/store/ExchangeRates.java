package dev.costmon.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The exchange rates costmon used, as stored: one row per currency, reporting currency, source and day. */
public final class ExchangeRates {
  private final History history;

  /**
   * One stored rate: one {@code currency} is {@code rate} of {@code reporting} from {@code day} on.
   *
   * @param source where the rate came from: {@code config}
   */
  public record Row(LocalDate day, String currency, String reporting, BigDecimal rate, String source) {
    public Row {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(currency, "currency");
      Objects.requireNonNull(reporting, "reporting");
      Objects.requireNonNull(rate, "rate");
      Objects.requireNonNull(source, "source");
    }
  }

  public ExchangeRates(History history) {
    this.history = history;
  }

  /** Every stored rate, oldest day first. */
  public List<Row> all() {
    return history.query(c -> {
      List<Row> out = new ArrayList<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT day, currency, reporting, rate, source FROM fx_rate ORDER BY day, currency, source")) {
        while (rs.next()) {
          out.add(new Row(StoredDay.parse(rs.getString(1)), rs.getString(2), rs.getString(3),
              new BigDecimal(rs.getString(4)), rs.getString(5)));
        }
      }
      return out;
    });
  }

  /**
   * Stores rates; one for a currency, reporting currency, source and day already stored is replaced:
   * a rate edited twice on one day is that day's last (the day belongs to a month still open).
   */
  public void record(List<Row> rows, Instant at) {
    if (rows.isEmpty()) {
      return;
    }
    history.inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT OR REPLACE INTO fx_rate(day, currency, reporting, rate,"
          + " source, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (Row row : rows) {
          st.setString(1, row.day().toString());
          st.setString(2, row.currency());
          st.setString(3, row.reporting());
          st.setString(4, row.rate().toPlainString());
          st.setString(5, row.source());
          st.setLong(6, at.toEpochMilli());
          st.addBatch();
        }
        st.executeBatch();
      }
      return null;
    });
  }
}
