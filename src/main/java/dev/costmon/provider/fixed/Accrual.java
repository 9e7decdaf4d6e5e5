package dev.costmon.provider.fixed;

/** How a flat monthly fee counts towards month-to-date spend. */
public enum Accrual {
  /** The whole fee counts from the billing day on. */
  UPFRONT,
  /** The fee accrues evenly over the days of the month. */
  DAILY
}
