package dev.costmon.provider.anthropic;

import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderSettings;

/**
 * An Anthropic Console organisation read through the Usage &amp; Cost Admin API.
 *
 * @param adminKey an Admin API key ({@code sk-ant-admin...}), sent as {@code x-api-key}
 */
public record AnthropicSettings(Secret adminKey) implements ProviderSettings {

  public AnthropicSettings {
    if (adminKey == null) {
      throw new IllegalArgumentException(
          "admin_key: is required, e.g. admin_key: ${ANTHROPIC_ADMIN_KEY} (an Admin API key, sk-ant-admin...)");
    }
  }
}
