package dev.costmon.provider.wasabi;

/**
 * How Wasabi invoices the account, which decides the size of the monthly minimum charge. Wasabi
 * charges storage per day either way; only the minimum depends on the cycle.
 */
public enum Billing {
  /**
   * An invoice per calendar month (an invoice day chosen in the console): the minimum is
   * {@code minimum_tb} kept for every day of the month, so February's is a little smaller and a
   * 31-day month's a little larger than {@code price_per_tb_month}.
   */
  CALENDAR,
  /**
   * Wasabi's default: an invoice every 30 days from the day the account became paid. Each invoice's
   * minimum is {@code minimum_tb x price_per_tb_month}; costmon counts one such minimum per calendar
   * month, since it cannot see where the 30-day cycles begin.
   */
  THIRTY_DAY
}
