package dev.costmon.provider.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.config.Secret;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.MonthToDate;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /key}: the calling key's own usage. It has no daily split, so the UTC month-to-date
 * figure is recorded as one spend row on the month's first day; costmon keeps the latest snapshot
 * per day, so each run's row replaces the previous one and the month total stays exact.
 *
 * <p>A linear forecast from that row alone would read the whole month so far as the first day's
 * spend, so the month-end forecast is given here: the month-to-date figure over the time elapsed.
 */
final class KeyUsage {
  static final String PATH = "/key";
  static final String NO_MONTHLY_USAGE =
      "this key reports no monthly usage (pre-2025 key): create a new key or use a management key";
  static final String IS_MANAGEMENT_KEY =
      "this is a management key, which spends nothing itself: drop key_type: inference to collect"
          + " the account's spend from /activity";


  private KeyUsage() {}

  static List<Observation> observations(JsonNode body, Secret key, CollectWindow window)
      throws ProviderException {
    String where = PATH + ".data";
    JsonNode data = JsonFields.object(body, "data", PATH);
    if (flag(data, "is_management_key") || flag(data, "is_provisioning_key")) {
      throw new ProviderException(Kind.CONDITION, IS_MANAGEMENT_KEY);
    }
    if (!data.has("usage_monthly")) {
      throw new ProviderException(Kind.CONDITION, NO_MONTHLY_USAGE);
    }
    BigDecimal monthToDate = JsonFields.number(data, "usage_monthly", where);
    LocalDate monthStart = LocalDate.ofInstant(window.now(), ZoneOffset.UTC).withDayOfMonth(1);
    List<Observation> result = new ArrayList<>();
    result.add(Observation.spend(
        monthStart, dimension(data, key), new Money(monthToDate, Activity.USD), Provenance.API));
    result.add(Observation.forecast(monthStart, MonthToDate.forecast(new Money(monthToDate, Activity.USD), monthStart, window.now(), ZoneOffset.UTC), Provenance.ESTIMATE));
    Optional<BigDecimal> limit = Fields.optionalDecimal(data, "limit", where);
    Optional<BigDecimal> remaining = Fields.optionalDecimal(data, "limit_remaining", where);
    if (limit.isPresent() && remaining.isPresent()) {
      result.add(Observation.usage(window.today(), Credits.REMAINING, "", remaining.get(), "USD",
          Aggregation.LAST, Provenance.API));
    }
    return result;
  }

  /** "month to date (key <label>)"; a label that would show the key itself is left out. */
  private static String dimension(JsonNode data, Secret key) {
    return Fields.optionalText(data, "label")
        .map(String::strip)
        .filter(label -> !label.contains(key.reveal()))
        .map(label -> "month to date (key " + label + ")")
        .orElse("month to date");
  }

  private static boolean flag(JsonNode data, String name) {
    JsonNode node = data.get(name);
    return node != null && node.isBoolean() && node.booleanValue();
  }
}
