package dev.costmon.provider.fixed;

import dev.costmon.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The arithmetic of a flat fee: what accrues on one day and what the month will total. Daily
 * amounts are differences of the rounded cumulative share, so a full month adds up to the fee
 * exactly even when the fee does not divide by the number of days.
 */
final class FixedFee {
  /** Digits kept for a day's share; far below a cent, and the month still sums exactly. */
  private static final int SCALE = 10;

  private final FixedSettings settings;

  FixedFee(FixedSettings settings) {
    this.settings = settings;
  }

  /** The fee that counts on {@code day}. */
  Money onDay(LocalDate day) {
    Money zero = Money.zero(settings.amount().currency());
    if (!settings.activeOn(day)) {
      return zero;
    }
    if (settings.accrual() == Accrual.UPFRONT) {
      return day.equals(chargeDay(YearMonth.from(day))) ? settings.amount() : zero;
    }
    int activeThrough = activeDaysThrough(day);
    return cumulative(activeThrough, day).minus(cumulative(activeThrough - 1, day));
  }

  /** What the fee totals in {@code month}, for the forecast. */
  Money forMonth(YearMonth month) {
    if (settings.accrual() == Accrual.UPFRONT) {
      LocalDate charge = chargeDay(month);
      return settings.activeOn(charge) ? settings.amount() : Money.zero(settings.amount().currency());
    }
    return cumulative(activeDaysThrough(month.atEndOfMonth()), month.atEndOfMonth());
  }

  /**
   * The billing day in this month, clamped to its last day; when the fee starts later in the month
   * than the billing day, the first charge is on the start day.
   */
  private LocalDate chargeDay(YearMonth month) {
    LocalDate day = month.atDay(Math.min(settings.billingDay(), month.lengthOfMonth()));
    LocalDate from = settings.from();
    if (from != null && YearMonth.from(from).equals(month) && from.isAfter(day)) {
      return from;
    }
    return day;
  }

  private int activeDaysThrough(LocalDate day) {
    int count = 0;
    for (LocalDate d = day.withDayOfMonth(1); !d.isAfter(day); d = d.plusDays(1)) {
      if (settings.activeOn(d)) {
        count++;
      }
    }
    return count;
  }

  private Money cumulative(int activeDays, LocalDate inMonth) {
    int length = inMonth.lengthOfMonth();
    BigDecimal fee = settings.amount().amount();
    BigDecimal share = activeDays == length
        ? fee
        : fee.multiply(BigDecimal.valueOf(activeDays))
            .divide(BigDecimal.valueOf(length), MathContext.DECIMAL128)
            .setScale(Math.max(SCALE, fee.scale()), RoundingMode.HALF_EVEN)
            .stripTrailingZeros();
    if (share.scale() < 0) {
      share = share.setScale(0);
    }
    return new Money(share, settings.amount().currency());
  }
}
