package dev.costmon.provider.hetzner;

import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderSettings;

/**
 * One Hetzner Cloud project, read with a project API token.
 *
 * @param token an API token of the project with Read permission, sent as a Bearer token
 */
public record HetznerSettings(Secret token) implements ProviderSettings {

  public HetznerSettings {
    if (token == null) {
      throw new IllegalArgumentException(
          "token: is required, a Read-only API token of the project, e.g. token: ${HCLOUD_TOKEN}");
    }
  }
}
