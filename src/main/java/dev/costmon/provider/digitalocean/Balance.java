package dev.costmon.provider.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.ProviderException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@code GET /v2/customers/my/balance}: usage of the billing month so far and the balance of the
 * last billing activity (negative is a credit), both in USD, as of {@code generated_at}.
 */
record Balance(BigDecimal monthToDateUsage, BigDecimal accountBalance, Instant generatedAt) {

  static Balance from(JsonNode body) throws ProviderException {
    String where = BillingApi.BALANCE;
    return new Balance(
        JsonFields.decimal(body, "month_to_date_usage", where),
        JsonFields.decimal(body, "account_balance", where),
        Fields.instant(body, "generated_at", where));
  }
}
