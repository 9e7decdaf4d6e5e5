package dev.costmon.digest;

import dev.costmon.model.Money;
import dev.costmon.movement.Comparison;
import dev.costmon.movement.Movement;
import dev.costmon.model.Provenance;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A summary for people of one period: the month to date against cap and forecast, the period's spend
 * per account, what moved, what is new, which accounts are stale, the open breaches and the quotas
 * near their limit. Amounts are exact; renderers round them for display only. An empty
 * {@link Optional} amount is an absence of figures, never zero.
 *
 * @param currency the reporting currency of totals and rankings
 * @param basis how the movers' earlier side is formed: the period before, or the median day of the week before
 * @param comparedWith the days the movers are measured against
 * @param movers the largest changes in the reporting currency first, as {@code report --compare} finds them
 */
public record Digest(Period period, Comparison.Basis basis, dev.costmon.movement.Period comparedWith,
    Instant generatedAt, boolean demo, Currency currency, Month month, Optional<Money> periodTotal,
    List<AccountLine> accounts, List<Movement> movers,
    List<NewResource> newResources, List<Alert> stale, List<Alert> breaches, List<QuotaLine> quotas) {

  public Digest {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(comparedWith, "comparedWith");
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(periodTotal, "periodTotal");
    accounts = List.copyOf(accounts);
    movers = List.copyOf(movers);
    newResources = List.copyOf(newResources);
    stale = List.copyOf(stale);
    breaches = List.copyOf(breaches);
    quotas = List.copyOf(quotas);
  }

  /**
   * The month the period ends in, over all accounts in the reporting currency.
   *
   * @param spend month-to-date spend; empty when no account has a figure of the month
   */
  public record Month(YearMonth month, int daysElapsed, boolean closed, Optional<Money> spend,
      Optional<Money> forecast, Optional<Money> cap, Optional<BigDecimal> capRatio) {
    public int daysInMonth() {
      return month.lengthOfMonth();
    }
  }

  /**
   * One account: the period's spend and its month.
   *
   * @param periodSpend in the account's currency; empty when no figure of the period is stored
   * @param periodProvenance where the period's figures come from
   * @param monthSpend month to date in the account's currency; empty without a figure of the month
   */
  public record AccountLine(String account, String provider, Optional<Money> periodSpend,
      Optional<Money> periodSpendReporting, Set<Provenance> periodProvenance, Optional<Money> monthSpend,
      Set<Provenance> monthProvenance, Optional<Money> cap, Optional<BigDecimal> capRatio,
      Optional<Money> forecast, Provenance forecastProvenance) {
    public AccountLine {
      periodProvenance = Set.copyOf(periodProvenance);
      monthProvenance = Set.copyOf(monthProvenance);
    }
  }

  /** A service or resource with spend in the period and none stored in the weeks before it. */
  public record NewResource(String account, String dimension, LocalDate firstDay, Money spend,
      Set<Provenance> provenance) {
    public NewResource {
      provenance = Set.copyOf(provenance);
    }
  }

  /** A threshold as {@code costmon check} states it: {@code CRITICAL ovh cap: spend ...}. */
  public record Alert(String status, String subject, String name, String message) {}

  /** A quota used at least {@link DigestBuilder#NEAR_QUOTA} of its limit. */
  public record QuotaLine(String account, String metric, BigDecimal usage, BigDecimal quota, String unit,
      BigDecimal ratio) {}
}
