package dev.costmon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MonthProgressTest {
  private static final Instant NOW = Instant.parse("2026-11-30T23:30:00Z");

  @Test
  void describesCurrentClosedAndFutureMonths() {
    assertThat(MonthProgress.of(YearMonth.of(2026, 11), NOW, ZoneOffset.UTC).describe())
        .isEqualTo("November 2026 (month to date, 30 of 30 days)");
    assertThat(MonthProgress.of(YearMonth.of(2024, 2), NOW, ZoneOffset.UTC).describe())
        .isEqualTo("February 2024 (closed month, 29 days)");
    assertThat(MonthProgress.of(YearMonth.of(2026, 12), NOW, ZoneOffset.UTC).describe())
        .isEqualTo("December 2026 (not started)");
  }

  @Test
  void takesTodayInTheConfiguredTimezone() {
    MonthProgress berlin = MonthProgress.of(YearMonth.of(2026, 11), NOW, ZoneId.of("Europe/Berlin"));

    assertThat(berlin.closed()).isTrue();
    assertThat(MonthProgress.of(YearMonth.of(2026, 12), NOW, ZoneId.of("Europe/Berlin")).describe())
        .isEqualTo("December 2026 (month to date, 1 of 31 days)");
  }
}
