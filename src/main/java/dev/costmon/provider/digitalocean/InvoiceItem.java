package dev.costmon.provider.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.ProviderException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of an invoice (or of the invoice preview): the product (Droplets, Spaces, ...), the
 * resource it bills, its amount in USD and the time it was billed for.
 *
 * @param resource the resource's name: the group (a Kubernetes cluster, a database) when the line
 *     is part of one, else its description without the size DigitalOcean appends ({@code ml-test}
 *     from {@code ml-test (s-1vcpu-1gb)}), else its UUID or id; empty when the line names none
 */
record InvoiceItem(String product, String resource, BigDecimal amount, Optional<Instant> start, Optional<Instant> end) {
  /** The breakdown name of an item without a product, which the docs do not foresee. */
  static final String NO_PRODUCT = "other";

  /** The size or plan DigitalOcean writes after a resource's name: {@code web-1 (s-2vcpu-4gb)}. */
  private static final Pattern SIZE_SUFFIX = Pattern.compile("\\s*\\([^()]*\\)$");

  /** Without times (not documented as always present) the item counts for the whole period. */
  InvoiceItem(String product, BigDecimal amount) {
    this(product, "", amount, Optional.empty(), Optional.empty());
  }

  static InvoiceItem from(JsonNode item) throws ProviderException {
    String where = BillingApi.PREVIEW_ITEMS + " invoice_items[]";
    return new InvoiceItem(
        Fields.optionalText(item, "product").orElse(NO_PRODUCT),
        resource(item),
        JsonFields.decimal(item, "amount", where),
        Fields.optionalInstant(item, "start_time", where),
        Fields.optionalInstant(item, "end_time", where));
  }

  /** {@code Droplets / ml-test}, or the product alone for a line without a resource. */
  String dimension() {
    return resource.isEmpty() ? product : product + " / " + resource;
  }

  private static String resource(JsonNode item) {
    Optional<String> group = Fields.optionalText(item, "group_description");
    if (group.isPresent()) {
      return group.get();
    }
    Optional<String> name = Fields.optionalText(item, "description")
        .map(d -> SIZE_SUFFIX.matcher(d).replaceFirst("").strip())
        .filter(d -> !d.isEmpty());
    return name.or(() -> Fields.optionalText(item, "resource_uuid"))
        .or(() -> Fields.optionalText(item, "resource_id"))
        .orElse("");
  }
}
