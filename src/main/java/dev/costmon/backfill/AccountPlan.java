package dev.costmon.backfill;

import dev.costmon.config.Account;
import dev.costmon.model.Money;
import dev.costmon.provider.Backfill;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a backfill asks one account: its windows, oldest first, and what they cost.
 *
 * @param firstDay the first day asked, later than {@code --from} where the provider cannot go that far
 * @param requests the requests the windows take when nothing pages (an estimate for the plan)
 * @param budget the most requests this backfill may send to the account ({@code max_requests} or
 *     {@code --max-requests}); {@link Integer#MAX_VALUE} for free APIs
 */
public record AccountPlan(
    Account account, Backfill backfill, List<Window> windows, LocalDate asked, Optional<LocalDate> firstDay,
    int requests, int budget) {

  public AccountPlan {
    windows = List.copyOf(windows);
  }

  /** What the requests are expected to cost, for paid APIs. */
  public Optional<Money> cost() {
    return backfill.pricePerRequest().map(price -> price.times(BigDecimal.valueOf(requests)));
  }

  /** Whether the windows need more requests than the account may send in this backfill. */
  public boolean overBudget() {
    return requests > budget;
  }

  /**
   * One line when the provider cannot go back as far as asked ({@code openrouter: activity only
   * covers the last 30 days; backfilled from 2026-11-06}); empty when it can.
   */
  public Optional<String> shortfall() {
    if (!backfill.limit().isEmpty() && (windows.isEmpty() || windows.get(0).from().isAfter(asked))) {
      String how = windows.isEmpty() ? "nothing in the asked days backfilled"
          : "backfilled from " + windows.get(0).from();
      return Optional.of(account.id() + ": " + backfill.limit() + "; " + how);
    }
    return Optional.empty();
  }
}
