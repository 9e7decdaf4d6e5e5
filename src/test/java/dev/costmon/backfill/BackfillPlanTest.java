package dev.costmon.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BackfillPlanTest {

  @Test
  void windowsEndAtMonthEndsAndAtTheProvidersLongestWindow() {
    assertThat(BackfillPlan.windows(LocalDate.of(2026, 1, 20), LocalDate.of(2026, 3, 5), 31))
        .extracting(Window::label)
        .containsExactly("2026-01-20..2026-01-31", "2026-02", "2026-03-01..2026-03-05");
    assertThat(BackfillPlan.windows(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28), 10))
        .extracting(Window::label)
        .containsExactly("2026-02-01..2026-02-10", "2026-02-11..2026-02-20", "2026-02-21..2026-02-28");
    assertThat(BackfillPlan.windows(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 1), 31))
        .extracting(Window::label).containsExactly("2026-02-01");
    assertThat(BackfillPlan.windows(LocalDate.of(2026, 2, 2), LocalDate.of(2026, 2, 1), 31)).isEmpty();
  }
}
