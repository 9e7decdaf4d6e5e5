package dev.costmon.provider.digitalocean;

import dev.costmon.config.Account;
import dev.costmon.model.Observation;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderType;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code provider: digitalocean}: spend per product and resource from the invoice preview (the
 * running month) and from each closed month's invoice, and the account balance, with a {@code
 * billing:read} token.
 */
public final class DigitalOceanProvider implements ProviderType<DigitalOceanSettings> {

  @Override
  public String name() {
    return "digitalocean";
  }

  @Override
  public Class<DigitalOceanSettings> settingsType() {
    return DigitalOceanSettings.class;
  }

  /** The balance is its only usage figure (a floor's, not a price's, but a rate for it is no typo). */
  @Override
  public Optional<Set<String>> usageMetrics(DigitalOceanSettings settings) {
    return Optional.of(Set.of(MonthlySpend.ACCOUNT_BALANCE));
  }

  /** Invoices of any past month: the invoice list per window, and the balance for the one reaching today. */
  @Override
  public Backfill backfill(DigitalOceanSettings settings) {
    return Backfill.anyPast(1).todayAsks(1);
  }

  @Override
  public Set<Currency> currencies(DigitalOceanSettings settings) {
    return Set.of(MonthlySpend.USD);
  }

  @Override
  public List<Observation> collect(
      Account account, DigitalOceanSettings settings, CollectWindow window, ProviderContext context)
      throws ProviderException {
    BillingApi api = new BillingApi(settings, context);
    MonthlySpend spend = new MonthlySpend(window, context.log());
    // The balance is today's: a backfill's past month has no use for it.
    Optional<Balance> balance = spend.needsBalance() ? Optional.of(api.balance()) : Optional.empty();
    InvoiceList invoices = api.invoices(MonthlySpend.oldestMonth(window));
    List<InvoiceItem> items = spend.needsItems(invoices) ? api.previewItems() : List.of();
    Map<YearMonth, List<InvoiceItem>> invoiced = new TreeMap<>();
    for (Invoice invoice : spend.itemized(invoices)) {
      invoiced.computeIfAbsent(invoice.period(), m -> new ArrayList<>())
          .addAll(api.invoiceItems(invoice.uuid().orElseThrow()));
    }
    return spend.observations(balance, invoices, items, invoiced);
  }
}
