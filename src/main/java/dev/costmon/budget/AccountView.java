package dev.costmon.budget;

import dev.costmon.config.Account;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import dev.costmon.store.CollectionState;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One account's month: spend in its own and the reporting currency, cap, forecast, breakdown,
 * usage against quotas, trend and data freshness. Everything report, check and export show.
 *
 * @param fxRate units of the reporting currency per unit of the account's currency, as used
 * @param condition the provider's named condition from the last attempt ("no admin access"), if any
 * @param reconciliation estimates from {@code rates:} that the provider's own spend replaced, beside it
 */
public record AccountView(
    Account account,
    Money spend,
    Money spendReporting,
    BigDecimal fxRate,
    Set<Provenance> provenance,
    List<ServiceSpend> services,
    Optional<Money> cap,
    Optional<BigDecimal> capRatio,
    Money forecast,
    Provenance forecastProvenance,
    Optional<BigDecimal> forecastRatio,
    List<UsageView> usage,
    List<DailySpend> trend,
    Optional<CollectionState> collection,
    boolean stale,
    Optional<String> condition,
    List<Reconciliation> reconciliation) {

  public AccountView {
    reconciliation = List.copyOf(reconciliation);
  }

  /** An account without estimates that its provider's spend replaced. */
  public AccountView(Account account, Money spend, Money spendReporting, BigDecimal fxRate, Set<Provenance> provenance,
      List<ServiceSpend> services, Optional<Money> cap, Optional<BigDecimal> capRatio, Money forecast,
      Provenance forecastProvenance, Optional<BigDecimal> forecastRatio, List<UsageView> usage, List<DailySpend> trend,
      Optional<CollectionState> collection, boolean stale, Optional<String> condition) {
    this(account, spend, spendReporting, fxRate, provenance, services, cap, capRatio, forecast, forecastProvenance,
        forecastRatio, usage, trend, collection, stale, condition, List.of());
  }

  public String id() {
    return account.id();
  }

  public boolean hasData() {
    return collection.flatMap(CollectionState::lastSuccess).isPresent();
  }

  /**
   * Whether any spend figure of this month is stored. Without one, the zero in {@link #spend()} is
   * an absence, not a figure: every output shows it as "no data", never as 0.00 (a month before the
   * history began, an account whose collects all failed).
   */
  public boolean hasFigures() {
    return !provenance.isEmpty() || !services.isEmpty();
  }

  /**
   * One of this account's figures in the reporting currency, exact, at the rate its spend was
   * converted with, so that parts converted one by one add up to {@link #spendReporting()}.
   */
  public Money toReporting(Money amount) {
    Currency reporting = spendReporting.currency();
    if (amount.currency().equals(reporting)) {
      return amount;
    }
    if (!amount.currency().equals(account.currency())) {
      throw new IllegalStateException("account " + id() + " has a figure in "
          + amount.currency().getCurrencyCode() + ", not its own currency " + account.currency());
    }
    return amount.convert(reporting, fxRate);
  }
}
