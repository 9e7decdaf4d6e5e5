package dev.costmon.movement;

import dev.costmon.fx.DatedRate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Spend of two periods side by side, per account and per service or resource.
 *
 * @param basis how the earlier side was formed: the sum of its days, or the median of a day's spend
 * @param reporting the currency every {@link Spend#reporting()} is in
 * @param accounts every configured account, in the config's order
 * @param beforeRates per currency other than the reporting one, the dated rate the earlier side was
 *     converted with (of its last month, when it spans two)
 * @param afterRates the same for the later side
 */
public record Comparison(Period before, Period after, Basis basis, Currency reporting,
    List<AccountMovement> accounts, Map<Currency, DatedRate> beforeRates, Map<Currency, DatedRate> afterRates) {

  /** The account name of {@link #total()}, as check and report call the sum of all accounts. */
  public static final String TOTAL = "total";

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
    beforeRates = Map.copyOf(beforeRates);
    afterRates = Map.copyOf(afterRates);
  }

  /** Every movement of every compared account, largest absolute change in the reporting currency first. */
  public List<Movement> movements() {
    return accounts.stream().flatMap(a -> a.movements().stream()).sorted(AccountMovement.LARGEST_FIRST).toList();
  }

  /**
   * The accounts compared (figures in both periods) added up in the reporting currency, as a
   * movement of account {@link #TOTAL}; empty when none was compared. Accounts without figures in a
   * period are left out of both sides rather than counted as nothing.
   */
  public Optional<Movement> total() {
    List<AccountMovement> compared = accounts.stream().filter(AccountMovement::compared).toList();
    if (compared.isEmpty()) {
      return Optional.empty();
    }
    Spend before = compared.stream().map(a -> a.before().orElseThrow()).map(Comparison::inReporting)
        .reduce(Spend::plus).orElseThrow();
    Spend after = compared.stream().map(a -> a.after().orElseThrow()).map(Comparison::inReporting)
        .reduce(Spend::plus).orElseThrow();
    return Optional.of(new Movement(TOTAL, Movement.ACCOUNT, Optional.of(before), Optional.of(after)));
  }

  private static Spend inReporting(Spend spend) {
    return new Spend(spend.reporting(), spend.reporting(), spend.provenance());
  }

  public Optional<AccountMovement> account(String id) {
    return accounts.stream().filter(a -> a.account().equals(id)).findFirst();
  }
}
