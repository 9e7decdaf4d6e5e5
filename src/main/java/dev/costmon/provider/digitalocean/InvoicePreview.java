package dev.costmon.provider.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.ProviderException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

/**
 * The {@code invoice_preview} of the invoice list: the not yet invoiced month, its total so far in
 * USD and when DigitalOcean last regenerated it (daily).
 */
record InvoicePreview(YearMonth period, BigDecimal amount, Optional<Instant> updatedAt) {

  static InvoicePreview from(JsonNode preview) throws ProviderException {
    String where = BillingApi.INVOICES + " invoice_preview";
    return new InvoicePreview(
        Fields.period(preview, "invoice_period", where),
        JsonFields.decimal(preview, "amount", where),
        Fields.optionalInstant(preview, "updated_at", where));
  }
}
