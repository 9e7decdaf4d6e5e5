package dev.costmon.provider.digitalocean;

import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderSettings;

/**
 * A DigitalOcean team's billing, read with a personal access token.
 *
 * @param token a custom-scoped token with only {@code billing:read}, sent as a Bearer token
 */
public record DigitalOceanSettings(Secret token) implements ProviderSettings {

  public DigitalOceanSettings {
    if (token == null) {
      throw new IllegalArgumentException(
          "token: is required, a token with the billing:read scope, e.g. token: ${DIGITALOCEAN_TOKEN}");
    }
  }
}
