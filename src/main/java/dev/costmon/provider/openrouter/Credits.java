package dev.costmon.provider.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.ProviderException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code GET /credits}: lifetime credits purchased and used, so the prepaid balance left. Not a
 * monthly figure, so it gives no spend, only the balance for a "credits below X" threshold.
 */
final class Credits {
  static final String PATH = "/credits";
  static final String REMAINING = "credits_remaining";
  static final String USED_TOTAL = "credits_used_total";

  private Credits() {}

  /**
   * The balance on {@code today}. OpenRouter has been seen answering keys it should refuse with a
   * silent {@code {total_credits: 0, total_usage: 0}}; when the account evidently spent money
   * ({@code accountSpent}), such zeros are not a balance, and the metrics are left out (their stored
   * values stay) rather than reporting an empty balance or failing the spend collected alongside.
   */
  static List<Observation> observations(
      JsonNode body, boolean accountSpent, LocalDate today, Consumer<String> log) throws ProviderException {
    JsonNode data = JsonFields.object(body, "data", PATH);
    BigDecimal credits = JsonFields.number(data, "total_credits", PATH + ".data");
    BigDecimal used = JsonFields.number(data, "total_usage", PATH + ".data");
    if (credits.signum() == 0 && used.signum() == 0 && accountSpent) {
      log.accept(PATH + ": answered 0 credits and 0 used although /activity shows spend; balance not recorded");
      return List.of();
    }
    return List.of(
        Observation.usage(today, REMAINING, "", credits.subtract(used), "USD", Aggregation.LAST, Provenance.API),
        Observation.usage(today, USED_TOTAL, "", used, "USD", Aggregation.LAST, Provenance.API));
  }
}
