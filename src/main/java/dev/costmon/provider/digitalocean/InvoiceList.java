package dev.costmon.provider.digitalocean;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The closed invoices of the months asked for and the invoice preview, if the account has one. */
record InvoiceList(List<Invoice> invoices, Optional<InvoicePreview> preview) {

  InvoiceList {
    invoices = List.copyOf(invoices);
  }

  /** Invoice totals by billing month; a month with several invoices gets their sum. */
  Map<YearMonth, BigDecimal> totals() {
    Map<YearMonth, BigDecimal> totals = new TreeMap<>();
    invoices.forEach(i -> totals.merge(i.period(), i.amount(), BigDecimal::add));
    return totals;
  }

  boolean invoiced(YearMonth month) {
    return invoices.stream().anyMatch(i -> i.period().equals(month));
  }
}
