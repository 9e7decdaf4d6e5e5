package dev.costmon.provider.wasabi;

import dev.costmon.config.Secret;
import dev.costmon.model.Money;
import dev.costmon.provider.ProviderSettings;
import java.math.BigDecimal;

/**
 * A Wasabi account read through the Stats API.
 *
 * @param accessKey the access key of a root key or a user with billing-read permission
 * @param secretKey its secret key
 * @param pricePerTbMonth pay-go storage price per TB (1024^4 bytes) and 30 days, default {@code 6.99
 *     USD}; write your invoice's "Timed Active Storage" unit price x 30 x 1024
 * @param minimumTb the minimum active storage charged per month in TB, default 1; 0 turns it off
 *     (reserved-capacity contracts); used only for months whose records lack {@code
 *     MinStorageChargeBytes}, Wasabi's own daily figure
 * @param billing {@code calendar} (default) or {@code thirty_day}, see {@link Billing}
 */
public record WasabiSettings(
    Secret accessKey, Secret secretKey, Money pricePerTbMonth, BigDecimal minimumTb, Billing billing)
    implements ProviderSettings {

  /** Wasabi's pay-go list price in its 2024 invoice documentation ($0.00022754 per GB-day). */
  static final Money DEFAULT_PRICE = Money.of("6.99", "USD");

  public WasabiSettings {
    if (accessKey == null) {
      throw new IllegalArgumentException("access_key: is required, e.g. access_key: ${WASABI_ACCESS_KEY}");
    }
    if (secretKey == null) {
      throw new IllegalArgumentException("secret_key: is required, e.g. secret_key: ${WASABI_SECRET_KEY}");
    }
    pricePerTbMonth = pricePerTbMonth == null ? DEFAULT_PRICE : pricePerTbMonth;
    if (pricePerTbMonth.isNegative()) {
      throw new IllegalArgumentException("price_per_tb_month must not be negative");
    }
    minimumTb = minimumTb == null ? BigDecimal.ONE : minimumTb;
    if (minimumTb.signum() < 0) {
      throw new IllegalArgumentException("minimum_tb must not be negative");
    }
    billing = billing == null ? Billing.CALENDAR : billing;
  }
}
