package dev.costmon.provider.fixed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Provenance;
import dev.costmon.provider.CollectWindow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FixedProviderTest {

  private static FixedFee fee(String amount, Accrual accrual, int billingDay, LocalDate from, LocalDate until) {
    return new FixedFee(new FixedSettings(Money.parse(amount), accrual, billingDay, from, until));
  }

  private static BigDecimal monthSum(FixedFee fee, YearMonth month) {
    BigDecimal sum = BigDecimal.ZERO;
    for (int d = 1; d <= month.lengthOfMonth(); d++) {
      sum = sum.add(fee.onDay(month.atDay(d)).amount());
    }
    return sum;
  }

  @ParameterizedTest(name = "{0} over {1}")
  @CsvSource({"6.00 EUR, 2026-01", "6.00 EUR, 2026-02", "250 EUR, 2024-02", "10 USD, 2026-11", "0.01 USD, 2026-07"})
  void dailyAccrualSumsToTheFeeExactly(String amount, String month) {
    FixedFee fee = fee(amount, Accrual.DAILY, 1, null, null);
    YearMonth m = YearMonth.parse(month);
    assertThat(monthSum(fee, m)).isEqualByComparingTo(Money.parse(amount).amount());
    assertThat(fee.forMonth(m).amount()).isEqualByComparingTo(Money.parse(amount).amount());
  }

  @Test
  void dailyShareOfAThirtyDayMonth() {
    assertThat(fee("6.00 EUR", Accrual.DAILY, 1, null, null).onDay(LocalDate.of(2026, 11, 3)))
        .isEqualTo(Money.of("0.2", "EUR"));
  }

  @Test
  void leapYearFebruaryHasTwentyNineShares() {
    FixedFee fee = fee("29 EUR", Accrual.DAILY, 1, null, null);
    assertThat(fee.onDay(LocalDate.of(2024, 2, 29))).isEqualTo(Money.of("1", "EUR"));
    assertThat(monthSum(fee, YearMonth.of(2024, 2))).isEqualByComparingTo("29");
    assertThat(fee("28 EUR", Accrual.DAILY, 1, null, null).onDay(LocalDate.of(2026, 2, 28)))
        .isEqualTo(Money.of("1", "EUR"));
  }

  @Test
  void upfrontCountsOnTheBillingDayClampedToTheMonthEnd() {
    FixedFee fee = fee("185 EUR", Accrual.UPFRONT, 31, null, null);
    assertThat(fee.onDay(LocalDate.of(2026, 2, 27)).isZero()).isTrue();
    assertThat(fee.onDay(LocalDate.of(2026, 2, 28))).isEqualTo(Money.parse("185 EUR"));
    assertThat(fee.onDay(LocalDate.of(2026, 3, 31))).isEqualTo(Money.parse("185 EUR"));
    assertThat(fee.forMonth(YearMonth.of(2026, 2))).isEqualTo(Money.parse("185 EUR"));
  }

  @Test
  void prorationOfAPartialMonth() {
    FixedFee fee = fee("30 EUR", Accrual.DAILY, 1, LocalDate.of(2026, 11, 21), null);
    assertThat(fee.onDay(LocalDate.of(2026, 11, 20)).isZero()).isTrue();
    assertThat(fee.onDay(LocalDate.of(2026, 11, 21))).isEqualTo(Money.of("1", "EUR"));
    assertThat(fee.forMonth(YearMonth.of(2026, 11))).isEqualTo(Money.of("10", "EUR"));
    FixedFee ended = fee("31 EUR", Accrual.DAILY, 1, null, LocalDate.of(2026, 12, 10));
    assertThat(ended.forMonth(YearMonth.of(2026, 12))).isEqualTo(Money.of("10", "EUR"));
    assertThat(ended.forMonth(YearMonth.of(2027, 1)).isZero()).isTrue();
  }

  @Test
  void upfrontFeeStartingMidMonthIsChargedOnTheStartDay() {
    FixedFee fee = fee("20 USD", Accrual.UPFRONT, 1, LocalDate.of(2026, 11, 10), null);
    assertThat(fee.onDay(LocalDate.of(2026, 11, 10))).isEqualTo(Money.parse("20 USD"));
    assertThat(fee.onDay(LocalDate.of(2026, 12, 1))).isEqualTo(Money.parse("20 USD"));
  }

  @Test
  void collectEmitsEveryDayOfTheWindowAndAForecastPerMonth() {
    FixedSettings settings = new FixedSettings(Money.parse("6 EUR"), Accrual.UPFRONT, 1, null, null);
    CollectWindow window = CollectWindow.of(
        LocalDate.of(2026, 12, 2).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC, 3);

    List<Observation> obs = new FixedProvider().collect(null, settings, window, null);

    assertThat(window.from()).isEqualTo(LocalDate.of(2026, 11, 29));
    assertThat(obs.stream().filter(o -> o.kind() == ObservationKind.SPEND).map(Observation::day))
        .containsExactly(LocalDate.of(2026, 11, 29), LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 1),
            LocalDate.of(2026, 12, 2));
    assertThat(obs.stream().filter(o -> o.kind() == ObservationKind.FORECAST).map(Observation::day))
        .containsExactly(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1));
    assertThat(obs).allMatch(o -> o.provenance() == Provenance.FIXED);
  }
}
