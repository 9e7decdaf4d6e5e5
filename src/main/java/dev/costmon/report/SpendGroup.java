package dev.costmon.report;

import dev.costmon.budget.AccountView;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import java.util.List;
import java.util.Set;

/**
 * Accounts shown together, with their spend and forecast summed exactly in the reporting currency.
 *
 * @param key the provider or label value; the empty string when the report is not grouped
 */
record SpendGroup(String key, List<AccountView> accounts, Money spend, Money forecast, Set<Provenance> provenance) {

  SpendGroup {
    accounts = List.copyOf(accounts);
    provenance = Set.copyOf(provenance);
  }
}
