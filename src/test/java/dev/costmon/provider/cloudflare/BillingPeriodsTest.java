package dev.costmon.provider.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BillingPeriodsTest {

  private static LocalDate d(String text) {
    return LocalDate.parse(text);
  }

  @Test
  void thePeriodStartsOnTheAnchorDayOnOrBeforeToday() {
    BillingPeriods periods = new BillingPeriods(Set.of(15));
    assertThat(periods.periodStart(d("2026-11-23"))).isEqualTo(d("2026-11-15"));
    assertThat(periods.periodStart(d("2026-11-15"))).isEqualTo(d("2026-11-15"));
    assertThat(periods.periodStart(d("2026-11-14"))).isEqualTo(d("2026-10-15"));
    assertThat(periods.periodStart(d("2026-01-03"))).isEqualTo(d("2025-12-15"));
  }

  @Test
  void anAnchorLateInTheMonthIsClampedToShortMonths() {
    BillingPeriods periods = new BillingPeriods(Set.of(31));
    assertThat(periods.periodStart(d("2026-02-28"))).isEqualTo(d("2026-02-28"));
    assertThat(periods.periodStart(d("2026-02-27"))).isEqualTo(d("2026-01-31"));
    assertThat(periods.periodStart(d("2024-02-29"))).isEqualTo(d("2024-02-29"));
    assertThat(periods.periodStart(d("2026-04-30"))).isEqualTo(d("2026-04-30"));
    assertThat(periods.periodStart(d("2026-05-30"))).isEqualTo(d("2026-04-30"));
  }

  @Test
  void rangesCoverTheWindowAndEachHoldsEveryAnchorDay() {
    BillingPeriods periods = new BillingPeriods(Set.of(5, 20));
    assertThat(periods.covering(d("2026-11-01"), d("2026-11-23")).toString())
        .isEqualTo("[2026-10-05..2026-11-04, 2026-11-05..2026-11-23]");
    assertThat(periods.covering(d("2026-11-10"), d("2026-11-23")).toString())
        .isEqualTo("[2026-11-05..2026-11-23]");
    BillingPeriods single = new BillingPeriods(Set.of(1));
    assertThat(single.covering(d("2026-11-01"), d("2026-11-23")).toString()).isEqualTo("[2026-11-01..2026-11-23]");
    assertThat(single.covering(d("2026-10-29"), d("2026-11-01")).toString())
        .isEqualTo("[2026-10-01..2026-10-31, 2026-11-01..2026-11-01]");
  }

  @Test
  void monthlySharesOfOtherRenewalPeriods() {
    assertThat(PlanFees.monthly(new BigDecimal("240"), "yearly")).contains(new BigDecimal("20"));
    assertThat(PlanFees.monthly(new BigDecimal("5.00"), "monthly")).contains(new BigDecimal("5.00"));
    assertThat(PlanFees.monthly(new BigDecimal("30"), "quarterly")).contains(new BigDecimal("10"));
    assertThat(PlanFees.monthly(new BigDecimal("1"), "weekly")).contains(new BigDecimal("4.3333333333"));
    assertThat(PlanFees.monthly(new BigDecimal("1"), "not-applicable")).isEmpty();
  }
}
