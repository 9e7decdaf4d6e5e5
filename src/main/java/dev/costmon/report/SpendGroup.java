package dev.costmon.report;

import dev.costmon.budget.AccountView;
import dev.costmon.budget.ServiceSpend;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts, or the parts of accounts that attribution gives to one label value, shown together, with
 * their spend summed exactly in the reporting currency.
 *
 * @param key the provider or label value; the empty string when the report is not grouped
 * @param forecast the members' forecasts summed; empty when a member is only part of its account,
 *     because forecasts belong to whole accounts and are not split
 */
record SpendGroup(String key, List<Member> members, Money spend, Optional<Money> forecast, Set<Provenance> provenance) {

  SpendGroup {
    members = List.copyOf(members);
    provenance = Set.copyOf(provenance);
  }

  /**
   * An account's spend in this group: all of it, or the lines attribution gave this group's value.
   *
   * @param spend in the account's currency
   * @param services the lines in this group, largest first
   * @param whole the account's entire spend is in this group
   */
  record Member(AccountView account, Money spend, Money spendReporting, List<ServiceSpend> services, boolean whole) {
    Member {
      services = List.copyOf(services);
    }

    static Member of(AccountView account) {
      return new Member(account, account.spend(), account.spendReporting(), account.services(), true);
    }
  }

  /**
   * Whether any member has a spend figure this month. Without one the group's sums are zeros made
   * of absences, shown as "no data" like an account's, never as 0.00.
   */
  boolean hasFigures() {
    return members.stream().anyMatch(m -> m.account().hasFigures());
  }

  List<AccountView> accounts() {
    return members.stream().map(Member::account).toList();
  }
}
