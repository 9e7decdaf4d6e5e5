package dev.costmon.provider.hetzner;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderSettings;
import java.util.Locale;

/**
 * One Hetzner Cloud project, read with a project API token.
 *
 * @param token an API token of the project with Read permission, sent as a Bearer token
 * @param prices which of Hetzner's prices the estimate uses: {@code net} (before VAT, as invoices
 *     list them; the default) or {@code gross} (with the VAT of the project owner's country)
 */
public record HetznerSettings(Secret token, Prices prices) implements ProviderSettings {

  /** Net or gross prices: the two figures of every price in {@code GET /pricing}. */
  public enum Prices {
    NET, GROSS;

    /** The field of a Hetzner price object holding this price. */
    @JsonValue
    String field() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public HetznerSettings {
    if (token == null) {
      throw new IllegalArgumentException(
          "token: is required, a Read-only API token of the project, e.g. token: ${HCLOUD_TOKEN}");
    }
    prices = prices == null ? Prices.NET : prices;
  }
}
