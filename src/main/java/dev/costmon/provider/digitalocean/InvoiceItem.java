package dev.costmon.provider.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.ProviderException;
import java.math.BigDecimal;

/** One line of the invoice preview: the product (Droplets, Spaces, ...) and its amount in USD. */
record InvoiceItem(String product, BigDecimal amount) {
  /** The breakdown name of an item without a product, which the docs do not foresee. */
  static final String NO_PRODUCT = "other";

  static InvoiceItem from(JsonNode item) throws ProviderException {
    return new InvoiceItem(
        Fields.optionalText(item, "product").orElse(NO_PRODUCT),
        JsonFields.decimal(item, "amount", BillingApi.PREVIEW_ITEMS + " invoice_items[]"));
  }
}
