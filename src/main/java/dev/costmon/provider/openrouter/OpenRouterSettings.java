package dev.costmon.provider.openrouter;

import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderSettings;

/**
 * An OpenRouter account read with one API key.
 *
 * <p>There is no automatic fallback between the key types: they record different shapes (daily rows
 * per model versus one month-to-date row), and switching between them within a month would count
 * the month twice. A management key used as {@code inference}, or the other way round, fails with a
 * named condition that says which setting to change.
 *
 * @param apiKey the key, sent as a Bearer token, e.g. {@code ${OPENROUTER_KEY}}
 * @param keyType {@code management} (default) or {@code inference}
 */
public record OpenRouterSettings(Secret apiKey, KeyType keyType) implements ProviderSettings {

  public OpenRouterSettings {
    if (apiKey == null) {
      throw new IllegalArgumentException(
          "api_key: is required, an OpenRouter management key, e.g. api_key: ${OPENROUTER_KEY}");
    }
    keyType = keyType == null ? KeyType.MANAGEMENT : keyType;
  }
}
