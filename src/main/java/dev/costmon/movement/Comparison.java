package dev.costmon.movement;

import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Spend of two periods side by side, per account and per service or resource.
 *
 * @param basis how the earlier side was formed: the sum of its days, or the median of a day's spend
 * @param reporting the currency every {@link Spend#reporting()} is in
 * @param accounts every configured account, in the config's order
 */
public record Comparison(Period before, Period after, Basis basis, Currency reporting,
    List<AccountMovement> accounts) {

  /** How the earlier side of a comparison is formed. */
  public enum Basis {
    /** The sum of the earlier period's figures, against the sum of the later's. */
    SUM,
    /**
     * The median of the earlier period's daily spend (on the account's days with figures; a service
     * without a figure on such a day spent nothing that day), against the later day's spend.
     */
    DAILY_MEDIAN
  }

  public Comparison {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(reporting, "reporting");
    accounts = List.copyOf(accounts);
  }

  /** Every movement of every compared account, largest absolute change in the reporting currency first. */
  public List<Movement> movements() {
    return accounts.stream().flatMap(a -> a.movements().stream()).sorted(AccountMovement.LARGEST_FIRST).toList();
  }

  public Optional<AccountMovement> account(String id) {
    return accounts.stream().filter(a -> a.account().equals(id)).findFirst();
  }
}
