package dev.costmon.provider.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.ProviderException;
import java.math.BigDecimal;
import java.time.YearMonth;

/** A closed invoice from {@code GET /v2/customers/my/invoices}: its billing month and total in USD. */
record Invoice(YearMonth period, BigDecimal amount) {

  static Invoice from(JsonNode invoice) throws ProviderException {
    String where = BillingApi.INVOICES + " invoices[]";
    return new Invoice(
        Fields.period(invoice, "invoice_period", where), JsonFields.decimal(invoice, "amount", where));
  }
}
