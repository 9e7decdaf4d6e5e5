package dev.costmon.provider.fixed;

import dev.costmon.model.Money;
import dev.costmon.provider.ProviderSettings;
import java.time.LocalDate;

/**
 * A flat monthly fee (IONOS, Hostinger, OVH servers, a Claude Max subscription).
 *
 * @param amount the fee per month, e.g. {@code 6.00 EUR}
 * @param accrual {@code daily} (default: prorated by day) or {@code upfront} (all of it on the billing day)
 * @param billingDay day of the month the fee is charged, 1-31; 31 means the month's last day
 * @param from first day the fee applies, inclusive (optional)
 * @param until last day the fee applies, inclusive (optional)
 */
public record FixedSettings(Money amount, Accrual accrual, Integer billingDay, LocalDate from, LocalDate until)
    implements ProviderSettings {

  public FixedSettings {
    if (amount == null) {
      throw new IllegalArgumentException("amount: is required, e.g. amount: 6.00 EUR");
    }
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount must not be negative");
    }
    accrual = accrual == null ? Accrual.DAILY : accrual;
    billingDay = billingDay == null ? 1 : billingDay;
    if (billingDay < 1 || billingDay > 31) {
      throw new IllegalArgumentException("billing_day must be between 1 and 31");
    }
    if (from != null && until != null && until.isBefore(from)) {
      throw new IllegalArgumentException("until " + until + " is before from " + from);
    }
  }

  boolean activeOn(LocalDate day) {
    return (from == null || !day.isBefore(from)) && (until == null || !day.isAfter(until));
  }
}
