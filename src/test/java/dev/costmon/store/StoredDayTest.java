package dev.costmon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class StoredDayTest {
  @Test
  void readsTheDaysCostmonWrites() {
    assertThat(StoredDay.parse("2026-11-30")).isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(StoredDay.parse("0999-01-01")).isEqualTo(LocalDate.of(999, 1, 1));
    assertThat(StoredDay.parse("2028-02-29")).isEqualTo(LocalDate.of(2028, 2, 29));
  }

  @Test
  void agreesWithLocalDateParseOnEveryDayOfALeapYear() {
    for (LocalDate d = LocalDate.of(2028, 1, 1); d.getYear() == 2028; d = d.plusDays(1)) {
      assertThat(StoredDay.parse(d.toString())).isEqualTo(d);
    }
  }

  @Test
  void otherLayoutsGoThroughTheIsoFormatter() {
    assertThat(StoredDay.parse("+10000-01-01")).isEqualTo(LocalDate.of(10000, 1, 1));
  }

  @Test
  void refusesWhatIsNoDay() {
    assertThatThrownBy(() -> StoredDay.parse("2026-02-30")).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> StoredDay.parse("2026-1x-01")).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> StoredDay.parse("2026-11-3")).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> StoredDay.parse("")).isInstanceOf(DateTimeException.class);
  }
}
