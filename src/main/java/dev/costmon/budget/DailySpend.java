package dev.costmon.budget;

import dev.costmon.model.Money;
import java.time.LocalDate;

/**
 * An account's spend on one day, in the account's currency.
 *
 * @param known whether the provider was asked about the day (a successful collect covered it, or a
 *     figure of it is stored); a day nobody asked about has a zero {@code amount} that is an absence,
 *     shown as no data, never as a day without spend
 */
public record DailySpend(LocalDate day, Money amount, boolean known) {
  /** A day the provider answered for. */
  public DailySpend(LocalDate day, Money amount) {
    this(day, amount, true);
  }
}
