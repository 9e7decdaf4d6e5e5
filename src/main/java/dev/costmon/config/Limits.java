package dev.costmon.config;

import dev.costmon.model.Money;
import dev.costmon.model.Quantity;

/**
 * Caps, quotas and floors as the config writes them. A negative limit is refused: it would compare
 * below every spend and silently turn the threshold off. Zero is a real limit: nothing may be spent
 * or used, so any spend or use is CRITICAL.
 */
public final class Limits {
  private Limits() {}

  /** A {@code cap} or {@code hard_cap}: {@code 200 EUR}, {@code 0 USD}. */
  public static Money cap(String text, String key) {
    Money cap = Money.parse(text);
    if (cap.amount().signum() < 0) {
      throw new IllegalArgumentException(key + " " + text.strip() + " is negative; write a positive amount, or 0 "
          + cap.currency().getCurrencyCode() + " for an account that must not spend anything");
    }
    return cap;
  }

  /** A quota or floor of usage: {@code 8GB}, {@code 1M}. */
  public static Quantity usage(String text, String key) {
    Quantity limit = Quantity.parse(text);
    if (limit.value().signum() < 0) {
      throw new IllegalArgumentException(key + " " + text.strip() + " is negative; usage is never below 0");
    }
    return limit;
  }
}
