package dev.costmon.provider.ovh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Money;
import dev.costmon.provider.ProviderException;
import java.time.LocalDate;

/**
 * One {@code billing.Bill}: its id, the day it is dated (in the offset OVH writes it with) and its
 * amount without tax, the basis the pay-as-you-go consumption is reported on too.
 */
record Bill(String id, LocalDate date, Money amount) {

  static Bill from(JsonNode node, String where, Prices prices) throws ProviderException {
    return new Bill(Dates.text(node, "billId", where), Dates.day(node, "date", where),
        prices.read(node, "priceWithoutTax", where));
  }
}
