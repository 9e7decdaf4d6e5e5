package dev.costmon.provider.demo;

/** The synthetic shapes the demo provider can draw. */
public enum Scenario {
  /** Spend around a daily amount with a little noise. */
  STEADY,
  /** API spend split over two models with a twelve-fold spike on the 15th of each month. */
  SPIKE,
  /** Free-tier function invocations growing through the month, no spend (a Hobby plan). */
  GROWING_USAGE,
  /** A plan fee on the 1st and a database that fills 85% of its quota. */
  QUOTA,
  /** Prepaid credits drawn down through the month and topped up on the 1st: a balance for a floor. */
  CREDITS
}
