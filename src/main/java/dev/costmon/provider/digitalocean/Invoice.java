package dev.costmon.provider.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.ProviderException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A closed invoice from {@code GET /v2/customers/my/invoices}: its billing month, total in USD and
 * UUID, which names its items ({@code GET /v2/customers/my/invoices/{uuid}}).
 */
record Invoice(YearMonth period, BigDecimal amount, Optional<String> uuid) {
  /** What goes into the items' path unescaped; anything else is not asked for (its total still counts). */
  private static final Pattern UUID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  static Invoice from(JsonNode invoice) throws ProviderException {
    String where = BillingApi.INVOICES + " invoices[]";
    return new Invoice(
        Fields.period(invoice, "invoice_period", where), JsonFields.decimal(invoice, "amount", where),
        Fields.optionalText(invoice, "invoice_uuid").filter(u -> UUID.matcher(u).matches()));
  }
}
