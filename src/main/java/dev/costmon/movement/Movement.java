package dev.costmon.movement;

import dev.costmon.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * How one service or resource of an account moved between two periods: its spend in each (absent
 * when it had no figure there), the difference and the relative change.
 *
 * @param dimension the stored dimension (service, model, bucket, "Droplets / ml-test"), or
 *     {@link #ACCOUNT} for figures of the account as a whole
 */
public record Movement(String account, String dimension, Optional<Spend> before, Optional<Spend> after) {
  /** The dimension of figures that belong to no service: the account as a whole. */
  public static final String ACCOUNT = "(account)";

  public Movement {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    if (before.isEmpty() && after.isEmpty()) {
      throw new IllegalArgumentException(account + " " + dimension + " has no figure in either period");
    }
    if (before.isPresent() && after.isPresent()
        && !before.get().amount().currency().equals(after.get().amount().currency())) {
      throw new IllegalArgumentException(account + " " + dimension + " is in two currencies");
    }
  }

  public Change change() {
    return before.isEmpty() ? Change.NEW : after.isEmpty() ? Change.GONE : Change.CHANGED;
  }

  /** The account's currency, which both sides are in. */
  public Currency currency() {
    return after.or(() -> before).orElseThrow().amount().currency();
  }

  /** Later minus earlier, in the account's currency; a side without figures counts as nothing spent there. */
  public Money difference() {
    Money zero = Money.zero(currency());
    return after.map(Spend::amount).orElse(zero).minus(before.map(Spend::amount).orElse(zero));
  }

  /** {@link #difference()} in the reporting currency, each side at its own period's rates. */
  public Money differenceReporting() {
    Money zero = Money.zero(after.or(() -> before).orElseThrow().reporting().currency());
    return after.map(Spend::reporting).orElse(zero).minus(before.map(Spend::reporting).orElse(zero));
  }

  /**
   * The relative change, 0.5 for +50%: only when both periods have figures and the earlier one is
   * not zero (there is no percentage of nothing).
   */
  public Optional<BigDecimal> ratio() {
    if (change() != Change.CHANGED || before.get().amount().isZero()) {
      return Optional.empty();
    }
    return Optional.of(difference().amount().divide(before.get().amount().amount(), MathContext.DECIMAL64));
  }

  /**
   * What moved, for people: {@code Droplets / ml-test +25.50 USD (new)}, {@code gpt-4.1 +12.00 USD
   * (+150%)}, {@code bucket-a -3.00 USD (gone)}, {@code Workers +5.00 USD (from 0.00)}.
   */
  public String describe() {
    return dimension + " " + signed(difference()) + " (" + note() + ")";
  }

  /** {@code new}, {@code gone}, {@code +150%} or, from a spend of zero, {@code from 0.00} ({@code 0%} to zero). */
  public String note() {
    return switch (change()) {
      case NEW, GONE -> change().label();
      // Nothing to nothing is no change; from nothing to something has no percentage.
      case CHANGED -> ratio().map(Movement::percent).orElseGet(() -> difference().isZero() ? "0%"
          : "from " + before.get().amount().displayAmount());
    };
  }

  /** {@code +25.50 USD}, {@code -3.00 USD}, {@code 0.00 USD}: the amount rounded for display, signed. */
  public static String signed(Money money) {
    String shown = money.display();
    return money.amount().signum() > 0 ? "+" + shown : shown;
  }

  /** A relative change as a whole percentage with its sign: {@code +150%}, {@code -33%}. */
  public static String percent(BigDecimal ratio) {
    BigDecimal p = ratio.movePointRight(2).setScale(0, RoundingMode.HALF_EVEN);
    return (p.signum() > 0 ? "+" : "") + p.toPlainString() + "%";
  }
}
