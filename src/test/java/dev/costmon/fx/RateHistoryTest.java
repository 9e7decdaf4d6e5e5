package dev.costmon.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.config.ConfigException;
import dev.costmon.config.FxRates;
import dev.costmon.store.Database;
import dev.costmon.store.ExchangeRates;
import dev.costmon.store.ExchangeRates.Row;
import dev.costmon.store.History;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateHistoryTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency USD = Currency.getInstance("USD");
  private static final Currency GBP = Currency.getInstance("GBP");
  private static final LocalDate TODAY = LocalDate.of(2027, 2, 10);

  @TempDir Path dir;

  /** The rows as stored in and read back from a real history file. */
  private List<Row> stored(Row... rows) {
    try (Database db = Database.open(dir.resolve("h.db"), true)) {
      ExchangeRates rates = new ExchangeRates(new History(db));
      rates.record(List.of(rows), Instant.parse("2027-02-10T00:00:00Z"));
      return rates.all();
    }
  }

  private static Row row(String day, String currency, String reporting, String rate) {
    return new Row(LocalDate.parse(day), currency, reporting, new BigDecimal(rate), RateHistory.CONFIG);
  }

  @Test
  void aClosedMonthTakesTheRateKnownOnItsLastDayAndTheCurrentMonthTheConfigs() {
    List<Row> rows = stored(row("2026-11-05", "USD", "EUR", "0.90"), row("2026-12-20", "USD", "EUR", "0.93"));
    FxRates config = new FxRates(EUR, Map.of(USD, new BigDecimal("0.95")));

    assertThat(RateHistory.forMonth(config, rows, YearMonth.of(2026, 11), TODAY).used().get(USD).rate())
        .isEqualByComparingTo("0.90");
    assertThat(RateHistory.forMonth(config, rows, YearMonth.of(2026, 12), TODAY).used().get(USD).rate())
        .isEqualByComparingTo("0.93");
    // History older than the first stored rate uses that first rate.
    assertThat(RateHistory.forMonth(config, rows, YearMonth.of(2026, 6), TODAY).used().get(USD).day())
        .isEqualTo(LocalDate.of(2026, 11, 5));
    DatedRate current = RateHistory.forMonth(config, rows, YearMonth.of(2027, 2), TODAY).used().get(USD);
    assertThat(current.rate()).isEqualByComparingTo("0.95");
    assertThat(current.recorded()).isFalse();
  }

  @Test
  void onlyAChangedConfigRateIsRecordedAgain() {
    List<Row> rows = stored(row("2026-11-05", "USD", "EUR", "0.90"));

    assertThat(RateHistory.toRecord(new FxRates(EUR, Map.of(USD, new BigDecimal("0.900"))), rows, TODAY)).isEmpty();
    assertThat(RateHistory.toRecord(new FxRates(EUR, Map.of(USD, new BigDecimal("0.91"))), rows, TODAY))
        .containsExactly(row("2027-02-10", "USD", "EUR", "0.91"));
  }

  @Test
  void afterAChangeOfTheReportingCurrencyAClosedMonthConvertsThroughTheOldOnesStoredRates() {
    // November was reported in EUR with 1 USD = 0.90 EUR and 1 GBP = 1.20 EUR; now the config is in USD.
    List<Row> rows = stored(row("2026-11-05", "USD", "EUR", "0.90"), row("2026-11-05", "GBP", "EUR", "1.20"));
    FxRates config = new FxRates(USD, Map.of(EUR, new BigDecimal("1.10"), GBP, new BigDecimal("1.30")));

    MonthRates november = RateHistory.forMonth(config, rows, YearMonth.of(2026, 11), TODAY);

    // 1 EUR = 1 / 0.90 USD; 1 GBP = 1.20 / 0.90 USD: November's rates, not today's 1.10 and 1.30.
    assertThat(november.used().get(EUR).rate().setScale(10, java.math.RoundingMode.HALF_EVEN))
        .isEqualByComparingTo("1.1111111111");
    assertThat(november.used().get(GBP).rate().setScale(10, java.math.RoundingMode.HALF_EVEN))
        .isEqualByComparingTo("1.3333333333");
    assertThat(november.used().get(GBP).source()).isEqualTo("config via EUR");
  }

  @Test
  void refusesWithOneLineWhenNoStoredRateConvertsAClosedMonth() {
    List<Row> rows = stored(row("2026-11-05", "GBP", "EUR", "1.20"));
    FxRates config = new FxRates(USD, Map.of(GBP, new BigDecimal("1.30")));

    assertThatThrownBy(() -> RateHistory.forMonth(config, rows, YearMonth.of(2026, 11), TODAY))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the history's exchange rates are into EUR and none converts GBP into USD for 2026-11: set"
            + " currency: back to EUR, or add USD to its fx: and run costmon collect once before changing currency:");
  }
}
